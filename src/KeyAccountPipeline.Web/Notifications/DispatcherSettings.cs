using KeyAccountPipeline.Web.Infrastructure;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>
/// The delivery dispatcher's settings (section <c>Notifications:Dispatcher</c>; docs/decisions/0037-notifications-outbox.md).
/// A malformed value stops the app at start with a message naming the key.
/// </summary>
/// <param name="Enabled"><c>Enabled</c> (default true): whether this instance runs the background loop. Off, nothing is sent
/// unless something calls <see cref="DeliveryDispatcher.RunOnceAsync"/> (the tests drive it so).</param>
/// <param name="PollInterval"><c>PollSeconds</c> (default 5, 1–300): how long an idle loop waits when nothing wakes it.</param>
/// <param name="BatchSize"><c>BatchSize</c> (default 50, 1–1,000): notifications planned, and deliveries leased, per step.</param>
/// <param name="MaxAttempts"><c>MaxAttempts</c> (default 8, 1–100): attempts before a delivery that keeps failing is marked failed.</param>
/// <param name="Lease"><c>LeaseSeconds</c> (default 120, 20–3,600): how long a claimed delivery is this instance's; after that
/// another instance may take it over. A step stops trying its claimed rows once less than <see cref="SendTimeout"/> is left.</param>
public sealed record DispatcherSettings(bool Enabled, TimeSpan PollInterval, int BatchSize, int MaxAttempts, TimeSpan Lease)
{
    public const string Section = "Notifications:Dispatcher";

    /// <summary>The first retry's delay; each later one doubles it (30 s, 1, 2, 4 … min) up to <see cref="MaxBackoff"/>.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(30);

    /// <summary>The longest delay between two attempts of the dispatcher's own choosing (a channel's "retry after" may be longer).</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    /// <summary>The longest "retry after" a channel may ask for; a longer one is cut to this.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(6);

    /// <summary>How long one attempt may take before it counts as "try again later": a quarter of the lease, so it ends well inside it.</summary>
    public TimeSpan SendTimeout => Lease / 4;

    public static DispatcherSettings Read(IConfiguration configuration) => new(
        Settings.Bool(configuration, $"{Section}:Enabled") ?? true,
        TimeSpan.FromSeconds(Settings.Int(configuration, $"{Section}:PollSeconds", 5, 1, 300)),
        Settings.Int(configuration, $"{Section}:BatchSize", 50, 1, 1_000),
        Settings.Int(configuration, $"{Section}:MaxAttempts", 8, 1, 100),
        TimeSpan.FromSeconds(Settings.Int(configuration, $"{Section}:LeaseSeconds", 120, 20, 3_600)));

    /// <summary>
    /// When to try again after the <paramref name="attempts"/>-th attempt failed for now: the channel's
    /// <paramref name="retryAfter"/> when it said one (at least a second, at most <see cref="MaxRetryAfter"/>), otherwise
    /// <see cref="FirstBackoff"/> doubled per earlier attempt, capped at <see cref="MaxBackoff"/>, plus up to a quarter more
    /// at random (<paramref name="jitter"/> in [0, 1)), so instances and robots that failed together do not retry together.
    /// </summary>
    public static TimeSpan Backoff(int attempts, TimeSpan? retryAfter, double jitter)
    {
        if (retryAfter is { } after)
        {
            return after < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : after > MaxRetryAfter ? MaxRetryAfter : after;
        }

        var doubled = FirstBackoff * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        var delay = doubled > MaxBackoff ? MaxBackoff : doubled;
        return delay * (1 + (Math.Clamp(jitter, 0, 1) / 4));
    }
}
