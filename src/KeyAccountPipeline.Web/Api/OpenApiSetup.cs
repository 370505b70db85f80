using System.Text.Json.Nodes;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace KeyAccountPipeline.Web.Api;

/// <summary>
/// The API's contract: an OpenAPI 3.1 document of every /api endpoint at <c>/openapi/v1.json</c>, generated from the
/// endpoints themselves (Microsoft.AspNetCore.OpenApi), and Scalar's reference UI over it at <c>/scalar</c>.
/// What every endpoint shares — the bearer scheme, the problem-details answers, the Idempotency-Key header — is
/// added here by transformers, not repeated on each endpoint. Both are served without sign-in
/// (docs/decisions/0010-openapi-document-without-sign-in.md).
/// </summary>
internal static class OpenApiSetup
{
    public const string DocumentName = "v1";

    /// <summary>Where the document is served (<c>{documentName}</c> is <see cref="DocumentName"/>).</summary>
    public const string DocumentPattern = "/openapi/{documentName}.json";

    /// <summary>Where Scalar's reference UI is served.</summary>
    public const string UiPath = "/scalar";

    public static IHostApplicationBuilder AddPipelineOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            // The browser's CSV twins, the language switch and sign-out are not part of the API.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true;
            options.AddDocumentTransformer<ApiDocumentTransformer>();
            options.AddOperationTransformer<ProblemResponsesTransformer>();
            options.AddOperationTransformer<IdempotencyKeyTransformer>();
            options.AddSchemaTransformer<ConvertedTypesTransformer>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapPipelineOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPattern).AllowAnonymous();
        app.MapScalarApiReference(UiPath, options => options
                .WithTitle("KeyAccountPipeline API")
                .WithOpenApiRoutePattern(DocumentPattern)
                // Scalar's inline start-up script carries a fresh nonce that SecurityHeaders adds to this response's policy.
                .WithNonce()
                // Nothing from Scalar's CDN or services: the app's policy allows its own origin only, and it may run offline.
                .DisableDefaultFonts()
                .DisableAgent()
                .DisableMcp()
                .AddPreferredSecuritySchemes(ApiDocumentTransformer.BearerScheme))
            .AllowAnonymous();
        return app;
    }
}

/// <summary>The document's title and description, and the bearer scheme every protected operation refers to.</summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "KeyAccountPipeline API",
            Version = OpenApiSetup.DocumentName,
            Description =
                "JSON, camelCase, GUID ids; names follow Accept-Language (zh-CN or en). Sign in with `POST /api/auth/token` and send " +
                "`Authorization: Bearer {accessToken}`. Every error is application/problem+json: 400 names each bad field in `errors`, " +
                "409 carries the current state, an unknown path answers 404, a method the path does not take 405 with Allow, " +
                "a body that is not JSON 415.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An access token from POST /api/auth/token (ASP.NET Core Identity's bearer token, not a JWT); renew it with POST /api/auth/refresh.",
        };
        return Task.CompletedTask;
    }
}

