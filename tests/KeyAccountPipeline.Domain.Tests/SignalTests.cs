using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Signals;

namespace KeyAccountPipeline.Domain.Tests;

/// <summary>METHOD.md, "Stalled deals": stalled, busy but stuck, regressed; days are Shanghai calendar days.</summary>
public class SignalTests
{
    /// <summary>2026-03-20 10:00 in Shanghai (02:00 UTC).</summary>
    private static readonly DateTimeOffset Now = TestData.Now;

    private static readonly SignalSettings Settings = TestData.Playbook.Signals;

    /// <summary>An instant at 10:00 Shanghai time, <paramref name="days"/> local days before today.</summary>
    private static DateTimeOffset DaysAgo(int days) => Now.AddDays(-days);

    private static SignalReading Read(SignalFacts facts, string stage = "qualify", DateTimeOffset? now = null)
    {
        var (_, calendar) = TestData.CalendarAt(now ?? Now);
        return DealSignals.Read(facts, TestData.Stage(stage), Settings, calendar);
    }

    private static SignalFacts Open(DateTimeOffset? lastUpwardAt, int activities = 0, RegressionMark? regression = null,
        DateOnly? startedOn = null, DealStatus status = DealStatus.Open) =>
        new(status, startedOn ?? new DateOnly(2026, 3, 1), lastUpwardAt, activities, regression);

    public static TheoryData<string, int> StallDaysPerStage() => new()
    {
        { "discover", 14 },
        { "qualify", 21 },
        { "access", 21 },
        { "solution", 28 },
        { "coplan", 21 },
        { "commit", 14 },
    };

    [Fact]
    public void DefaultSignalSettingsAreThreeActivitiesThirtyDaysSevenDays()
    {
        Assert.Equal(new SignalSettings(3, 30, 7), Settings);
    }

    [Theory]
    [MemberData(nameof(StallDaysPerStage))]
    public void ExactlyStallDaysSinceAdvanceIsNotStalled(string stage, int stallDays)
    {
        var reading = Read(Open(DaysAgo(stallDays)), stage);

        Assert.Equal(stallDays, reading.DaysSinceAdvance);
        Assert.DoesNotContain(Flag.Stalled, reading.Flags);
    }

    [Theory]
    [MemberData(nameof(StallDaysPerStage))]
    public void OneDayMoreThanStallDaysIsStalled(string stage, int stallDays)
    {
        var reading = Read(Open(DaysAgo(stallDays + 1)), stage);

        var stalled = Assert.Single(reading.Signals, s => s.Flag == Flag.Stalled);
        Assert.Equal(stallDays + 1, stalled.Days);
        Assert.Equal(stallDays, stalled.AllowedDays);
    }

    [Fact]
    public void StallCountsShanghaiCalendarDaysNotUtcDays()
    {
        // 2026-03-10T23:30Z is 2026-03-11 07:30 in Shanghai. Discover allows 14 days.
        var advance = new DateTimeOffset(2026, 3, 10, 23, 30, 0, TimeSpan.Zero);

        // 2026-03-25 10:00 Shanghai: 14 local days later (15 UTC dates later) → not stalled.
        var atBoundary = Read(Open(advance), "discover", new DateTimeOffset(2026, 3, 25, 2, 0, 0, TimeSpan.Zero));
        // 2026-03-26 00:30 Shanghai (still 2026-03-25 in UTC): 15 local days → stalled.
        var pastBoundary = Read(Open(advance), "discover", new DateTimeOffset(2026, 3, 25, 16, 30, 0, TimeSpan.Zero));

        Assert.Equal(14, atBoundary.DaysSinceAdvance);
        Assert.DoesNotContain(Flag.Stalled, atBoundary.Flags);
        Assert.Equal(15, pastBoundary.DaysSinceAdvance);
        Assert.Contains(Flag.Stalled, pastBoundary.Flags);
    }

    [Fact]
    public void WithoutAnUpwardChangeStallCountsFromStartedOn()
    {
        var today = new DateOnly(2026, 3, 20);

        var fresh = Read(Open(null, startedOn: today.AddDays(-14)), "discover");
        var stale = Read(Open(null, startedOn: today.AddDays(-15)), "discover");

        Assert.DoesNotContain(Flag.Stalled, fresh.Flags);
        var stalled = Assert.Single(stale.Signals, s => s.Flag == Flag.Stalled);
        Assert.Equal(15, stalled.Days);
        Assert.Equal(14, stalled.AllowedDays);
        // Start of 2026-03-05 in Shanghai is 2026-03-04 16:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 16, 0, 0, TimeSpan.Zero), stale.LastAdvanceAt);
    }

    [Fact]
    public void AnUpwardChangeOverridesAnOldStartDate()
    {
        var reading = Read(Open(DaysAgo(2), startedOn: new DateOnly(2025, 1, 1)), "discover");

        Assert.Equal(2, reading.DaysSinceAdvance);
        Assert.Equal(DaysAgo(2), reading.LastAdvanceAt);
        Assert.DoesNotContain(Flag.Stalled, reading.Flags);
    }

    [Theory]
    [MemberData(nameof(StallDaysPerStage))]
    public void OnHoldDealsAreNeverStalled(string stage, int stallDays)
    {
        var reading = Read(Open(DaysAgo(stallDays + 100), status: DealStatus.OnHold), stage);

        Assert.DoesNotContain(Flag.Stalled, reading.Flags);
    }

    [Theory]
    [InlineData(DealStatus.Won)]
    [InlineData(DealStatus.Lost)]
    public void WonAndLostDealsCarryNoSignals(DealStatus status)
    {
        var regression = new RegressionMark(Factor.Power, 3, 1, DaysAgo(1), DaysAgo(1));
        var facts = Open(DaysAgo(200), activities: 10, regression: regression, status: status);

        var reading = Read(facts);

        Assert.Empty(reading.Signals);
    }

