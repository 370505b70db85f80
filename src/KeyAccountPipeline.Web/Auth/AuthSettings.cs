using KeyAccountPipeline.Web.Infrastructure;

namespace KeyAccountPipeline.Web.Auth;

/// <summary>
/// Sign-in periods, as settings so that tests move a fake clock instead of waiting.
/// <c>Auth:LockoutMinutes</c>, <c>Auth:MaxFailedAttempts</c>, <c>Auth:RevalidateMinutes</c>, <c>Auth:TokenMinutes</c>,
/// <c>Auth:AbsoluteLifetimeDays</c> (<see cref="AbsoluteLifetime"/>: how long a sign-in, cookie or refresh tokens, is honoured at
/// most, however often it is used; the cookie's 12-hour sliding expiry ends it earlier when it lies unused).
/// </summary>
public sealed record AuthSettings(TimeSpan Lockout, int MaxFailedAttempts, TimeSpan Revalidate, TimeSpan TokenLifetime, int MaxCircuitsPerUser, TimeSpan AbsoluteLifetime)
{
    public static AuthSettings Read(IConfiguration configuration) => new(
        TimeSpan.FromMinutes(Settings.Int(configuration, "Auth:LockoutMinutes", 5, min: 1, max: 24 * 60)),
        Settings.Int(configuration, "Auth:MaxFailedAttempts", 5, min: 1, max: 100),
        TimeSpan.FromMinutes(Settings.Int(configuration, "Auth:RevalidateMinutes", 5, min: 1, max: 5)),
        TimeSpan.FromMinutes(Settings.Int(configuration, "Auth:TokenMinutes", 60, min: 1, max: 24 * 60)),
        Settings.Int(configuration, "Auth:MaxCircuitsPerUser", 5, min: 1, max: 50),
        TimeSpan.FromDays(Settings.Int(configuration, "Auth:AbsoluteLifetimeDays", 7, min: 1, max: 90)));
}
