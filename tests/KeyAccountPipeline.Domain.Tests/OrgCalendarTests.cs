namespace KeyAccountPipeline.Domain.Tests;

/// <summary>Days are calendar days in the organisation's time zone (Asia/Shanghai, UTC+8).</summary>
public class OrgCalendarTests
{
    private static readonly DateTimeOffset LateUtcEvening = new(2026, 3, 10, 23, 30, 0, TimeSpan.Zero);

    [Fact]
    public void LateUtcEveningIsTheNextShanghaiDate()
    {
        var (_, calendar) = TestData.CalendarAt(LateUtcEvening);

        Assert.Equal(new DateOnly(2026, 3, 11), calendar.LocalDate(LateUtcEvening));
        Assert.Equal(new DateOnly(2026, 3, 11), calendar.Today);
    }

    [Fact]
    public void DaysSinceUsesTheShanghaiDate()
    {
        // Now: 2026-03-11 02:00 UTC = 10:00 Shanghai on the 11th; the UTC dates differ by one, the local dates do not.
        var (_, calendar) = TestData.CalendarAt(new DateTimeOffset(2026, 3, 11, 2, 0, 0, TimeSpan.Zero));

        Assert.Equal(0, calendar.DaysSince(LateUtcEvening));
    }

    [Fact]
    public void DaysSinceChangesAtShanghaiMidnightNotUtcMidnight()
    {
        var (time, calendar) = TestData.CalendarAt(new DateTimeOffset(2026, 3, 11, 15, 59, 0, TimeSpan.Zero)); // 23:59 Shanghai

        Assert.Equal(0, calendar.DaysSince(LateUtcEvening));

        time.Advance(TimeSpan.FromMinutes(1)); // 00:00 Shanghai on the 12th

        Assert.Equal(1, calendar.DaysSince(LateUtcEvening));
        Assert.Equal(1, calendar.DaysSince(new DateOnly(2026, 3, 11)));
    }

    [Fact]
    public void AnEarlierDayInAFormMeansMiddayOfThatDayInTheOrganisationsZone()
    {
        var (_, calendar) = TestData.CalendarAt(LateUtcEvening); // 07:30 on 11 March in Shanghai

        // 12:00 in Shanghai is 04:00 UTC: the instant falls on the day picked, in the organisation's calendar and in UTC.
        var happened = calendar.HappenedOn(new DateOnly(2026, 3, 9));

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 4, 0, 0, TimeSpan.Zero), happened);
        Assert.Equal(new DateOnly(2026, 3, 9), calendar.LocalDate(happened!.Value));
    }

    [Fact]
    public void TodayOrNoDayInAFormMeansNow()
    {
        var (_, calendar) = TestData.CalendarAt(LateUtcEvening);

        // Today in Shanghai is the 11th while UTC is still on the 10th: the organisation's day decides.
        Assert.Null(calendar.HappenedOn(new DateOnly(2026, 3, 11)));
        Assert.Null(calendar.HappenedOn(null));
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 4, 0, 0, TimeSpan.Zero), calendar.HappenedOn(new DateOnly(2026, 3, 10)));
    }

    [Fact]
    public void AFutureDayInAFormIsKeptForTheDomainToRefuse()
    {
        var (_, calendar) = TestData.CalendarAt(LateUtcEvening);

        Assert.Equal(new DateTimeOffset(2026, 3, 12, 4, 0, 0, TimeSpan.Zero), calendar.HappenedOn(new DateOnly(2026, 3, 12)));
    }

    [Fact]
    public void StartOfDayIsShanghaiMidnightInUtc()
    {
        var (_, calendar) = TestData.CalendarAt(LateUtcEvening);

        Assert.Equal(new DateTimeOffset(2026, 3, 10, 16, 0, 0, TimeSpan.Zero), calendar.StartOfDay(new DateOnly(2026, 3, 11)));
    }

    [Fact]
    public void WindowStartCoversTodayAndThePreviousDaysMinusOne()
    {
        var (_, calendar) = TestData.CalendarAt(TestData.Now); // 2026-03-20 10:00 Shanghai

        // Last 7 days = 2026-03-14 … 2026-03-20 local; 2026-03-14 00:00 Shanghai = 2026-03-13 16:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 13, 16, 0, 0, TimeSpan.Zero), calendar.WindowStart(7));
    }

    [Fact]
    public void CalendarReadsTheTimeProvider()
    {
        var (time, calendar) = TestData.CalendarAt(TestData.Now);

        time.Advance(TimeSpan.FromDays(3));

        Assert.Equal(TestData.Now.AddDays(3), calendar.Now);
        Assert.Equal(new DateOnly(2026, 3, 23), calendar.Today);
    }
}
