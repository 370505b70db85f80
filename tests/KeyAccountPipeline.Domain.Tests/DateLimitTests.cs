using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Signals;

namespace KeyAccountPipeline.Domain.Tests;

/// <summary>
/// The one date range: the domain refuses what lies outside it, and the calendar reads a stored value outside it as the
/// range's nearest end, so no day count or zone conversion overflows (decision 0007: one bad date once took the board down).
/// </summary>
public class DateLimitTests
{
    [Theory]
    [InlineData(1, 1, 1, "startedOn")]
    [InlineData(1999, 12, 31, "startedOn")]
    [InlineData(2101, 1, 1, "targetCloseDate")]
    [InlineData(9999, 12, 31, "targetCloseDate")]
    public void ADealWithADateOutsideTheRangeIsRefused(int year, int month, int day, string field)
    {
        var date = new DateOnly(year, month, day);
        var details = field == "startedOn" ? TestData.Details() with { StartedOn = date } : TestData.Details() with { TargetCloseDate = date };

        var create = Assert.Throws<DomainException>(() => Deal.Create(Guid.NewGuid(), TestData.AccountId, TestData.Owner, details, TestData.Actor, TestData.Now));
        var edit = Assert.Throws<DomainException>(() => TestData.NewDeal().EditDetails(details, TestData.Actor, TestData.Now, null));

        Assert.Equal(field, create.Field);
        Assert.Equal(field, edit.Field);
        Assert.Contains("2000-01-01", create.Text.En, StringComparison.Ordinal);
    }

    [Fact]
    public void ACheckpointOrActivityBeforeTheRangeIsRefusedAndNothingIsRecorded()
    {
        var deal = TestData.NewDeal();

        var checkpoint = Assert.Throws<DomainException>(() => deal.Record(Factor.Need, 1, DateTimeOffset.MinValue));
        var activity = Assert.Throws<DomainException>(() => deal.LogActivity(ActivityKind.Visit, new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero), "Visit", TestData.Actor, TestData.Now, TestData.Calendar));

        Assert.Equal("occurredAt", checkpoint.Field);
        Assert.Equal("occurredAt", activity.Field);
        Assert.Empty(deal.Checkpoints);
        Assert.Empty(deal.Activities);
    }

    [Fact]
    public void TheCalendarReadsAStoredValueOutsideTheRangeAtTheNearestEnd()
    {
        var (_, calendar) = TestData.CalendarAt(TestData.Now);

        Assert.Equal(new DateTimeOffset(1999, 12, 31, 16, 0, 0, TimeSpan.Zero), calendar.StartOfDay(DateOnly.MinValue));
        Assert.Equal(new DateOnly(2100, 12, 31), calendar.LocalDate(DateTimeOffset.MaxValue));
        Assert.Equal(new DateOnly(2000, 1, 1), calendar.LocalDate(DateTimeOffset.MinValue));
        Assert.Equal(calendar.StartOfDay(new DateOnly(2100, 12, 31)), calendar.StartOfDay(DateOnly.MaxValue));
    }

    [Fact]
    public void SignalsOfADealStartedInYearOneStillRead()
    {
        var (_, calendar) = TestData.CalendarAt(TestData.Now);
        var stage = TestData.Playbook.Stages[0];

        var reading = DealSignals.Read(new SignalFacts(DealStatus.Open, DateOnly.MinValue, DateTimeOffset.MaxValue, 0, null), stage, TestData.Playbook.Signals, calendar);
        var old = DealSignals.Read(new SignalFacts(DealStatus.Open, DateOnly.MinValue, null, 0, null), stage, TestData.Playbook.Signals, calendar);

        Assert.Equal(0, reading.DaysSinceAdvance);
        Assert.Contains(Flag.Stalled, old.Flags);
    }

    [Fact]
    public void TheRangeIsInclusiveAtBothEnds()
    {
        Assert.True(DateLimits.Contains(new DateOnly(2000, 1, 1)));
        Assert.True(DateLimits.Contains(new DateOnly(2100, 12, 31)));
        Assert.True(DateLimits.Contains(new DateTimeOffset(2100, 12, 31, 23, 59, 59, TimeSpan.Zero)));
        Assert.False(DateLimits.Contains(new DateTimeOffset(2101, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.False(DateLimits.Contains(new DateTimeOffset(2000, 1, 1, 7, 59, 59, TimeSpan.FromHours(8))));
    }
}
