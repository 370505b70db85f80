using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>
/// Runs <see cref="DigestRun"/> at each digest moment (<see cref="DigestSchedule"/>: Monday 08:30 in the organisation's zone by
/// default), waiting on the app's <see cref="TimeProvider"/> so a test's fake clock drives it. At start it runs once for the
/// latest moment already past, which finishes a week's digest that a stopped or late instance left undone and writes nothing
/// when it is complete. Every instance runs it; the run is idempotent (decision 0038-notifications-digest), so no lock or
/// clustered job store is needed. A failed run (the database away) is tried again every <see cref="RetryAfter"/>.
/// </summary>
public sealed class DigestScheduler(DigestRun run, DigestSchedule schedule, TimeProvider time, ILogger<DigestScheduler> logger) : BackgroundService
{
    /// <summary>How long after a failed run the next try comes.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);

    private long _runs;

    /// <summary>The UTC instant the scheduler waits for; null while it runs.</summary>
    public DateTimeOffset? WaitingUntil { get; private set; }

    /// <summary>How many runs finished (with or without writing anything) since start.</summary>
    public long Runs => Interlocked.Read(ref _runs);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start-up path: the first run reads the whole board.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset next;
            try
            {
                var now = time.GetUtcNow();
                await run.RunAsync(now, stoppingToken);
                Interlocked.Increment(ref _runs);
                next = schedule.NextAfter(now);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(exception, "The weekly digest run failed; trying again in {Retry}", RetryAfter);
                next = time.GetUtcNow() + RetryAfter;
            }

            WaitingUntil = next;
            var wait = next - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            WaitingUntil = null;
        }
    }
}
