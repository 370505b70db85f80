namespace KeyAccountPipeline.Web.Api;

/// <summary>
/// Marks a POST that creates something (a deal, a checkpoint, an activity, a stakeholder, a coaching note, a review,
/// a person) as honouring an <c>Idempotency-Key</c> header: the same key with the same body returns the first
/// answer and writes nothing; the same key with another body answers 422; keys are kept 24 hours (issue 11, §3).
/// The OpenAPI document lists the header on every operation that carries this metadata (<see cref="OpenApiSetup"/>).
/// </summary>
public sealed class IdempotentEndpointMetadata
{
    /// <summary>The request header that carries the client's key.</summary>
    public const string HeaderName = "Idempotency-Key";

    /// <summary>How long a key is remembered.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    /// <summary>The one instance every marked endpoint shares: the marker has no state.</summary>
    public static readonly IdempotentEndpointMetadata Instance = new();

    private IdempotentEndpointMetadata()
    {
    }
}

/// <summary>Marks create endpoints with <see cref="IdempotentEndpointMetadata"/>.</summary>
public static class IdempotencyExtensions
{
    /// <summary>Declares that the endpoint honours <c>Idempotency-Key</c> (see <see cref="IdempotentEndpointMetadata"/>).</summary>
    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(IdempotentEndpointMetadata.Instance);
}
