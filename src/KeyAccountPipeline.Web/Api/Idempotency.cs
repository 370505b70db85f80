using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KeyAccountPipeline.Data.Idempotency;
using KeyAccountPipeline.Web.Auth;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KeyAccountPipeline.Web.Api;

/// <summary>
/// The <c>Idempotency-Key</c> request header (IETF draft "The Idempotency-Key HTTP Header Field") on a POST that
/// creates something. The same key from the same person with the same request answers the first answer again
/// (status, body, <c>Location</c>) and writes nothing; with another method, path or body it answers 422; while the
/// first request is still running, 409. Only 2xx answers are kept: a refused request releases its key, so the
/// corrected request can be sent with it again. Keys are stored in the database (<see cref="IdempotencyStore"/>) for
/// 24 hours. Without the header the endpoint works as before.
/// </summary>
internal sealed class IdempotencyFilter(IdempotencyStore store, IOptions<JsonOptions> json) : IEndpointFilter
{
    public const string Header = IdempotentEndpointMetadata.HeaderName;

    /// <summary>Set on an answer replayed from a key's first request.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(Header, out var values))
        {
            return await next(context);
        }

        if (values.Count != 1 || !IsValidKey(values[0]))
        {
            return Problems.Field(Header,
                $"'{Header}' must be one value of 1 to {IdempotencyRecord.KeyLength} printable ASCII characters.");
        }

        var key = values[0]!;
        var person = http.User.RequireActor().Id;
        var claim = await store.ClaimAsync(person, key, Fingerprint(context), http.RequestAborted);
        switch (claim.Outcome)
        {
            case ClaimOutcome.Replay:
                return StoredAnswer.Replay(claim.Record!);
            case ClaimOutcome.Mismatch:
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused.",
                    detail: $"This '{Header}' was used with another request (method, path or body). Use a new key for a new request.");
            case ClaimOutcome.InFlight:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Request in progress.",
                    detail: $"A request with this '{Header}' is still being carried out. Retry it once that one has answered.");
            case ClaimOutcome.AnswerLost:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already carried out.",
                    detail: $"A request with this '{Header}' was carried out and saved, but its answer could not be kept. Read the resource instead of sending it again.");
        }

        object? result;
        using (IdempotencyScope.Enter(claim))
        {
            try
            {
                result = await next(context);
            }
            catch (DbUpdateConcurrencyException superseded) when (superseded.Entries.Any(e => e.Entity is IdempotencyRecord))
            {
                // This request outlived its claim and a retry took the key over: its change was not saved, the retry's is.
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Request superseded.",
                    detail: $"A retry with this '{Header}' took over while this request was still running; this one was not saved.");
            }
            catch
            {
                await store.ReleaseAsync(claim);
                throw;
            }
        }

        var answer = await StoredAnswer.CaptureAsync(http, result);
        if (answer.StatusCode is >= 200 and < 300)
        {
            await store.CompleteAsync(claim, answer.StatusCode, answer.ContentType, answer.Location, answer.Body);
        }
        else
        {
            await store.ReleaseAsync(claim);
        }

        return answer;
    }

    /// <summary>1 to 255 printable ASCII characters (the draft leaves the syntax to the server; a UUID fits).</summary>
    internal static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= IdempotencyRecord.KeyLength } && key.All(c => c is >= '!' and <= '~' or ' ') && key.Trim().Length == key.Length;

    /// <summary>
    /// SHA-256 of the method, the path with its query, and the bound body as JSON: the same request sent again with
    /// other white space or property order is the same request; another value is not.
    /// </summary>
    private string Fingerprint(EndpointFilterInvocationContext context)
    {
        var request = context.HttpContext.Request;
        var bodyType = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
        var body = bodyType is null ? null : context.Arguments.FirstOrDefault(a => a is not null && bodyType.IsInstanceOfType(a));
        var text = $"{request.Method} {request.PathBase}{request.Path}{request.QueryString}\n"
            + (body is null ? string.Empty : JsonSerializer.Serialize(body, body.GetType(), json.Value.SerializerOptions));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>An answer as bytes: captured from the endpoint's result, or replayed from the database.</summary>
    private sealed record StoredAnswer(int StatusCode, string? ContentType, string? Location, byte[] Body, bool Replayed) : IResult
    {
        public static StoredAnswer Replay(IdempotencyRecord record) =>
            new(record.StatusCode!.Value, record.ContentType, record.Location, record.Body ?? [], true);

        /// <summary>Runs <paramref name="result"/> into a buffer (as the framework would have written it) and keeps what it wrote.</summary>
        public static async Task<StoredAnswer> CaptureAsync(HttpContext http, object? result)
        {
            var executable = result as IResult ?? (result is null ? Results.Empty : TypedResults.Ok(result));
            var original = http.Response.Body;
            using var buffer = new MemoryStream();
            http.Response.Body = buffer;
            try
            {
                await executable.ExecuteAsync(http);
                await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
            }
            finally
            {
                http.Response.Body = original;
            }

            return new StoredAnswer(http.Response.StatusCode, http.Response.ContentType, http.Response.Headers.Location.FirstOrDefault(), buffer.ToArray(), false);
        }

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCode;
            response.ContentType = ContentType;
            if (Location is not null)
            {
                response.Headers.Location = Location;
            }

            if (Replayed)
            {
                response.Headers[ReplayedHeader] = "true";
            }

            response.ContentLength = Body.Length;
            await response.Body.WriteAsync(Body, httpContext.RequestAborted);
        }
    }
}

/// <summary>
/// Marks a POST that creates something (a deal, a checkpoint, an activity, a stakeholder, a coaching note, or a
/// review with its action items) as honouring an <c>Idempotency-Key</c> header (<see cref="IdempotencyFilter"/>). The OpenAPI document lists
/// the header on every operation that carries this metadata (<see cref="OpenApiSetup"/>).
/// </summary>
public sealed class IdempotentEndpointMetadata
{
    /// <summary>The request header that carries the client's key.</summary>
    public const string HeaderName = "Idempotency-Key";

    /// <summary>How long a key is remembered.</summary>
    public static TimeSpan KeptFor => IdempotencyStore.Retention;

    /// <summary>The one instance every marked endpoint shares: the marker has no state.</summary>
    public static readonly IdempotentEndpointMetadata Instance = new();

    private IdempotentEndpointMetadata()
    {
    }
}

internal static class IdempotencyExtensions
{
    /// <summary>Honours an <c>Idempotency-Key</c> header on this POST (see <see cref="IdempotencyFilter"/>), and says so in the OpenAPI document.</summary>
    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<IdempotencyFilter>()
            .WithMetadata(IdempotentEndpointMetadata.Instance)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
