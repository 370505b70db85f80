using System.Net;
using System.Reflection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KeyAccountPipeline.Web.Infrastructure;

/// <summary>
/// Settings "Telemetry" (README "Observability", decision 0040), read strictly: <see cref="Otlp"/> is null unless
/// <c>Telemetry:Otlp:Endpoint</c> is set, <see cref="Prometheus"/> null unless <c>Telemetry:Prometheus:Enabled</c> is true.
/// </summary>
public sealed record TelemetrySettings(OtlpSettings? Otlp, PrometheusSettings? Prometheus)
{
    public const string Section = "Telemetry";

    public static TelemetrySettings Read(IConfiguration configuration) => new(OtlpSettings.Read(configuration), PrometheusSettings.Read(configuration));
}

/// <summary>Where metrics and traces are pushed: an OpenTelemetry collector (or any OTLP receiver) at <see cref="Endpoint"/>.</summary>
public sealed record OtlpSettings(Uri Endpoint, OtlpExportProtocol Protocol)
{
    private const string Key = TelemetrySettings.Section + ":Otlp";

    public static OtlpSettings? Read(IConfiguration configuration)
    {
        var protocol = Settings.Choice(configuration, Key + ":Protocol", OtlpExportProtocol.Grpc);
        var text = configuration[Key + ":Endpoint"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return Uri.TryCreate(text.Trim(), UriKind.Absolute, out var endpoint) && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps)
            ? new OtlpSettings(endpoint, protocol)
            : throw Settings.Invalid(Key + ":Endpoint", text, "an absolute http(s) address such as http://collector:4317");
    }

    /// <summary>
    /// Points the exporter of one signal here. Over HTTP the exporter takes the signal's own address as given, so
    /// <paramref name="signalPath"/> (<c>v1/metrics</c>, <c>v1/traces</c>) is added to the base address; gRPC takes the base.
    /// </summary>
    public void Apply(OtlpExporterOptions options, string signalPath)
    {
        options.Protocol = Protocol;
        options.Endpoint = Protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(new Uri(Endpoint.AbsoluteUri.TrimEnd('/') + "/"), signalPath)
            : Endpoint;
    }
}

/// <summary>
/// The scrape endpoint: at <see cref="Path"/>, for the addresses in <see cref="AllowedNetworks"/> (null: any address).
/// Prometheus cannot sign in, so who may read is decided by where the request comes from, and that list must be given.
/// </summary>
public sealed record PrometheusSettings(PathString Path, IReadOnlyList<IPNetwork>? AllowedNetworks)
{
    private const string Key = TelemetrySettings.Section + ":Prometheus";

    public static PrometheusSettings? Read(IConfiguration configuration)
    {
        var path = configuration[Key + ":Path"];
        if (string.IsNullOrWhiteSpace(path))
        {
            path = "/metrics";
        }
        else if (path.Length < 2 || path[0] != '/' || path.IndexOfAny(['?', '#', ' ']) >= 0)
        {
            throw Settings.Invalid(Key + ":Path", path, "a path such as /metrics");
        }

        if (Settings.Bool(configuration, Key + ":Enabled") != true)
        {
            return null;
        }

        var networks = configuration[Key + ":AllowedNetworks"];
        if (string.IsNullOrWhiteSpace(networks))
        {
            throw new InvalidOperationException(
                $"Setting '{Key}:AllowedNetworks' is required when '{Key}:Enabled' is true: the addresses Prometheus scrapes from " +
                "(e.g. 10.0.0.0/8;127.0.0.1), or * when the network in front of the app already keeps everyone else out.");
        }

        return new PrometheusSettings(new PathString(path), networks.Trim() == "*" ? null : ParseNetworks(networks));
    }

