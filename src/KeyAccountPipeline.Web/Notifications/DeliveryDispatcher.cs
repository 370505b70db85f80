using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Web.Infrastructure;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>What one step of the dispatcher did.</summary>
/// <param name="Planned">Notifications whose deliveries were written.</param>
/// <param name="Attempted">Deliveries tried (sent, retried later or failed).</param>
public sealed record DispatchStep(int Planned, int Attempted)
{
    public bool DidWork => Planned > 0 || Attempted > 0;
}

/// <summary>
/// The outbox's sender (issue 17 §5; docs/decisions/0037-notifications-outbox.md): a background loop that plans waiting
/// notifications into deliveries (<see cref="DeliveryPlanner"/>), leases the due ones (<see cref="DeliveryOutbox"/>), renders
/// each in its person's language, sends it through the <see cref="IDeliverySender"/> of its channel and records the outcome:
/// sent; or "try again later" after an exponential backoff with jitter (or the channel's own "retry after"); or failed, after
/// <see cref="DispatcherSettings.MaxAttempts"/> attempts or when the channel refuses it for good. A sender that throws counts
/// as "try again later". It wakes at once on any live change (a notification written here, or on another instance of the
/// same PostgreSQL database) and otherwise every <see cref="DispatcherSettings.PollInterval"/> of the app's clock.
/// Stopping lets the attempt in flight finish and record its outcome, and hands the other leased rows back.
/// </summary>
public sealed class DeliveryDispatcher(
    DeliveryPlanner planner,
    DeliveryOutbox outbox,
    NotificationMessages messages,
    IEnumerable<IDeliverySender> senders,
    PipelineChanges changes,
    DispatcherSettings settings,
    PipelineMetrics metrics,
    TimeProvider time,
    ILogger<DeliveryDispatcher> logger) : BackgroundService
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SemaphoreSlim _step = new(1, 1);
    private readonly IDeliverySender[] _senders = [.. senders];

    /// <summary>This instance's name in <see cref="Delivery.LeaseOwner"/>: host, process and a random part (two hosts may share a process).</summary>
    public string Instance { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Asks the loop to run a step now (a notification was written, an admin pressed Resend). Never blocks.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>
    /// One step: plans one batch of waiting notifications, then tries one batch of due deliveries. Steps never overlap on one
    /// instance. <paramref name="stopping"/> ends the step before the next attempt; an attempt begun is finished and recorded.
    /// </summary>
    public async Task<DispatchStep> RunOnceAsync(CancellationToken stopping = default)
    {
        await _step.WaitAsync(stopping);
        try
        {
            var planned = await planner.PlanAsync(settings.BatchSize, stopping);
            return new DispatchStep(planned, await SendDueAsync(stopping));
        }
        finally
        {
            _step.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Enabled)
        {
            logger.LogInformation("The delivery dispatcher is off ({Section}:Enabled=false): nothing is sent from this instance", DispatcherSettings.Section);
            return;
        }

        changes.Changed += OnChange;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                DispatchStep step;
                try
                {
                    step = await RunOnceAsync(stoppingToken);
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database away, most often: the rows stay where they were, and the next poll tries again.
                    logger.LogWarning(error, "A delivery step failed; trying again in {Interval}", settings.PollInterval);
                    step = new DispatchStep(0, 0);
                }

                if (!step.DidWork)
                {
                    await WaitAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            changes.Changed -= OnChange;
        }
    }

    /// <summary>Any change may have written notifications (events are recorded with the change that caused them).</summary>
    private void OnChange(PipelineChange change) => Wake();

    private async Task WaitAsync(CancellationToken stoppingToken)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var poll = Task.Delay(settings.PollInterval, time, waiting.Token);
        var woken = _wake.Reader.WaitToReadAsync(waiting.Token).AsTask();
        await Task.WhenAny(poll, woken);
        await waiting.CancelAsync();
        _wake.Reader.TryRead(out _);
        stoppingToken.ThrowIfCancellationRequested();
    }

    private async Task<int> SendDueAsync(CancellationToken stopping)
    {
        var owner = $"{Instance}/{Guid.NewGuid():N}";
        var now = time.GetUtcNow();
        var until = now + settings.Lease;
        var claimed = await outbox.ClaimAsync(owner, now, until, settings.BatchSize, stopping);
        var attempted = 0;
        try
        {
            foreach (var item in claimed)
            {
                // Not past the lease: an attempt begun after another instance may take the row over could double it.
                if (stopping.IsCancellationRequested || time.GetUtcNow() + settings.SendTimeout >= until)
                {
                    break;
                }

                await AttemptAsync(item, owner);
                attempted++;
            }
        }
        finally
        {
            if (attempted < claimed.Count)
            {
                await outbox.ReleaseAsync(owner, CancellationToken.None);
            }
        }

        return attempted;
    }

    /// <summary>One attempt, not cancelled by stopping: a message handed to a channel is recorded as sent before the instance ends.</summary>
    private async Task AttemptAsync(ClaimedDelivery item, string owner)
    {
        var delivery = item.Delivery;
        var started = Stopwatch.GetTimestamp();
        var outcome = await SendAsync(item);
        var took = Stopwatch.GetElapsedTime(started);
        var attempts = delivery.Attempts + 1;
        var now = time.GetUtcNow();
        (AttemptResult result, string? error, TimeSpan? after) = outcome switch
        {
            SendOutcome.Sent => (AttemptResult.Sent, null, null),
            SendOutcome.Failed failed => (AttemptResult.Failed, failed.Error, null),
            SendOutcome.RetryLater later when attempts >= settings.MaxAttempts =>
                (AttemptResult.Failed, $"Gave up after {attempts} attempts: {later.Error}", null),
            SendOutcome.RetryLater later => (AttemptResult.Retry, later.Error, later.After),
            _ => (AttemptResult.Retry, $"Unknown outcome {outcome.GetType().Name}", null),
        };
        var retryAt = now + DispatcherSettings.Backoff(attempts, after, Random.Shared.NextDouble());
        // What the channel answered, counted even when recording it fails (the database away).
        metrics.Delivered(delivery.Channel, result, took);
        var recorded = await outbox.RecordAsync(delivery.Id, owner, result, error, now, retryAt, CancellationToken.None);
        if (!recorded)
        {
            logger.LogWarning("Delivery {Id} was taken over by another instance before its outcome ({Result}) was recorded", delivery.Id, result);
        }
        else if (result == AttemptResult.Failed)
        {
            logger.LogWarning("Delivery {Id} by {Channel} failed after {Attempts} attempts: {Error}", delivery.Id, delivery.Channel, attempts, DeliveryOutbox.SafeError(error!));
        }
        else if (result == AttemptResult.Retry)
        {
            logger.LogInformation("Delivery {Id} by {Channel} will be tried again at {RetryAt:O}: {Error}", delivery.Id, delivery.Channel, retryAt, DeliveryOutbox.SafeError(error!));
        }
    }

    private async Task<SendOutcome> SendAsync(ClaimedDelivery item)
    {
        if (_senders.FirstOrDefault(s => s.Channel == item.Delivery.Channel) is not { } sender)
        {
            return new SendOutcome.Failed($"No sender for {item.Delivery.Channel} is installed.");
        }

        NotificationMessage message;
        try
        {
            message = messages.Render(item.Notification, CultureInfo.GetCultureInfo(item.Language));
        }
        catch (Exception error)
        {
            // A programming error (no renderer for the kind, facts it cannot read): retrying would not help; Resend after the fix.
            logger.LogError(error, "Notification {Id} of kind {Kind} could not be rendered", item.Notification.Id, item.Notification.Kind);
            return new SendOutcome.Failed($"The message could not be rendered: {error.Message}");
        }

        using var timeout = new CancellationTokenSource(settings.SendTimeout);
        try
        {
            return await sender.SendAsync(item.Delivery, message, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new SendOutcome.RetryLater($"No answer within {settings.SendTimeout.TotalSeconds:0} s.");
        }
        catch (Exception error)
        {
            return new SendOutcome.RetryLater($"{error.GetType().Name}: {error.Message}");
        }
    }
}