/// <summary>
/// The answers every endpoint of a kind shares, as problem details: 401 and the bearer requirement where a policy applies,
/// 403 where a role or the deal's owner decides, 400 where there is input, 404 where the path names something, 409 where
/// a write meets someone else's change or a closed deal, 415 where a JSON body is read. An answer the endpoint declares
/// itself is left as it is.
/// </summary>
internal sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var method = description.HttpMethod ?? HttpMethods.Get;
        var writes = !HttpMethods.IsGet(method);
        var path = "/" + description.RelativePath;
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
        var protectedByPolicy = policies.Count > 0 && !metadata.OfType<IAllowAnonymous>().Any();
        var body = description.ParameterDescriptions.FirstOrDefault(p => p.Source.Id == "Body")?.Type;
        var input = operation.RequestBody is not null || operation.Parameters?.Any(p => p.In == ParameterLocation.Query) == true;
        operation.Responses ??= [];

        if (protectedByPolicy)
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocumentTransformer.BearerScheme, context.Document)] = [] });
            await AddAsync(StatusCodes.Status401Unauthorized, "No bearer token, an expired one, or one whose person was disabled, changed role or signed out.");
        }

        if (protectedByPolicy && (writes || policies.Any(p => p is ApiPolicies.Admin or ApiPolicies.Manager)))
        {
            await AddAsync(StatusCodes.Status403Forbidden, "The caller's role (or, for a deal, not being its owner or a manager) does not allow this; nothing is written.");
        }

        if (input)
        {
            await AddAsync(StatusCodes.Status400BadRequest, "Invalid input; `errors` names each field (camelCase) with its message. Nothing is written.", typeof(HttpValidationProblemDetails));
        }

        if (path.Contains('{', StringComparison.Ordinal))
        {
            await AddAsync(StatusCodes.Status404NotFound, "Nothing has this id.");
        }

        if (writes && (path.StartsWith("/api/deals/{id", StringComparison.Ordinal) || body?.GetProperty("Version") is not null))
        {
            await AddAsync(StatusCodes.Status409Conflict, "Someone else changed it since `version` was read, or the deal is closed; `current` (or `currentVersion`) holds the state now.");
        }

        if (operation.RequestBody is not null)
        {
            await AddAsync(StatusCodes.Status415UnsupportedMediaType, "The body is not sent as application/json.");
        }

        await AddAsync(StatusCodes.Status503ServiceUnavailable, "The database is unavailable; nothing is written. Retry after `Retry-After` seconds.");

        Task AddAsync(int status, string text, Type? type = null) =>
            ProblemResponse.AddAsync(operation, context, status, text, type ?? typeof(ProblemDetails), cancellationToken);
    }
}

/// <summary>
/// The JSON types of values read by the API's own converters (<see cref="ExactDecimalConverter"/>,
/// <see cref="OffsetRequiredConverter"/>, <see cref="ApiEnumConverter"/>), which the generator cannot see through: a number,
/// a date-time string, and a string that is one of an enum's names.
/// </summary>
internal sealed class ConvertedTypesTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var underlying = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type);
        var type = underlying ?? context.JsonTypeInfo.Type;
        var orNull = underlying is null ? 0 : JsonSchemaType.Null;
        if (type == typeof(decimal))
        {
            schema.Type = JsonSchemaType.Number | orNull;
            schema.Format = "decimal";
        }
        else if (type == typeof(DateTimeOffset))
        {
            schema.Type = JsonSchemaType.String | orNull;
            schema.Format = "date-time";
        }
        else if (type.IsEnum)
        {
            schema.Type = JsonSchemaType.String | orNull;
            schema.Enum = [.. ApiEnum.Names(type).Select(name => (JsonNode)JsonValue.Create(name)!)];
        }
        else if (type == typeof(Localized))
        {
            // Written as one string in the request's language (LocalizedJsonConverter), not as the pair.
            schema.Type = JsonSchemaType.String | orNull;
            schema.Properties?.Clear();
            schema.Required?.Clear();
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// The optional <c>Idempotency-Key</c> header, and its 422, on every operation marked <see cref="IdempotentEndpointMetadata"/>.
/// </summary>
internal sealed class IdempotencyKeyTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotentEndpointMetadata>().Any())
        {
            return Task.CompletedTask;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotentEndpointMetadata.HeaderName,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Optional; a key the client makes per create (e.g. a UUID). The same key with the same body returns the first answer " +
                $"and writes nothing; another body with the same key answers 422; keys are kept {IdempotentEndpointMetadata.KeptFor.TotalHours:0} h.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
        return ProblemResponse.AddAsync(operation, context, StatusCodes.Status422UnprocessableEntity,
            "The Idempotency-Key was used before with another body; nothing is written.", typeof(ProblemDetails), cancellationToken);
    }
}

internal static class ProblemResponse
{
    /// <summary>
    /// Adds an application/problem+json answer, its schema once among the document's components. A status the endpoint
    /// declares with a body is left as it is; one it declares without a body (<c>TypedResults.NotFound()</c>) gets the
    /// problem details that /api writes for it (<see cref="ApiStatusCodes"/>).
    /// </summary>
    public static async Task AddAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string text, Type type, CancellationToken cancellationToken)
    {
        operation.Responses ??= [];
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses.TryGetValue(key, out var declared) && declared.Content is { Count: > 0 })
        {
            return;
        }

        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(type.Name) != true)
        {
            document.AddComponent(type.Name, await context.GetOrCreateSchemaAsync(type, null, cancellationToken));
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = text,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(type.Name, document) },
            },
        };
    }
}