    private static List<IPNetwork> ParseNetworks(string text)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in text.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            }
            else
            {
                throw Settings.Invalid(Key + ":AllowedNetworks", text, "* or addresses and networks separated by ; such as 10.0.0.0/8;127.0.0.1");
            }
        }

        return networks;
    }

    /// <summary>Whether a request from <paramref name="address"/> may read the metrics; an unknown address may not, unless any may.</summary>
    public bool Allows(IPAddress? address)
    {
        if (AllowedNetworks is null)
        {
            return true;
        }

        if (address is null)
        {
            return false;
        }

        // A dual-stack listener reports an IPv4 client as ::ffff:a.b.c.d.
        var client = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return AllowedNetworks.Any(network => network.Contains(client));
    }
}

/// <summary>
/// OpenTelemetry metrics and traces (issue 18 part 6; README "Observability"; decision 0040). With nothing configured only
/// the app's own instruments exist (<see cref="PipelineMetrics"/>) and no OpenTelemetry SDK is registered at all.
/// </summary>
internal static class TelemetrySetup
{
    public const string ServiceName = "KeyAccountPipeline";

    /// <summary>The meters exported, besides the runtime's (GC, thread pool, exceptions).</summary>
    public static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting", // http.server.request.duration, http.server.active_requests
        "Microsoft.AspNetCore.Server.Kestrel", // connections open and queued, upgraded (WebSocket) connections
        "Microsoft.AspNetCore.Http.Connections", // SignalR connections: the transport of Blazor's circuits
        "Microsoft.AspNetCore.Components.Server.Circuits", // aspnetcore.components.circuit.active / .connected / .duration
        "Microsoft.AspNetCore.RateLimiting", // requests the rate limiter held or refused
        "Microsoft.AspNetCore.Diagnostics", // exceptions the exception handler saw
        "Microsoft.EntityFrameworkCore", // queries, saves, optimistic concurrency failures
        "Npgsql", // PostgreSQL: connection pool use and command durations
        "System.Net.Http", // outgoing calls: the group robots' webhooks
        PipelineMetrics.MeterName,
    ];

    /// <summary>Trace sources besides ASP.NET Core's requests: PostgreSQL commands (Npgsql's own spans) and outgoing HTTP calls.</summary>
    private static readonly string[] TraceSources = ["Npgsql", "System.Net.Http"];

    public static IHostApplicationBuilder AddPipelineTelemetry(this IHostApplicationBuilder builder)
    {
        var settings = TelemetrySettings.Read(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<PipelineMetrics>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PipelineMetrics>());
        if (settings is { Otlp: null, Prometheus: null })
        {
            return builder;
        }

        var version = typeof(TelemetrySetup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: version))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters).AddRuntimeInstrumentation();
                if (settings.Prometheus is not null)
                {
                    metrics.AddPrometheusExporter();
                }

                if (settings.Otlp is { } otlp)
                {
                    metrics.AddOtlpExporter(options => otlp.Apply(options, "v1/metrics"));
                }
            });
        if (settings.Otlp is { } otlp)
        {
            // Polls are not users: the scrape and the health check leave no spans.
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/health") && context.Request.Path != settings.Prometheus?.Path)
                .AddSource(TraceSources)
                .AddOtlpExporter(options => otlp.Apply(options, "v1/traces")));
        }

        return builder;
    }

    /// <summary>
    /// The Prometheus scrape endpoint, when enabled: anonymous (Prometheus cannot sign in), answered only to the allowed
    /// networks; any other address gets the 404 of an address the app does not have. Outside /api, so neither the API's
    /// rate limit nor its problem details apply; left out of the OpenAPI document.
    /// </summary>
    public static WebApplication MapPipelineTelemetry(this WebApplication app)
    {
        if (app.Services.GetRequiredService<TelemetrySettings>().Prometheus is not { } prometheus)
        {
            return app;
        }

        var logger = app.Services.GetRequiredService<ILogger<TelemetrySettings>>();
        app.MapPrometheusScrapingEndpoint(prometheus.Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use((context, next) =>
            {
                if (prometheus.Allows(context.Connection.RemoteIpAddress))
                {
                    return next(context);
                }

                logger.LogInformation("Refused to show the metrics to {Address}: not in Telemetry:Prometheus:AllowedNetworks", context.Connection.RemoteIpAddress);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }), optionsName: null)
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
