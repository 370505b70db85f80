using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Scalar.AspNetCore;

namespace KeyAccountPipeline.Web.Infrastructure;

/// <summary>
/// What a browser is told to refuse, on every response, and what the app keeps to itself outside
/// Development. See docs/decisions/0003-content-security-policy.md for why the policy reads as it does.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from our own files: the app renders no inline script (no import map) and uses no eval.
    /// Styles may be inline because MudBlazor writes style attributes and its theme's style element.
    /// connect-src 'self' covers the circuit's WebSocket: CSP 3 lets 'self' match ws/wss on the same host.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; " +
        "object-src 'none'";

    /// <summary>
    /// The policy for one response. Scalar's API reference (/scalar) starts itself with an inline script that carries a fresh
    /// nonce per request; that response, and only that one, allows scripts with its nonce too (decision 0003).
    /// </summary>
    private static string PolicyFor(HttpContext context) =>
        context.Items[ScalarOptions.NonceHttpContextItemKey] is string { Length: > 0 } nonce
            ? ContentSecurityPolicy.Replace("script-src 'self';", $"script-src 'self' 'nonce-{nonce}';", StringComparison.Ordinal)
            : ContentSecurityPolicy;

    /// <summary>
    /// HSTS for a year, circuit errors in detail only in Development, no Server header, and a Secure antiforgery cookie
    /// over HTTPS.
    /// </summary>
    public static IHostApplicationBuilder AddPipelineSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        // Post-configure: Blazor's own setup copies the "DetailedErrors" setting over anything configured earlier.
        var development = builder.Environment.IsDevelopment();
        builder.Services.PostConfigure<CircuitOptions>(options => options.DetailedErrors = development);
        // No "Server: Kestrel" on answers: it tells a scanner which server's faults to try.
        builder.Services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);
        // The antiforgery cookie is Secure whenever the request came over HTTPS, also behind a proxy that terminates TLS
        // (with forwarded headers enabled, README "Running several instances").
        builder.Services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return builder;
    }

    /// <summary>
    /// Adds the headers as the response starts, so error pages get them too: the exception handler
    /// clears the headers of the response it replaces.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var response = (HttpResponse)state;
                var headers = response.Headers;
                headers.ContentSecurityPolicy = PolicyFor(response.HttpContext);
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                if (Api.ApiStatusCodes.IsApi(response.HttpContext.Request.Path) || response.HttpContext.Request.Path.StartsWithSegments("/export"))
                {
                    // API answers and CSV downloads hold personal data and tokens: no browser or proxy may keep them, errors included.
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });

    /// <summary>
    /// Refuses (403) a circuit connection — the WebSocket, the negotiate and long-polling requests under /_blazor — whose
    /// Origin is another site: a browser sends the sign-in cookie with them from any page, so a foreign page could
    /// otherwise drive a signed-in person's circuit. "Own site" is this request's Host (port included), which host
    /// filtering (AllowedHosts) has already accepted. A request without Origin is no browser's cross-site request and passes.
    /// </summary>
    public static IApplicationBuilder UseSameOriginCircuits(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase)
                || IsSameOrigin(context.Request.Headers.Origin.ToString(), context.Request))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        });

    /// <summary>True when <paramref name="origin"/> is empty or names this request's host and port; "null" and junk are foreign.</summary>
    internal static bool IsSameOrigin(string origin, HttpRequest request)
    {
        if (origin.Length == 0)
        {
            return true;
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !request.Host.HasValue)
        {
            return false;
        }

        // Behind a TLS proxy without forwarded headers the request looks like http: the port decides, by the Origin's scheme.
        var requestPort = request.Host.Port ?? (uri.Scheme == Uri.UriSchemeHttps ? 443 : 80);
        return string.Equals(uri.IdnHost, request.Host.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == requestPort;
    }
}
