using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KeyAccountPipeline.Web.Api;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// The API's published contract (/openapi/v1.json) against the app's own route table: every /api endpoint is in it with
/// its answers, so an endpoint added without a description fails here. Its reference UI runs under its own nonce.
/// The document is built from the endpoints, not from data, so SQLite alone is enough.
/// </summary>
public sealed partial class OpenApiDocumentTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task EveryApiEndpointIsInTheDocumentWithItsAnswers()
    {
        var document = await DocumentAsync();
        var paths = document["paths"]!.AsObject();
        var endpoints = ApiEndpoints().ToList();
        Assert.True(endpoints.Count > 30, $"Only {endpoints.Count} /api endpoints found: the route table was not read.");

        var missing = new List<string>();
        foreach (var (method, path, endpoint) in endpoints)
        {
            var operation = paths[path]?[method.ToLowerInvariant()];
            if (operation is null)
            {
                missing.Add($"{method} {path}: not in the document");
                continue;
            }

            var responses = operation["responses"]!.AsObject();
            var expected = Expected(endpoint).ToList();
            missing.AddRange(expected.Where(status => !responses.ContainsKey(status)).Select(status => $"{method} {path}: no {status} answer"));
            if (!responses.Any(r => r.Key.StartsWith('2')))
            {
                missing.Add($"{method} {path}: no success answer");
            }

            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
            {
                if (response!["content"]?["application/problem+json"]?["schema"] is null)
                {
                    missing.Add($"{method} {path}: {status} is not described as application/problem+json");
                }
            }

            if (RequiresToken(endpoint) && operation["security"]?[0]?["Bearer"] is null)
            {
                missing.Add($"{method} {path}: no bearer requirement");
            }

            // A body is JSON, or for the import's upload a multipart form (its file in the field "file").
            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts
                && accepts.ContentTypes.All(type => operation["requestBody"]?["content"]?[type] is null))
            {
                missing.Add($"{method} {path}: its JSON body is not described");
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public async Task TheDocumentDeclaresTheBearerSchemeAndIsServedWithoutSignIn()
    {
        var document = await DocumentAsync();

        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var scheme = document["components"]!["securitySchemes"]!["Bearer"]!;
        Assert.Equal("http", scheme["type"]!.GetValue<string>());
        Assert.Equal("bearer", scheme["scheme"]!.GetValue<string>());
        Assert.NotNull(document["components"]!["schemas"]!["ProblemDetails"]);
        Assert.NotNull(document["components"]!["schemas"]!["HttpValidationProblemDetails"]);
    }

    [Fact]
    public async Task EveryPostThatCreatesSomethingDocumentsTheIdempotencyKeyAndOnlyThose()
    {
        var document = await DocumentAsync();
        var marked = ApiEndpoints().Where(e => e.Endpoint.Metadata.GetMetadata<IdempotentEndpointMetadata>() is not null)
            .Select(e => $"{e.Method} {e.Path}").Order().ToList();
        var documented = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var header = operation!["parameters"]?.AsArray().FirstOrDefault(p => p!["name"]!.GetValue<string>() == "Idempotency-Key");
                if (header is not null)
                {
                    Assert.Equal("header", header["in"]!.GetValue<string>());
                    Assert.False(header["required"]?.GetValue<bool>() ?? false);
                    Assert.Contains("422", header["description"]!.GetValue<string>(), StringComparison.Ordinal);
                    Assert.NotNull(operation["responses"]!["422"]);
                    documented.Add($"{method.ToUpperInvariant()} {path}");
                }
            }
        }

        Assert.Equal(
            [
                "POST /api/deals", "POST /api/deals/{id}/action-items", "POST /api/deals/{id}/activities", "POST /api/deals/{id}/checkpoints",
                "POST /api/deals/{id}/checkpoints/{changeId}/correct", "POST /api/deals/{id}/coaching",
                "POST /api/deals/{id}/stakeholders", "POST /api/deals/{id}/visits", "POST /api/reviews",
            ],
            marked);
        Assert.Equal(marked, documented.Order().ToList());
    }

    [Fact]
    public async Task TheCorrectionDocumentsItsRefusals()
    {
        var operation = (await DocumentAsync())["paths"]!["/api/deals/{id}/checkpoints/{changeId}/correct"]!["post"]!;

        Assert.Equal(["200", "400", "401", "403", "404", "409", "415", "422", "503"], operation["responses"]!.AsObject().Select(r => r.Key).Order().ToArray());
        Assert.NotNull(operation["requestBody"]!["content"]!["application/json"]);
    }

    [Fact]
    public async Task ValuesReadByTheApisOwnConvertersKeepTheirJsonTypes()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!;

        Assert.Contains("number", schemas["CreateDealRequest"]!["properties"]!["annualValue"]!["type"]!.ToJsonString(), StringComparison.Ordinal);
        var occurredAt = schemas["CheckpointRequest"]!["properties"]!["occurredAt"]!;
        Assert.Contains("string", occurredAt["type"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("date-time", occurredAt["format"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheReferenceUiStartsWithAFreshNonceThatOnlyItsOwnResponseAllows()
    {
        var client = app.CreateClient();

        var first = await client.GetAsync("/scalar/");
        var second = await client.GetAsync("/scalar/");
        var board = await app.ClientFor(app.Rep).GetAsync("/api/board");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var html = await first.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        var nonces = Nonce().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        var nonce = Assert.Single(nonces);
        Assert.Contains($"script-src 'self' 'nonce-{nonce}';", Assert.Single(first.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.DoesNotContain(nonce, Assert.Single(second.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.DoesNotContain("nonce-", Assert.Single(board.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scalar/scalar.js")).StatusCode);
    }

    /// <summary>
    /// What the route table says an endpoint answers: its declared statuses, 401 behind a policy, 400 and 415 for a JSON body,
    /// and 503 when the database is unavailable.
    /// </summary>
    private static IEnumerable<string> Expected(RouteEndpoint endpoint)
    {
        yield return "503";
        foreach (var produces in endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>())
        {
            yield return produces.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (RequiresToken(endpoint))
        {
            yield return "401";
        }

        if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null)
        {
            yield return "400";
            yield return "415";
        }

        if (endpoint.RoutePattern.Parameters.Count > 0)
        {
            yield return "404";
        }
    }

    private static bool RequiresToken(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null;

    /// <summary>Every (method, OpenAPI path) the app routes under /api: "/api/deals/{id:guid}" → "/api/deals/{id}", no trailing slash.</summary>
    private IEnumerable<(string Method, string Path, RouteEndpoint Endpoint)> ApiEndpoints() =>
        from endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        let route = endpoint.RoutePattern.RawText ?? string.Empty
        where route.StartsWith("/api/", StringComparison.Ordinal)
        from method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []
        select (method, OpenApiPath(route), endpoint);

    private static string OpenApiPath(string route)
    {
        var path = Constraint().Replace(route, "{$1}");
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    private async Task<JsonNode> DocumentAsync()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    [GeneratedRegex(@"\{(\w+):[^}]+\}")]
    private static partial Regex Constraint();

    [GeneratedRegex("nonce=\"([^\"]+)\"")]
    private static partial Regex Nonce();
}
