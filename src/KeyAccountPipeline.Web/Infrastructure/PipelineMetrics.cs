using System.Diagnostics;
using System.Diagnostics.Metrics;
using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;

namespace KeyAccountPipeline.Web.Infrastructure;

/// <summary>
/// The app's own instruments, on the meter <see cref="MeterName"/> (README "Observability", decision 0040): deliveries the
/// outbox attempted, by channel and outcome, with how long the channel took; and live changes this instance heard, by kind
/// (on PostgreSQL that includes every other instance's). Without a listener (no exporter configured) an instrument records
/// nothing and costs a check. While the app runs it listens to <see cref="PipelineChanges"/> to count what is heard.
/// </summary>
public sealed class PipelineMetrics : IHostedService
{
    public const string MeterName = "KeyAccountPipeline";

    public const string Deliveries = "pipeline.notification.deliveries";

    public const string DeliveryDuration = "pipeline.notification.delivery.duration";

    public const string LiveChanges = "pipeline.live.changes";

    private readonly Counter<long> _deliveries;
    private readonly Histogram<double> _deliveryDuration;
    private readonly Counter<long> _changes;
    private readonly PipelineChanges _live;

    public PipelineMetrics(IMeterFactory meters, PipelineChanges live)
    {
        var meter = meters.Create(MeterName);
        _deliveries = meter.CreateCounter<long>(Deliveries, "{delivery}",
            "Delivery attempts by channel and outcome: sent, retry (tried again later) or failed (given up).");
        _deliveryDuration = meter.CreateHistogram(DeliveryDuration, "s", "How long a channel took to take or refuse a delivery.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        _changes = meter.CreateCounter<long>(LiveChanges, "{change}",
            "Live changes this instance heard and passed to its open pages, by kind.");
        _live = live;
    }

    /// <summary>One delivery attempt ended with <paramref name="outcome"/> after <paramref name="took"/>.</summary>
    public void Delivered(DeliveryChannel channel, AttemptResult outcome, TimeSpan took)
    {
        var tags = new TagList { { "channel", TagValue<DeliveryChannel>.Of(channel) }, { "outcome", TagValue<AttemptResult>.Of(outcome) } };
        _deliveries.Add(1, tags);
        _deliveryDuration.Record(took.TotalSeconds, tags);
    }

    /// <summary>Called on the delivering thread (<see cref="PipelineChanges.Changed"/>): counts and returns.</summary>
    private void Heard(PipelineChange change) => _changes.Add(1, new KeyValuePair<string, object?>("kind", TagValue<PipelineChangeKind>.Of(change.Kind)));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _live.Changed += Heard;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _live.Changed -= Heard;
        return Task.CompletedTask;
    }

    /// <summary>An enum's values as lower-case tag values ("wecom", "sent", "deal"), worked out once.</summary>
    private static class TagValue<T>
        where T : struct, Enum
    {
        private static readonly Dictionary<T, string> Names = Enum.GetValues<T>().ToDictionary(value => value, value => value.ToString().ToLowerInvariant());

        public static string Of(T value) => Names.TryGetValue(value, out var name) ? name : "other";
    }
}
