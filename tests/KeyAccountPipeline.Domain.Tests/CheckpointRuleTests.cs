using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain.Tests;

/// <summary>METHOD.md: a level is reached only by a checkpoint change with a note; a regression needs a reason.</summary>
public class CheckpointRuleTests
{
    private static readonly DateTimeOffset Now = TestData.Now;

    private static CheckpointChange Record(Deal deal, Factor factor, int level, string? note = "checked", DateTimeOffset? occurredAt = null) =>
        deal.RecordCheckpoint(TestData.Playbook, factor, level, note, null, occurredAt ?? Now.AddHours(-1), TestData.Actor, Now, TestData.Calendar);

    private static DomainException Rejected(Action action) => Assert.Throws<DomainException>(action);

    [Theory]
    [InlineData(Factor.Need, -1)]
    [InlineData(Factor.Need, 6)]
    [InlineData(Factor.Power, -1)]
    [InlineData(Factor.Power, 7)]
    [InlineData(Factor.Goal, -1)]
    [InlineData(Factor.Goal, 6)]
    [InlineData(Factor.Value, -1)]
    [InlineData(Factor.Value, 6)]
    [InlineData(Factor.Collaboration, -1)]
    [InlineData(Factor.Collaboration, 6)]
    public void LevelOutsideTheLadderIsRejected(Factor factor, int level)
    {
        var deal = TestData.NewDeal();

        var error = Rejected(() => Record(deal, factor, level));

        Assert.Equal("level", error.Field);
        Assert.Equal(0, deal.State(factor).Level);
        Assert.Empty(deal.Checkpoints);
    }

    [Theory]
    [InlineData(Factor.Need, 5)]
    [InlineData(Factor.Power, 6)]
    [InlineData(Factor.Goal, 5)]
    [InlineData(Factor.Value, 5)]
    [InlineData(Factor.Collaboration, 5)]
    public void TopOfTheLadderIsAccepted(Factor factor, int level)
    {
        var deal = TestData.NewDeal();

        Record(deal, factor, level);

        Assert.Equal(level, deal.State(factor).Level);
    }

    [Fact]
    public void ChangeToTheCurrentLevelIsRejected()
    {
        var deal = TestData.NewDeal();
        Record(deal, Factor.Need, 2, occurredAt: Now.AddDays(-2));

        var error = Rejected(() => Record(deal, Factor.Need, 2));

        Assert.Equal("level", error.Field);
        Assert.Single(deal.Checkpoints);
    }

    [Fact]
    public void ChangeToLevelZeroOnAFreshDealIsRejected()
    {
        var deal = TestData.NewDeal();

        var error = Rejected(() => Record(deal, Factor.Goal, 0));

        Assert.Equal("level", error.Field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void CheckpointWithoutNoteIsRejected(string? note)
    {
        var deal = TestData.NewDeal();

        var error = Rejected(() => Record(deal, Factor.Need, 1, note));

        Assert.Equal("note", error.Field);
        Assert.Equal(0, deal.Need.Level);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void RegressionWithoutReasonIsRejected(string? note)
    {
        var deal = TestData.NewDeal();
        Record(deal, Factor.Power, 3, occurredAt: Now.AddDays(-3));

        var error = Rejected(() => Record(deal, Factor.Power, 1, note));

        Assert.Equal("note", error.Field);
        Assert.Equal(3, deal.Power.Level);
        Assert.Null(deal.LastRegression);
    }

    [Fact]
    public void RegressionWithReasonIsRecorded()
    {
        var deal = TestData.NewDeal();
        Record(deal, Factor.Power, 3, occurredAt: Now.AddDays(-3));

        var change = Record(deal, Factor.Power, 1, "The decision maker left the company", Now.AddDays(-1));

        Assert.True(change.IsRegression);
        Assert.Equal(1, deal.Power.Level);
        Assert.Equal(new RegressionMark(Factor.Power, 3, 1, Now.AddDays(-1), Now), deal.LastRegression);
        Assert.Equal(Now.AddDays(-3), deal.LastUpwardAt);
    }

    [Fact]
    public void ChangeInTheFutureIsRejected()
    {
        var deal = TestData.NewDeal();

        var error = Rejected(() => Record(deal, Factor.Need, 1, occurredAt: Now.AddMinutes(1)));

        Assert.Equal("occurredAt", error.Field);
    }

    [Fact]
    public void ChangeAtExactlyNowIsAccepted()
    {
        var deal = TestData.NewDeal();

        var change = Record(deal, Factor.Need, 1, occurredAt: Now);

        Assert.Equal(Now, change.OccurredAt);
    }

    [Fact]
    public void ChangeDatedBeforeTheFactorsLatestChangeIsRejected()
    {
        var deal = TestData.NewDeal();
        Record(deal, Factor.Need, 1, occurredAt: Now.AddDays(-2));

        var error = Rejected(() => Record(deal, Factor.Need, 2, occurredAt: Now.AddDays(-3)));

        Assert.Equal("occurredAt", error.Field);
        Assert.Equal(1, deal.Need.Level);
    }

    [Fact]
    public void ChangeDatedAtTheFactorsLatestChangeIsAccepted()
    {
        var deal = TestData.NewDeal();
        Record(deal, Factor.Need, 1, occurredAt: Now.AddDays(-2));

        Record(deal, Factor.Need, 2, occurredAt: Now.AddDays(-2));

        Assert.Equal(2, deal.Need.Level);
    }

    [Fact]
    public void ChangeDatedBeforeAnotherFactorsChangeIsAccepted()
    {
        var deal = TestData.NewDeal();
        Record(deal, Factor.Need, 3, occurredAt: Now.AddDays(-1));

        Record(deal, Factor.Power, 1, occurredAt: Now.AddDays(-5));

        Assert.Equal(1, deal.Power.Level);
        Assert.Equal(Now.AddDays(-5), deal.Power.ChangedAt);
    }

    [Fact]
    public void OccurredAtIsComparedAsAnInstantWhateverTheOffset()
    {
        var deal = TestData.NewDeal();
        Record(deal, Factor.Need, 1, occurredAt: new DateTimeOffset(2026, 3, 19, 2, 0, 0, TimeSpan.Zero));

        // 09:00 +08:00 is 01:00 UTC: one hour before the need's latest change.
        var error = Rejected(() => Record(deal, Factor.Need, 2,
            occurredAt: new DateTimeOffset(2026, 3, 19, 9, 0, 0, TimeSpan.FromHours(8))));

        Assert.Equal("occurredAt", error.Field);
    }

    [Fact]
    public void LevelsFollowTheRecordedChanges()
    {
        var deal = TestData.NewDeal();
        Record(deal, Factor.Need, 3, occurredAt: Now.AddDays(-4));
        Record(deal, Factor.Power, 1, occurredAt: Now.AddDays(-3));

        Assert.Equal(new Levels(3, 1, 0, 0, 0), deal.Levels);
        Assert.Equal("qualify", TestData.Playbook.Evaluate(deal.Levels).Stage.Key);
    }
}