    [Fact]
    public void ThreeActivitiesWithoutAnAdvanceInThirtyDaysIsBusyButStuck()
    {
        var reading = Read(Open(DaysAgo(30), activities: 3), "solution");

        var busy = Assert.Single(reading.Signals, s => s.Flag == Flag.BusyButStuck);
        Assert.Equal(3, busy.Activities);
        Assert.Equal(30, busy.Days);
    }

    [Fact]
    public void ThreeActivitiesAndNoAdvanceEverIsBusyButStuck()
    {
        var reading = Read(Open(null, activities: 3, startedOn: new DateOnly(2026, 3, 18)), "discover");

        Assert.Contains(Flag.BusyButStuck, reading.Flags);
    }

    [Fact]
    public void TwoActivitiesIsNotBusyButStuck()
    {
        var reading = Read(Open(DaysAgo(45), activities: 2), "solution");

        Assert.DoesNotContain(Flag.BusyButStuck, reading.Flags);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(29)]
    public void AnAdvanceWithinTheBusyWindowIsNotBusyButStuck(int daysAgo)
    {
        var reading = Read(Open(DaysAgo(daysAgo), activities: 5), "solution");

        Assert.DoesNotContain(Flag.BusyButStuck, reading.Flags);
    }

    [Fact]
    public void RegressionRecordedSixDaysAgoIsFlaggedWithFactorFromAndTo()
    {
        var occurred = DaysAgo(8);
        var mark = new RegressionMark(Factor.Power, 4, 2, occurred, DaysAgo(6));

        var reading = Read(Open(DaysAgo(1), regression: mark));

        var regressed = Assert.Single(reading.Signals, s => s.Flag == Flag.Regressed);
        Assert.Equal(Factor.Power, regressed.Factor);
        Assert.Equal(4, regressed.From);
        Assert.Equal(2, regressed.To);
        Assert.Equal(6, regressed.Days);
        Assert.Equal(occurred, regressed.At);
    }

    [Fact]
    public void RegressionRecordedSevenDaysAgoIsNotFlagged()
    {
        var mark = new RegressionMark(Factor.Goal, 3, 1, DaysAgo(7), DaysAgo(7));

        var reading = Read(Open(DaysAgo(1), regression: mark));

        Assert.DoesNotContain(Flag.Regressed, reading.Flags);
    }

    [Fact]
    public void RegressionWindowUsesTheShanghaiDateOfRecording()
    {
        // Recorded 2026-03-13T16:30Z = 2026-03-14 00:30 Shanghai: 6 local days before 2026-03-20 (7 UTC dates).
        var recorded = new DateTimeOffset(2026, 3, 13, 16, 30, 0, TimeSpan.Zero);
        // Recorded 2026-03-13T15:30Z = 2026-03-13 23:30 Shanghai: 7 local days.
        var recordedEarlier = new DateTimeOffset(2026, 3, 13, 15, 30, 0, TimeSpan.Zero);

        var inside = Read(Open(DaysAgo(1), regression: new RegressionMark(Factor.Need, 2, 1, recorded, recorded)));
        var outside = Read(Open(DaysAgo(1), regression: new RegressionMark(Factor.Need, 2, 1, recordedEarlier, recordedEarlier)));

        Assert.Contains(Flag.Regressed, inside.Flags);
        Assert.DoesNotContain(Flag.Regressed, outside.Flags);
    }

    [Fact]
    public void RegressionWindowCountsFromRecordingNotFromOccurrence()
    {
        var mark = new RegressionMark(Factor.Value, 3, 2, DaysAgo(20), DaysAgo(2));

        var reading = Read(Open(DaysAgo(1), regression: mark));

        Assert.Contains(Flag.Regressed, reading.Flags);
    }

    [Fact]
    public void OnHoldDealStillShowsARecentRegression()
    {
        var mark = new RegressionMark(Factor.Power, 3, 2, DaysAgo(1), DaysAgo(1));

        var reading = Read(Open(DaysAgo(60), regression: mark, status: DealStatus.OnHold));

        Assert.Equal([Flag.Regressed], reading.Flags);
    }

    [Fact]
    public void ARegressionIsNotAnAdvanceForStalling()
    {
        var deal = TestData.NewDeal(DaysAgo(40), TestData.Calendar.LocalDate(DaysAgo(40)));
        deal.Record(Factor.Need, 2, DaysAgo(30));
        deal.Record(Factor.Need, 1, DaysAgo(1));
        var facts = new SignalFacts(deal.Status, deal.StartedOn, deal.LastUpwardAt, 0, deal.LastRegression);

        var reading = Read(facts, TestData.Playbook.Evaluate(deal.Levels).Stage.Key);

        Assert.Equal(DaysAgo(30), deal.LastUpwardAt);
        Assert.Equal(30, reading.DaysSinceAdvance);
        Assert.Equal([Flag.Stalled, Flag.Regressed], reading.Flags);
    }

    [Fact]
    public void LastUpwardAtIsTheLatestOccurrenceOfAnyUpwardChange()
    {
        var deal = TestData.NewDeal(DaysAgo(40), TestData.Calendar.LocalDate(DaysAgo(40)));
        deal.Record(Factor.Need, 1, DaysAgo(10));
        deal.Record(Factor.Power, 1, DaysAgo(20)); // another factor, dated earlier: allowed, but not the latest

        Assert.Equal(DaysAgo(10), deal.LastUpwardAt);
    }
}
