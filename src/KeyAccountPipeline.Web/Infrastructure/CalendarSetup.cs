using KeyAccountPipeline.Domain.Time;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KeyAccountPipeline.Web.Infrastructure;

internal static class CalendarSetup
{
    /// <summary>The clock (<see cref="TimeProvider.System"/> unless a test registered its own) and the organisation's calendar in its time zone.</summary>
    public static IHostApplicationBuilder AddPipelineCalendar(this IHostApplicationBuilder builder)
    {
        var zone = ReadTimeZone(builder.Configuration);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services => new OrgCalendar(services.GetRequiredService<TimeProvider>(), zone));
        return builder;
    }

    private static TimeZoneInfo ReadTimeZone(IConfiguration configuration)
    {
        const string key = "Organization:TimeZone";
        var id = configuration[key];
        if (string.IsNullOrWhiteSpace(id))
        {
            id = "Asia/Shanghai";
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : throw Settings.Invalid(key, id, "a time zone id such as Asia/Shanghai");
    }
}
