using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.RegularExpressions;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Web.Infrastructure;
using KeyAccountPipeline.Web.Notifications;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// The Prometheus scrape endpoint and the app's own meter (issue 18 part 6; decision 0040), on both providers: what a
/// scrape from an allowed network shows, that any other address meets the app's 404, and that a delivery is counted.
/// Requests come "through the proxy" (forwarded headers on), so each names its client address in X-Forwarded-For.
/// </summary>
public abstract class TelemetryTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp, IOutboxApp
{
    public const string AllowedNetworks = "10.1.0.0/16";

    [Fact]
    public async Task AScrapeShowsRequestDurationsAndTheAppsOwnMeter()
    {
        var manager = app.ClientFor(app.Manager);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/board")).StatusCode);
        }

        await manager.PostOkAsync("/api/deals", app.NewDealBody("Telemetry Logistics"));

        const string requests = @"(?m)^http_server_request_duration_seconds_count\{[^}]*http_route=""/api/board""[^}]*\} [1-9]";
        const string changes = @"(?m)^pipeline_live_changes_total\{[^}]*kind=""deal""[^}]*\} [1-9]";
        var (response, body) = await ScrapeUntilAsync("10.1.2.3", text => Regex.IsMatch(text, requests) && Regex.IsMatch(text, changes));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(requests, body);
        Assert.Matches(changes, body);
        if (app.Provider == "Postgres")
        {
            Assert.Contains("db_client_operation_duration_seconds", body, StringComparison.Ordinal); // Npgsql's own meter
            // Npgsql names each pool by its connection string: the password is left out.
            Assert.DoesNotContain("password", body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task AnAddressOutsideTheAllowedNetworksMeetsTheSame404AsAnAddressTheAppDoesNotHave()
    {
        var browser = await SignInForm.BrowserAsync(app, app.Admin);

        var refused = await browser.SendAsync(ScrapeRequest("203.0.113.9"));
        var unknown = await browser.SendAsync(ScrapeRequest("203.0.113.9", "/metrics-nowhere"));

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(unknown.StatusCode, refused.StatusCode);
        Assert.Equal(unknown.Content.Headers.ContentType?.MediaType, refused.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("http_server_request_duration", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachDeliveryIsCountedByChannelAndOutcome()
    {
        await app.Outbox.ChannelsAsync(app);
        await SendAllAsync(); // what the class's other tests left (a new deal tells its owner)
        var refused = await app.NewPersonAsync(Domain.People.Role.Rep);
        app.Outbox.Log.Scripts[refused.Id] = () => new SendOutcome.Failed("550 No such mailbox");
        var heard = new ConcurrentQueue<(string Channel, string Outcome)>();
        using var listener = Listen(PipelineMetrics.Deliveries, tags => heard.Enqueue(((string)tags["channel"]!, (string)tags["outcome"]!)));

        // The rep's stalled deal goes by email, the WeCom robot for everyone and the DingTalk robot for the rep;
        // the other's coaching note by email only, which the mail server refuses for good.
        await app.NotifyAsync(app.Rep.Id, NotificationKind.DealStalled);
        await app.NotifyAsync(refused.Id, NotificationKind.CoachingNote);
        await SendAllAsync();

        Assert.Equal([("dingtalk", "sent"), ("email", "failed"), ("email", "sent"), ("wecom", "sent")], heard.Order().ToList());
        const string refusedEmail = @"(?m)^pipeline_notification_deliveries_total\{[^}]*channel=""email""[^}]*outcome=""failed""[^}]*\} [1-9]";
        var (_, body) = await ScrapeUntilAsync("10.1.0.7", text => Regex.IsMatch(text, refusedEmail));
        Assert.Matches(refusedEmail, body);
    }

    private async Task SendAllAsync()
    {
        while ((await app.Dispatcher().RunOnceAsync()).DidWork)
        {
        }
    }

    /// <summary>
    /// Listens to this app's instrument <paramref name="name"/> only (other test hosts in the process have a meter of the
    /// same name), handing each measurement's tags to <paramref name="measured"/>.
    /// </summary>
    private MeterListener Listen(string name, Action<Dictionary<string, object?>> measured)
    {
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Meter.Name == PipelineMetrics.MeterName && instrument.Name == name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            measured(tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value)));
        listener.Start();
        return listener;
    }

    /// <summary>Scrapes as Prometheus would from <paramref name="address"/> until the text shows what is wanted (the exporter caches a scrape briefly).</summary>
    private async Task<(HttpResponseMessage Response, string Body)> ScrapeUntilAsync(string address, Func<string, bool> shows)
    {
        var prometheus = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var response = await prometheus.SendAsync(ScrapeRequest(address));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || shows(body) || DateTime.UtcNow > deadline)
            {
                return (response, body);
            }

            await Task.Delay(200);
        }
    }

    private static HttpRequestMessage ScrapeRequest(string address, string path = "/metrics")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", address);
        return request;
    }
}

