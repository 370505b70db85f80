using KeyAccountPipeline.Domain.Notifications;

namespace KeyAccountPipeline.Domain.Tests;

/// <summary>Issue 17 §3: the weekly digest's moment is Monday 08:30 on the organisation's wall clock, not UTC's.</summary>
public class DigestScheduleTests
{
    private static readonly DigestSchedule Shanghai = new(DayOfWeek.Monday, new TimeOnly(8, 30), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    private static DateTimeOffset Utc(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    public static TheoryData<DateTimeOffset, DateOnly, DateTimeOffset> ShanghaiWeeks => new()
    {
        // Monday 22 June 2026, 08:30 Shanghai = 00:30 UTC: the moment itself opens the week.
        { Utc(6, 22, 0, 30), new DateOnly(2026, 6, 22), Utc(6, 29, 0, 30) },
        // A minute before it is still the previous week's; so is Sunday 08:30 UTC (16:30 Shanghai).
        { Utc(6, 22, 0, 29), new DateOnly(2026, 6, 15), Utc(6, 22, 0, 30) },
        { Utc(6, 21, 8, 30), new DateOnly(2026, 6, 15), Utc(6, 22, 0, 30) },
        // Sunday 16:00 UTC is already Monday 00:00 in Shanghai, but before 08:30 there.
        { Utc(6, 21, 16, 0), new DateOnly(2026, 6, 15), Utc(6, 22, 0, 30) },
        // Monday 08:30 UTC (16:30 Shanghai) and a late Tuesday run both belong to Monday's week.
        { Utc(6, 22, 8, 30), new DateOnly(2026, 6, 22), Utc(6, 29, 0, 30) },
        { Utc(6, 23, 1, 0), new DateOnly(2026, 6, 22), Utc(6, 29, 0, 30) },
        { Utc(6, 28, 23, 59), new DateOnly(2026, 6, 22), Utc(6, 29, 0, 30) },
    };

    [Theory]
    [MemberData(nameof(ShanghaiWeeks))]
    public void AnInstantBelongsToTheLatestMomentInTheOrganisationsZone(DateTimeOffset now, DateOnly week, DateTimeOffset next)
    {
        Assert.Equal(week, Shanghai.WeekOf(Shanghai.LatestAtOrBefore(now)));
        Assert.Equal(next, Shanghai.NextAfter(now));
    }

    [Fact]
    public void InAZoneBehindUtcMondayAtHalfPastEightUtcIsStillSundayNight()
    {
        var newYork = Shanghai with { Zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York") };

        Assert.Equal(new DateOnly(2026, 6, 15), newYork.WeekOf(newYork.LatestAtOrBefore(Utc(6, 22, 8, 30))));
        Assert.Equal(Utc(6, 22, 12, 30), newYork.NextAfter(Utc(6, 22, 8, 30)));
        // Winter time: 08:30 in New York is 13:30 UTC.
        Assert.Equal(Utc(12, 7, 13, 30), newYork.NextAfter(Utc(12, 7, 8, 30)));
    }

    [Fact]
    public void AnotherDayAndTimeFromTheSettings()
    {
        var friday = Shanghai with { Day = DayOfWeek.Friday, Time = new TimeOnly(17, 0) };

        Assert.Equal(Utc(6, 26, 9, 0), friday.NextAfter(Utc(6, 22, 0, 30)));
        Assert.Equal(new DateOnly(2026, 6, 19), friday.WeekOf(friday.LatestAtOrBefore(Utc(6, 26, 8, 59))));
    }

    [Fact]
    public void AMomentThatDaylightSavingSkipsIsTheFirstMinuteAfterTheGapAndARepeatedOneItsFirstOccurrence()
    {
        var berlin = new DigestSchedule(DayOfWeek.Sunday, new TimeOnly(2, 30), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

        // 29 March 2026: clocks go from 02:00 to 03:00 CET → CEST; 03:00 CEST is 01:00 UTC.
        Assert.Equal(Utc(3, 29, 1, 0), berlin.MomentOn(new DateOnly(2026, 3, 29)));
        // 25 October 2026: 02:30 happens twice; the first is CEST (00:30 UTC).
        Assert.Equal(Utc(10, 25, 0, 30), berlin.MomentOn(new DateOnly(2026, 10, 25)));
    }
}
