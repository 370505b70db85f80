using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace KeyAccountPipeline.Web.Infrastructure;

/// <summary>
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from a reverse proxy the operator names (README "Behind a reverse
/// proxy"): the client's address (which the sign-in limits count) and whether it came over HTTPS (HSTS, the https
/// redirect, Secure cookies). Anyone can send these headers, so they are read only from <c>ForwardedHeaders:KnownProxies</c>
/// (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR), each a list (<c>;</c>- or <c>,</c>-separated, or
/// <c>:0</c>, <c>:1</c>, …) added to loopback, which ASP.NET Core trusts by default; from any other address they are
/// ignored. <c>X-Forwarded-Host</c> is not read: it would be applied after host filtering (<c>AllowedHosts</c>) and so get
/// round it; the proxy passes the browser's <c>Host</c> on instead.
/// </summary>
internal static class ForwardedHeadersSetup
{
    private const string Proxies = "ForwardedHeaders:KnownProxies";
    private const string Networks = "ForwardedHeaders:KnownNetworks";

    public static IHostApplicationBuilder AddPipelineForwardedHeaders(this IHostApplicationBuilder builder)
    {
        var proxies = List(builder.Configuration, Proxies)
            .Select(text => IPAddress.TryParse(text, out var address) ? address : throw Settings.Invalid(Proxies, text, "IP addresses such as 10.0.0.5"))
            .ToList();
        var networks = List(builder.Configuration, Networks)
            .Select(text => System.Net.IPNetwork.TryParse(text, out var network) ? network : throw Settings.Invalid(Networks, text, "IP networks such as 10.0.0.0/24"))
            .ToList();
        // Post-configure, so it has the last word: ASPNETCORE_FORWARDEDHEADERS_ENABLED=true configures the same options to
        // trust every sender; here that setting can only add the middleware, never widen whom it believes.
        builder.Services.PostConfigure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownProxies.Add(IPAddress.IPv6Loopback);
            options.KnownIPNetworks.Clear();
            options.KnownIPNetworks.Add(new System.Net.IPNetwork(IPAddress.Loopback, 8));
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        return builder;
    }

    /// <summary>First in the pipeline: everything after it (HSTS, redirects, limits, logging) sees the client as the proxy saw it.</summary>
    public static IApplicationBuilder UsePipelineForwardedHeaders(this IApplicationBuilder app) => app.UseForwardedHeaders();

    private static IEnumerable<string> List(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        return section.GetChildren().Select(child => child.Value).Append(section.Value)
            .SelectMany(value => (value ?? string.Empty).Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
    }
}