/// <summary>
/// Alone: every test host in the process has meters of the same names, and OpenTelemetry stops exporting an instrument once
/// any meter of its name is disposed (open-telemetry/opentelemetry-dotnet#6412), as another class's host is when it ends.
/// One app per process, as in production, never meets this.
/// </summary>
[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection;

[Collection(nameof(TelemetryCollection))]
public sealed class SqliteTelemetryTests(TelemetrySqliteApp app) : TelemetryTests<TelemetrySqliteApp>(app);

[Collection(nameof(TelemetryCollection))]
public sealed class PostgresTelemetryTests(TelemetryPostgresApp app) : TelemetryTests<TelemetryPostgresApp>(app);

/// <summary>The app with the scrape endpoint on for <see cref="TelemetryTests{TApp}.AllowedNetworks"/>, behind a proxy, with the outbox tests' senders.</summary>
public static class TelemetryHost
{
    public static void Configure(IWebHostBuilder builder, SenderLog log, string host)
    {
        OutboxHost.Configure(builder, log, host, dispatcherLoop: false);
        builder.UseSetting("Telemetry:Prometheus:Enabled", "true");
        builder.UseSetting("Telemetry:Prometheus:AllowedNetworks", TelemetryTests<TelemetrySqliteApp>.AllowedNetworks);
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED, as README's several-instance setup runs it.
        builder.UseSetting("FORWARDEDHEADERS_ENABLED", "true");
    }
}

public sealed class TelemetrySqliteApp : SqliteApp, IOutboxApp
{
    public OutboxState Outbox { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        TelemetryHost.Configure(builder, Outbox.Log, "sqlite");
    }
}

public sealed class TelemetryPostgresApp : PostgresApp, IOutboxApp
{
    public OutboxState Outbox { get; } = new();

    /// <summary>With a password (the test cluster trusts, so any will do), which the scrape must not show.</summary>
    protected override string ConnectionString => base.ConnectionString.Contains("password", StringComparison.OrdinalIgnoreCase)
        ? base.ConnectionString
        : base.ConnectionString + ";Password=telemetry-secret-2026";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        TelemetryHost.Configure(builder, Outbox.Log, "postgres");
    }
}

/// <summary>With no Telemetry settings (the default): no OpenTelemetry at all, and no metrics address.</summary>
public sealed class TelemetryOffTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task WithoutTheSettingThereIsNoMetricsAddressAndNoExporter()
    {
        var browser = await SignInForm.BrowserAsync(app, app.Admin);
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/metrics")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/metrics")).StatusCode);
        Assert.Null(app.Services.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData(null, "'Telemetry:Prometheus:AllowedNetworks' is required")]
    [InlineData("10.0.0.0/33", "'Telemetry:Prometheus:AllowedNetworks'")]
    [InlineData("intranet", "'Telemetry:Prometheus:AllowedNetworks'")]
    public void TheScrapeEndpointDoesNotStartWithoutAValidListOfWhoMayScrape(string? networks, string message)
    {
        Assert.Contains(message, StartupTests.StartError(("Telemetry:Prometheus:Enabled", "true"), ("Telemetry:Prometheus:AllowedNetworks", networks)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("10.2.0.1", false)]
    [InlineData("fd00::1", false)]
    [InlineData(null, false)]
    public void OnlyTheListedNetworksMayScrape(string? address, bool allowed)
    {
        var settings = new PrometheusSettings("/metrics", [System.Net.IPNetwork.Parse("10.1.0.0/16")]);

        Assert.Equal(allowed, settings.Allows(address is null ? null : IPAddress.Parse(address)));
    }
}
