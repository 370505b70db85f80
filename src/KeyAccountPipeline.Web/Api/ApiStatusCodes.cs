using Microsoft.AspNetCore.Routing.Template;
using Microsoft.AspNetCore.WebUtilities;

namespace KeyAccountPipeline.Web.Api;

/// <summary>
/// Under <c>/api</c> every answer is JSON: a status that an endpoint, routing or authentication sets without a body
/// (an unknown path 404, a method the path does not take 405 with <c>Allow</c>, a content type it does not take 415,
/// no or a stale token 401, a role that may not 403) is written as <c>application/problem+json</c> with a line saying
/// what to do. Pages keep the browser's behaviour (a redirect to the sign-in page).
/// </summary>
internal static class ApiStatusCodes
{
    /// <summary>Where the JSON API lives.</summary>
    public static readonly PathString Prefix = new("/api");

    public static bool IsApi(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A request under /api that no API endpoint takes: no route matched, or routing answered it itself (its 415 is a
    /// plain endpoint, not a route endpoint). It reaches no data, so it is not sent to the sign-in page; the client gets
    /// the status instead.
    /// </summary>
    public static bool IsUnrouted(HttpContext? context) =>
        context is not null && IsApi(context.Request.Path) && context.GetEndpoint() is not RouteEndpoint;

    /// <summary>
    /// For /api requests: answers a path no API endpoint takes (404) or a method none of them takes (405 with Allow), and
    /// writes every bodiless error status as problem details. Goes before authentication, so a miss is never challenged.
    /// </summary>
    public static IApplicationBuilder UseApiStatusCodes(this IApplicationBuilder app) =>
        app.UseWhen(context => IsApi(context.Request.Path), api => api
            .UseStatusCodePages(context =>
            {
                var http = context.HttpContext;
                var status = http.Response.StatusCode;
                // Not through IProblemDetailsService: it writes nothing when the Accept header leaves JSON out, and /api answers JSON always.
                return TypedResults.Problem(statusCode: status, title: ReasonPhrases.GetReasonPhrase(status), detail: Detail(http, status)).ExecuteAsync(http);
            })
            .Use(AnswerMissesAsync));

    /// <summary>
    /// Routing alone cannot be trusted with /api misses: MapStaticAssets adds a GET/HEAD fallback for every path
    /// (<c>{**path:file}</c>, when serving from the build output), so a POST to an unknown path would be told 405
    /// "GET, HEAD", and a GET to a POST-only path 404. What the API's own routes take decides instead.
    /// </summary>
    private static Task AnswerMissesAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint() is RouteEndpoint endpoint && IsApiRoute(endpoint))
        {
            return next(context);
        }

        var methods = ApiRoutesTaking(context).SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (methods.Count == 0)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        if (!methods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = string.Join(", ", methods);
            return Task.CompletedTask;
        }

        return next(context); // the path and method exist: routing's own answer (415 for a body that is not JSON)
    }

    private static bool IsApiRoute(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText is { } route && IsApi(new PathString(route.StartsWith('/') ? route : "/" + route));

    /// <summary>The API's route endpoints whose pattern and constraints take the request's path, whatever their method.</summary>
    private static IEnumerable<RouteEndpoint> ApiRoutesTaking(HttpContext context)
    {
        var services = context.RequestServices;
        var policies = services.GetRequiredService<ParameterPolicyFactory>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(IsApiRoute))
        {
            var pattern = endpoint.RoutePattern;
            var values = new RouteValueDictionary();
            if (!new TemplateMatcher(new RouteTemplate(pattern), new RouteValueDictionary(pattern.Defaults)).TryMatch(context.Request.Path, values))
            {
                continue;
            }

            var constraintsHold = pattern.ParameterPolicies.All(parameter => parameter.Value.All(reference =>
                policies.Create(pattern.GetParameter(parameter.Key), reference) is not IRouteConstraint constraint
                || constraint.Match(context, null, parameter.Key, values, RouteDirection.IncomingRequest)));
            if (constraintsHold)
            {
                yield return endpoint;
            }
        }
    }

    private static string? Detail(HttpContext context, int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "Sign in for a bearer token (POST /api/auth/token) and send it as 'Authorization: Bearer <token>'.",
        StatusCodes.Status403Forbidden => "Your role does not allow this.",
        StatusCodes.Status404NotFound when context.GetEndpoint() is not RouteEndpoint { } endpoint || !IsApiRoute(endpoint) =>
            $"There is no API endpoint at {context.Request.Path}. The endpoints are listed in /openapi/v1.json.",
        StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed here; allowed: {context.Response.Headers.Allow}.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON (Content-Type: application/json).",
        _ => null,
    };
}
