using System.Net;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Decision 0013: redirects go only to this site's own paths and never echo a forged Host; the circuit endpoint refuses
/// other sites' pages; answers do not name the server; the antiforgery cookie is Secure over HTTPS; /Error says nothing
/// about the server. Nothing here reads deals, so SQLite alone is enough except where a signed-in person is needed.
/// </summary>
public sealed class SmallerHoleTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    /// <summary>Browsers drop tab, CR and LF from a URL, so these are "//evil.example" to them; the others are not local either.</summary>
    [Theory]
    [InlineData("/%09/evil.example/x")]
    [InlineData("/%0d/evil.example/x")]
    [InlineData("/%0a/evil.example/x")]
    [InlineData("/%0b/evil.example/x")]
    [InlineData("/%0d%0aSet-Cookie:%20x=1")]
    [InlineData("/%00/evil.example")]
    [InlineData("/%7f/evil.example")]
    [InlineData("%09//evil.example")]
    [InlineData("//evil.example/x")]
    [InlineData("/%5cevil.example/x")]
    [InlineData("https://evil.example/x")]
    [InlineData("javascript:alert(1)")]
    [InlineData("")]
    public async Task TheLanguageSwitchSendsAnythingButALocalPathToTheBoard(string returnUrl)
    {
        var response = await Client().GetAsync($"/culture/en?returnUrl={returnUrl}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/deals/new", "/deals/new")]
    [InlineData("/?q=华为&stage=2", "/?q=%E5%8D%8E%E4%B8%BA&stage=2")]
    [InlineData("/", "/")]
    public async Task TheLanguageSwitchGoesBackToALocalPathEvenWithChineseInIt(string returnUrl, string location)
    {
        var response = await Client().GetAsync($"/culture/zh-CN?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ASignInRedirectNeverEchoesAForgedHost()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/deals/new");
        request.Headers.Host = "evil.example";

        var response = await Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/account/login?", location, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", location, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("evil.example", HttpStatusCode.BadRequest)]
    [InlineData("pipeline.example.cn.evil.example", HttpStatusCode.BadRequest)]
    [InlineData("pipeline.example.cn", HttpStatusCode.Redirect)]
    public async Task WithAllowedHostsSetAForeignHostIsRefused(string host, HttpStatusCode expected)
    {
        using var deployed = app.WithWebHostBuilder(builder => builder.UseSetting("AllowedHosts", "pipeline.example.cn"));
        var request = new HttpRequestMessage(HttpMethod.Get, "/deals/new");
        request.Headers.Host = host;

        var response = await deployed.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task AnswersDoNotNameTheServer()
    {
        using var kestrel = app.WithWebHostBuilder(_ => { });
        kestrel.UseKestrel(0);
        kestrel.StartServer();

        var response = await kestrel.CreateClient().GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), $"Server: {string.Join(", ", response.Headers.Server)}");
    }

    [Theory]
    [InlineData("https://pipeline.example.cn", true)]
    [InlineData("http://localhost", false)]
    public async Task TheAntiforgeryCookieIsSecureOverHttps(string site, bool secure)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(site), AllowAutoRedirect = false });

        var response = await client.GetAsync("/account/login");

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Equal(secure, cookie.Split(';', StringSplitOptions.TrimEntries).Contains("secure", StringComparer.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("en", "Something went wrong")]
    [InlineData("zh-CN", "出错了")]
    public async Task TheErrorPageIsPlainAndInTheUsersLanguage(string culture, string heading)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/Error");
        request.Headers.Add("Cookie", $".AspNetCore.Culture=c%3D{culture}%7Cuic%3D{culture}");

        var response = await Client().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains($"<h1>{heading}</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Development", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ASPNETCORE_ENVIRONMENT", html, StringComparison.Ordinal);
    }

    private HttpClient Client() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}

/// <summary>
/// Decision 0013: a page of another site cannot open or drive a signed-in person's circuit, though the browser sends the
/// cookie with it. Needs a signed-in person, so it runs on both databases.
/// </summary>
public abstract class SameOriginCircuitTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    [Theory]
    [InlineData("https://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost.evil.example", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost:8080", HttpStatusCode.Forbidden)]
    [InlineData("null", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost", HttpStatusCode.OK)]
    [InlineData("", HttpStatusCode.OK)]
    public async Task OnlyTheAppsOwnPageNegotiatesACircuit(string origin, HttpStatusCode expected)
    {
        var browser = await SignInForm.BrowserAsync(app, app.Rep);

        var response = await browser.SendAsync(Negotiate(origin));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK, (await response.Content.ReadAsStringAsync()).Contains("connectionToken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherSitesPageCannotPollACircuit()
    {
        var browser = await SignInForm.BrowserAsync(app, app.Rep);
        var request = new HttpRequestMessage(HttpMethod.Get, "/_blazor?id=anything");
        request.Headers.Add("Origin", "https://evil.example");

        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static HttpRequestMessage Negotiate(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        if (origin.Length > 0)
        {
            request.Headers.Add("Origin", origin);
        }

        return request;
    }
}

public sealed class SqliteSameOriginCircuitTests(SqliteApp app) : SameOriginCircuitTests<SqliteApp>(app);

public sealed class PostgresSameOriginCircuitTests(PostgresApp app) : SameOriginCircuitTests<PostgresApp>(app);
