using System.Globalization;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Domain.Time;
using KeyAccountPipeline.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>The weekly ladder digest (issue 17 §3): its schedule, the run, the scheduler and the renderer.</summary>
public static class DigestSetup
{
    public const string DayKey = "Notifications:Digest:Day";

    public const string TimeKey = "Notifications:Digest:Time";

    /// <summary>Turns the scheduler off (the run and the renderer stay): for an instance that must never send, and the test suite.</summary>
    public const string EnabledKey = "Notifications:Digest:Enabled";

    /// <summary>
    /// Reads <c>Notifications:Digest:Day</c> (a day name, default Monday), <c>Notifications:Digest:Time</c> (HH:mm on the
    /// organisation's clock, default 08:30), <c>Notifications:Digest:Enabled</c> (default true) and
    /// <c>Notifications:PublicUrl</c>; registers <see cref="DigestRun"/>, <see cref="DigestScheduler"/> and
    /// <see cref="DigestMessages"/> (as an <see cref="INotificationRenderer"/>). Call after <c>AddPipelineCalendar</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting that is present but malformed, naming its key.</exception>
    public static IHostApplicationBuilder AddNotificationDigest(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var day = Settings.Choice(configuration, DayKey, DigestSchedule.DefaultDay);
        var at = ReadTime(configuration);
        builder.Services.AddSingleton(services => new DigestSchedule(day, at, services.GetRequiredService<OrgCalendar>().Zone));
        builder.Services.TryAddSingleton(NotificationPublicUrl.Read(configuration));
        builder.Services.AddSingleton<DigestRun>();
        builder.Services.AddSingleton<INotificationRenderer, DigestMessages>();
        builder.Services.TryAddSingleton<NotificationMessages>();
        if (Settings.Bool(configuration, EnabledKey) ?? true)
        {
            builder.Services.AddSingleton<DigestScheduler>();
            builder.Services.AddHostedService(services => services.GetRequiredService<DigestScheduler>());
        }

        return builder;
    }

    private static TimeOnly ReadTime(IConfiguration configuration)
    {
        var text = configuration[TimeKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return DigestSchedule.DefaultTime;
        }

        return TimeOnly.TryParseExact(text.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw Settings.Invalid(TimeKey, text, "a time of day as HH:mm, such as 08:30");
    }

}
