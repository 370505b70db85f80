using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain.Tests;

/// <summary>
/// METHOD.md, "Precise readings": dates: a change or an activity cannot be dated before the deal's start date, in the
/// organisation's days, and the start date cannot move past the earliest recorded work. The test deal starts on 1 March 2026,
/// which begins at 16:00 UTC on 28 February in Shanghai.
/// </summary>
public class StartDateRuleTests
{
    private static readonly DateTimeOffset StartOfStartDay = new(2026, 2, 28, 16, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(-40 * 86_400, false)]
    public void AChangeIsNotDatedBeforeTheStart(int seconds, bool accepted)
    {
        var deal = TestData.NewDeal();

        Action record = () => deal.Record(Factor.Need, 1, StartOfStartDay.AddSeconds(seconds));

        AssertRule(record, accepted, "occurredAt", "The deal started on 2026-03-01; a change cannot be dated before it.");
        Assert.Equal(accepted ? 1 : 0, deal.Checkpoints.Count);
        Assert.Equal(accepted ? StartOfStartDay : (DateTimeOffset?)null, deal.LastUpwardAt);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    public void AnActivityIsNotDatedBeforeTheStart(int seconds, bool accepted)
    {
        var deal = TestData.NewDeal();

        Action log = () => deal.LogActivity(ActivityKind.Call, StartOfStartDay.AddSeconds(seconds), "call", TestData.Actor, TestData.Now, TestData.Calendar);

        AssertRule(log, accepted, "occurredAt", "The deal started on 2026-03-01; an activity cannot be dated before it.");
        Assert.Equal(accepted ? 1 : 0, deal.Activities.Count);
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(6, false)]
    [InlineData(-10, true)]
    public void TheStartCannotMovePastTheEarliestRecordedWork(int days, bool accepted)
    {
        var deal = TestData.NewDeal();
        var startedOn = deal.StartedOn.AddDays(days);
        var version = deal.Version;

        Action edit = () => deal.EditDetails(TestData.Details() with { StartedOn = startedOn }, TestData.Actor, TestData.Now, new DateOnly(2026, 3, 6));

        AssertRule(edit, accepted, "startedOn", "The deal's earliest checkpoint change or activity is dated 2026-03-06; the start date cannot be after it.");
        Assert.Equal(accepted ? startedOn : new DateOnly(2026, 3, 1), deal.StartedOn);
        Assert.Equal(accepted ? version + 1 : version, deal.Version);
    }

    [Fact]
    public void OtherDetailsOfADealStoredWithWorkBeforeItsStartCanStillBeEdited()
    {
        var deal = TestData.NewDeal();

        deal.EditDetails(TestData.Details("Renamed"), TestData.Actor, TestData.Now, new DateOnly(2026, 2, 1));

        Assert.Equal("Renamed", deal.Title);
    }

    [Fact]
    public void TheRefusalIsWordedInBothLanguages()
    {
        var deal = TestData.NewDeal();

        var error = Assert.Throws<DomainException>(() => deal.Record(Factor.Need, 1, StartOfStartDay.AddSeconds(-1)));

        Assert.Equal("这个商机开始于 2026-03-01；变化不能早于这一天。", error.Text.Zh);
    }

    private static void AssertRule(Action act, bool accepted, string field, string english)
    {
        if (accepted)
        {
            act();
            return;
        }

        var error = Assert.Throws<DomainException>(act);
        Assert.Equal((field, english), (error.Field, error.Text.En));
    }
}
