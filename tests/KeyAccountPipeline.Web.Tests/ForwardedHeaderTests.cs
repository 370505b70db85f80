using System.Net;
using System.Net.Http.Json;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// X-Forwarded-Proto and X-Forwarded-For are believed only from a proxy the settings name (ForwardedHeaders:KnownProxies,
/// :KnownNetworks) or from loopback; anyone else could send them to pass for HTTPS or for another address. Nothing here
/// depends on the database, so SQLite alone is enough.
/// </summary>
public sealed class ForwardedHeaderTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.5");

    [Theory]
    [InlineData("10.0.0.5", true)] // ForwardedHeaders:KnownProxies
    [InlineData("10.1.2.3", true)] // in ForwardedHeaders:KnownNetworks
    [InlineData("127.0.0.1", true)] // loopback, as ASP.NET Core trusts by default
    [InlineData("10.0.0.9", false)]
    [InlineData("203.0.113.7", false)]
    public async Task HttpsSaidByATrustedProxyIsBelievedAndByAnyoneElseIgnored(string from, bool trusted)
    {
        await using var behindProxy = BehindProxy(signInsPerAddress: 1000);

        // HSTS goes only with a request that came over HTTPS.
        var response = await SendAsync(behindProxy, IPAddress.Parse(from), HttpMethod.Get, "/health", ("X-Forwarded-Proto", "https"));

        Assert.Equal(trusted, response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task AspNetCoresForwardedHeadersSwitchDoesNotMakeAStrangerTrusted()
    {
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED=true on its own would believe every sender.
        await using var switchedOn = BehindProxy(signInsPerAddress: 1000).WithWebHostBuilder(builder => builder.UseSetting("FORWARDEDHEADERS_ENABLED", "true"));

        var stranger = await SendAsync(switchedOn, IPAddress.Parse("203.0.113.7"), HttpMethod.Get, "/health", ("X-Forwarded-Proto", "https"));
        var proxy = await SendAsync(switchedOn, Proxy, HttpMethod.Get, "/health", ("X-Forwarded-Proto", "https"));

        Assert.False(stranger.Headers.Contains("Strict-Transport-Security"));
        Assert.True(proxy.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task SignInLimitsCountTheClientsATrustedProxyNamesAndTheSenderOtherwise()
    {
        await using var behindProxy = BehindProxy(signInsPerAddress: 1);
        var stranger = IPAddress.Parse("10.0.0.9");

        // Through the proxy: two clients, each with its own limit.
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(behindProxy, Proxy, "198.51.100.1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(behindProxy, Proxy, "198.51.100.2")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(behindProxy, Proxy, "198.51.100.1")).StatusCode);

        // A sender that is no known proxy cannot take a fresh address for each try: they all count as its own.
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(behindProxy, stranger, "198.51.100.3")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(behindProxy, stranger, "198.51.100.4")).StatusCode);
    }

    /// <summary>The app with one known proxy and one known network, and sign-ins limited to <paramref name="signInsPerAddress"/> an address.</summary>
    private WebApplicationFactory<Program> BehindProxy(int signInsPerAddress) =>
        app.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ForwardedHeaders:KnownProxies", Proxy.ToString());
            builder.UseSetting("ForwardedHeaders:KnownNetworks:0", "10.1.0.0/16");
            builder.UseSetting("Auth:RateLimit:SignInPerAddress", signInsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // First of the startup filters, so that it runs before the one ASPNETCORE_FORWARDEDHEADERS_ENABLED adds.
            builder.ConfigureServices(services => services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, RemoteAddress>()));
        });

    private static Task<HttpResponseMessage> SignInAsync(WebApplicationFactory<Program> factory, IPAddress from, string client) =>
        SendAsync(factory, from, HttpMethod.Post, "/api/auth/token", ("X-Forwarded-For", client),
            JsonContent.Create(new { email = $"nobody.{Guid.NewGuid():N}@test.cn", password = "wrong-password-1" }));

    private static Task<HttpResponseMessage> SendAsync(WebApplicationFactory<Program> factory, IPAddress from, HttpMethod method, string path, (string Name, string Value) header, HttpContent? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body };
        request.Headers.Add(header.Name, header.Value);
        request.Headers.Add(RemoteAddress.Header, from.ToString());
        return factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://pipeline.example.cn") }).SendAsync(request);
    }

    /// <summary>
    /// The test server's connections have no address: this gives each request the one its test header names, before the
    /// app's own middleware (the forwarded headers first) sees it.
    /// </summary>
    private sealed class RemoteAddress : IStartupFilter
    {
        public const string Header = "X-Test-Remote-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[Header].ToString());
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
