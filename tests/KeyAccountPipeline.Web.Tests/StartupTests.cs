using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>A bad setting stops the app at start and names itself; a silent database answers 503.</summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("Database:Provider", "Oracle")]
    [InlineData("Database:MigrateOnStart", "yes please")]
    [InlineData("Seed:Demo", "maybe")]
    [InlineData("Organization:TimeZone", "Mars/Olympus")]
    [InlineData("Corrections:WindowMinutes", "0")]
    [InlineData("Corrections:WindowMinutes", "a quarter of an hour")]
    [InlineData("Telemetry:Otlp:Endpoint", "collector:4317")]
    [InlineData("Telemetry:Otlp:Protocol", "udp")]
    [InlineData("Telemetry:Prometheus:Enabled", "yes")]
    [InlineData("Telemetry:Prometheus:Path", "metrics")]
    [InlineData("ForwardedHeaders:KnownProxies", "nginx.internal")]
    [InlineData("ForwardedHeaders:KnownNetworks", "10.0.0.0/33")]
    [InlineData("Board:ReconcileSeconds", "-1")]
    [InlineData("Board:ReconcileSeconds", "often")]
    public void ABadSettingStopsTheAppWithAMessageNamingIt(string key, string value)
    {
        Assert.Contains($"'{key}'", StartError((key, value)));
    }

    /// <summary>The messages of the error that stops an app on SQLite with <paramref name="settings"/> from starting.</summary>
    internal static string StartError(params (string Key, string? Value)[] settings)
    {
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Pipeline", $"Data Source={Path.Combine(Path.GetTempPath(), $"kap-bad-{Guid.NewGuid():N}.db")}");
            builder.UseSetting("Seed:Demo", "false");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

        var error = Record.Exception(() => app.CreateClient());

        Assert.NotNull(error);
        return Flatten(error);
    }

    [Fact]
    public void PostgresWithoutAConnectionStringNamesTheSetting()
    {
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Pipeline", "");
        });

        Assert.Contains("'ConnectionStrings:Pipeline'", Flatten(Record.Exception(() => app.CreateClient())!));
    }

    [Fact]
    public async Task HealthIs503WhenTheDatabaseDoesNotAnswer()
    {
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Pipeline", "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2");
            builder.UseSetting("Database:MigrateOnStart", "false");
            builder.UseSetting("Seed:Demo", "false");
        });

        var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    private static string Flatten(Exception error) =>
        string.Join(" | ", Enumerate(error).Select(e => e.Message));

    private static IEnumerable<Exception> Enumerate(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            yield return error;
            if (error is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Enumerate))
                {
                    yield return inner;
                }
            }
        }
    }
}
