using Microsoft.AspNetCore.WebUtilities;

namespace KeyAccountPipeline.Web.Api;

/// <summary>
/// Under <c>/api</c> every answer is JSON: a status that an endpoint, routing or authentication sets without a body
/// (an unknown path 404, a method no endpoint takes 405 with <c>Allow</c>, a content type none accepts 415, no or a
/// stale token 401, a role that may not 403) is written as <c>application/problem+json</c> with a line saying what
/// to do. Pages keep the browser's behaviour (a redirect to the sign-in page).
/// </summary>
internal static class ApiStatusCodes
{
    /// <summary>Where the JSON API lives.</summary>
    public static readonly PathString Prefix = new("/api");

    public static bool IsApi(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A request under /api that no API endpoint takes: no route matched, or routing answered it itself (405, 415 —
    /// those answers are plain endpoints, not route endpoints). It reaches no data, so it is not sent to the
    /// sign-in page; the client gets routing's status instead.
    /// </summary>
    public static bool IsUnrouted(HttpContext? context) =>
        context is not null && IsApi(context.Request.Path) && context.GetEndpoint() is not RouteEndpoint;

    /// <summary>Writes the empty error statuses of /api requests as problem details (after the endpoint, routing or a challenge set them).</summary>
    public static IApplicationBuilder UseApiStatusCodes(this IApplicationBuilder app) =>
        app.UseWhen(context => IsApi(context.Request.Path), api => api.UseStatusCodePages(context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            // Not through IProblemDetailsService: it writes nothing when the Accept header leaves JSON out, and /api answers JSON always.
            return TypedResults.Problem(statusCode: status, title: ReasonPhrases.GetReasonPhrase(status), detail: Detail(http, status)).ExecuteAsync(http);
        }));

    private static string? Detail(HttpContext context, int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "Sign in for a bearer token (POST /api/auth/token) and send it as 'Authorization: Bearer <token>'.",
        StatusCodes.Status403Forbidden => "Your role does not allow this.",
        StatusCodes.Status404NotFound when context.GetEndpoint() is null => $"There is no API endpoint at {context.Request.Path}. The endpoints are listed in /openapi/v1.json.",
        StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed here; allowed: {context.Response.Headers.Allow}.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON (Content-Type: application/json).",
        _ => null,
    };
}
