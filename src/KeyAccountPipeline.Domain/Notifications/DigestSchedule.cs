namespace KeyAccountPipeline.Domain.Notifications;

/// <summary>
/// When the weekly ladder digest goes out (issue 17 §3): once a week on <see cref="Day"/> at <see cref="Time"/> on the wall
/// clock of the organisation's zone (default Monday 08:30 in Asia/Shanghai, which is 00:30 UTC, never 08:30 UTC). Each such
/// moment opens a "digest week" named by its local date; a digest belongs to the latest moment at or before the instant it is
/// written, so a run that is late (the app was down at 08:30) still writes that week's digest, and one before the moment writes
/// the previous week's, never the coming one's.
/// </summary>
/// <remarks>
/// A wall-clock time that a daylight-saving change skips (02:30 on a spring-forward night in Europe) is read as the first
/// instant after the gap; a time that occurs twice (an autumn night) as its first occurrence. Asia/Shanghai has neither.
/// </remarks>
public sealed record DigestSchedule(DayOfWeek Day, TimeOnly Time, TimeZoneInfo Zone)
{
    /// <summary>Monday, the first day of the week in the product (CHECKLIST: "week starts on Monday").</summary>
    public const DayOfWeek DefaultDay = DayOfWeek.Monday;

    /// <summary>08:30: before the Monday meeting, after people are at their desks.</summary>
    public static readonly TimeOnly DefaultTime = new(8, 30);

    /// <summary>The UTC instant of the latest digest moment at or before <paramref name="now"/>.</summary>
    public DateTimeOffset LatestAtOrBefore(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);
        var day = today.AddDays(-(((int)today.DayOfWeek - (int)Day + 7) % 7));
        var moment = MomentOn(day);
        return moment <= now ? moment : MomentOn(day.AddDays(-7));
    }

    /// <summary>The UTC instant of the first digest moment after <paramref name="now"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset now)
    {
        var latest = LatestAtOrBefore(now);
        return MomentOn(WeekOf(latest).AddDays(7));
    }

    /// <summary>The digest day (the organisation's local date) of the moment <paramref name="moment"/>: the week's name in a dedupe key.</summary>
    public DateOnly WeekOf(DateTimeOffset moment) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, Zone).DateTime);

    /// <summary>The UTC instant of <see cref="Time"/> on <paramref name="day"/> in <see cref="Zone"/>.</summary>
    public DateTimeOffset MomentOn(DateOnly day)
    {
        var local = day.ToDateTime(Time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            // Skipped by a spring-forward change: the first minute after the gap (gaps are whole minutes; at most a few hours).
            do
            {
                local = local.AddMinutes(1);
            }
            while (Zone.IsInvalidTime(local));
        }

        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
