using System.Net;
using System.Net.Http.Json;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Every answer tells the browser what to refuse, and an error outside Development tells the caller
/// nothing about the server. The headers do not depend on the database, so SQLite alone is enough.
/// </summary>
public sealed class SecurityHeaderTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/api/board")]
    [InlineData("/no-such-page")]
    public async Task EveryResponseForbidsFramingSniffingAndForeignScripts(string url)
    {
        var response = await app.CreateClient().GetAsync(url);

        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task OverHttpsBrowsersAreToldToStayOnHttpsForAYear()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://pipeline.example.com") });

        var response = await client.GetAsync("/api/board");

        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public void CircuitErrorsStayOnTheServerOutsideDevelopmentEvenWhenTheSettingAsksForThem()
    {
        using var broken = BrokenDatabase();

        Assert.False(broken.Services.GetRequiredService<IOptions<CircuitOptions>>().Value.DetailedErrors);
    }

    [Fact]
    public async Task ADatabaseThatDoesNotAnswerGives503WithoutTheExceptionsText()
    {
        using var broken = BrokenDatabase();

        // Signing in reads the database before anything else can refuse the request.
        var response = await broken.CreateClient().PostAsJsonAsync("/api/auth/token", new { email = "someone@test.cn", password = "whatever-2026" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        AssertSecurityHeaders(response);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("default-src 'self'", directives);
        Assert.Contains("script-src 'self'", directives);
        Assert.Contains("frame-ancestors 'none'", directives);
        Assert.Contains("object-src 'none'", directives);
        Assert.Contains("base-uri 'self'", directives);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    /// <summary>The app outside Development over a PostgreSQL that does not answer, asking for detailed errors.</summary>
    private static WebApplicationFactory<Program> BrokenDatabase() =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("DetailedErrors", "true");
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Pipeline", "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2");
            builder.UseSetting("Database:MigrateOnStart", "false");
            builder.UseSetting("Seed:Demo", "false");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Fatal");
        });
}
