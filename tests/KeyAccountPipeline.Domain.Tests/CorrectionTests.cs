using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Signals;

namespace KeyAccountPipeline.Domain.Tests;

/// <summary>METHOD.md, "Corrections are not regressions": a slip put right within the window is not news about the customer.</summary>
public class CorrectionTests
{
    private static readonly DateTimeOffset Now = TestData.Now;
    private static readonly CorrectionWindow Window = CorrectionWindow.Default;
    private static readonly Guid Someone = Guid.Parse("44444444-4444-4444-4444-444444444444");

    private static CheckpointChange Correct(Deal deal, CheckpointChange slip, int? level = null, DateTimeOffset? at = null, Guid? by = null) =>
        deal.CorrectCheckpoint(TestData.Playbook, slip.Id, level, by ?? TestData.Actor, at ?? Now.AddMinutes(2), Window);

    private static IReadOnlyList<Flag> Flags(Deal deal, DateTimeOffset at)
    {
        var (_, calendar) = TestData.CalendarAt(at);
        var stage = TestData.Playbook.Evaluate(deal.Levels).Stage;
        return DealSignals.Read(new SignalFacts(deal.Status, deal.StartedOn, deal.LastUpwardAt, 0, deal.LastRegression), stage,
            TestData.Playbook.Signals, calendar).Flags;
    }

    [Fact]
    public void SlipCorrectedToTheMeantLevelReadsAsOneAdvanceAtTheOriginalTime()
    {
        var deal = TestData.NewDeal();
        var slip = deal.Record(Factor.Power, 4, Now.AddHours(-1));

        var correction = Correct(deal, slip, level: 3);

        Assert.Equal(3, deal.State(Factor.Power).Level);
        Assert.Null(deal.LastRegression);
        Assert.Equal(Now.AddHours(-1), deal.LastUpwardAt);
        Assert.DoesNotContain(Flag.Regressed, Flags(deal, Now.AddMinutes(2)));
        Assert.Equal(slip.Id, correction.CorrectsChangeId);
        Assert.Equal((0, 3), (correction.FromLevel, correction.ToLevel));
        Assert.Equal(slip.OccurredAt, correction.OccurredAt);
        Assert.Equal(Now.AddMinutes(2), correction.RecordedAt);
        Assert.Equal(slip.Note, correction.Note);
        Assert.True(deal.IsCorrected(slip));
        Assert.Equal([slip, correction], deal.Checkpoints);
    }

    [Fact]
    public void UndoOfAnAdvanceGivesTheStallClockBack()
    {
        var deal = TestData.NewDeal();
        var earlier = Now.AddDays(-10);
        deal.Record(Factor.Power, 2, earlier, now: earlier);
        var slip = deal.Record(Factor.Power, 4, Now);

        var correction = Correct(deal, slip);

        Assert.Equal(2, deal.State(Factor.Power).Level);
        Assert.Equal(earlier, deal.LastUpwardAt);
        Assert.Equal((2, 2), (correction.FromLevel, correction.ToLevel));
    }

    /// <summary>
    /// An undone slip gives the factor back the date of its last standing change: a real change dated between that and
    /// the slip is accepted (it was refused as "before the latest change", naming a change that no longer counts).
    /// </summary>
    [Fact]
    public void UndoGivesTheFactorBackItsEarlierChangeDate()
    {
        var deal = TestData.NewDeal();
        var earlier = Now.AddDays(-10);
        deal.Record(Factor.Power, 2, earlier, now: earlier);
        var slip = deal.Record(Factor.Power, 4, Now.AddHours(-1));

        Correct(deal, slip);

        Assert.Equal(earlier, deal.State(Factor.Power).ChangedAt);
        deal.Record(Factor.Power, 3, Now.AddDays(-2), now: Now.AddMinutes(3));
        Assert.Equal(3, deal.State(Factor.Power).Level);
    }

    [Fact]
    public void UndoOfAFallLeavesNoRegressionFlag()
    {
        var deal = TestData.NewDeal();
        deal.Record(Factor.Power, 4, Now.AddDays(-3), now: Now.AddDays(-3));
        var slip = deal.Record(Factor.Power, 3, Now);
        Assert.Contains(Flag.Regressed, Flags(deal, Now));

        Correct(deal, slip);

        Assert.Equal(4, deal.State(Factor.Power).Level);
        Assert.Null(deal.LastRegression);
        Assert.DoesNotContain(Flag.Regressed, Flags(deal, Now.AddMinutes(2)));
        Assert.Equal(Now.AddDays(-3), deal.LastUpwardAt);
    }

    [Fact]
    public void UndoOfAFallBringsBackTheEarlierRegression()
    {
        var deal = TestData.NewDeal();
        deal.Record(Factor.Need, 3, Now.AddDays(-5), now: Now.AddDays(-5));
        deal.Record(Factor.Need, 2, Now.AddDays(-4), now: Now.AddDays(-4));
        deal.Record(Factor.Power, 4, Now.AddDays(-3), now: Now.AddDays(-3));
        var slip = deal.Record(Factor.Power, 1, Now);

        Correct(deal, slip);

        Assert.Equal(new RegressionMark(Factor.Need, 3, 2, Now.AddDays(-4), Now.AddDays(-4)), deal.LastRegression);
    }

    [Fact]
    public void FallCorrectedAboveItsFromLevelIsAnAdvance()
    {
        var deal = TestData.NewDeal();
        deal.Record(Factor.Goal, 2, Now.AddDays(-9), now: Now.AddDays(-9));
        var slip = deal.Record(Factor.Goal, 1, Now.AddHours(-2));

        Correct(deal, slip, level: 3);

        Assert.Equal(3, deal.State(Factor.Goal).Level);
        Assert.Null(deal.LastRegression);
        Assert.Equal(Now.AddHours(-2), deal.LastUpwardAt);
    }

    [Fact]
    public void CorrectionRaisesTheVersion()
    {
        var deal = TestData.NewDeal();
        var slip = deal.Record(Factor.Need, 1, Now);
        var version = deal.Version;

        Correct(deal, slip);

        Assert.Equal(version + 1, deal.Version);
    }

    [Fact]
    public void CorrectionAtTheEndOfTheWindowIsAccepted()
    {
        var deal = TestData.NewDeal();
        var slip = deal.Record(Factor.Need, 2, Now);

        Correct(deal, slip, at: Now + Window.Length);

        Assert.Equal(0, deal.State(Factor.Need).Level);
    }

    [Fact]
    public void AfterTheWindowACorrectionIsRefusedAndGoingDownIsARegression()
    {
        var deal = TestData.NewDeal();
        var slip = deal.Record(Factor.Power, 4, Now);

        var error = Unchanged(deal, () => Assert.Throws<DealConflictException>(() => Correct(deal, slip, level: 3, at: Now + Window.Length + TimeSpan.FromSeconds(1))));

        Assert.Contains("15 minutes", error.Text.En);
        Assert.Contains("15 分钟", error.Text.Zh);
    }

    [Fact]
    public void OnlyTheRecorderCorrects()
    {
        var deal = TestData.NewDeal();
        var slip = deal.Record(Factor.Power, 4, Now);

        var error = Unchanged(deal, () => Assert.Throws<AccessDeniedException>(() => Correct(deal, slip, by: Someone)));

        Assert.Equal(RuleTexts.OnlyRecorderCorrects, error.Text);
    }

    [Fact]
    public void CorrectedChangeIsNotCorrectedTwice()
    {
        var deal = TestData.NewDeal();
        var slip = deal.Record(Factor.Power, 4, Now);
        var correction = Correct(deal, slip, level: 3);

        Assert.Equal(RuleTexts.AlreadyCorrected, Unchanged(deal, () => Assert.Throws<DealConflictException>(() => Correct(deal, slip, level: 2))).Text);
        Assert.Equal(RuleTexts.CorrectionNotCorrected, Unchanged(deal, () => Assert.Throws<DealConflictException>(() => Correct(deal, correction, level: 4))).Text);
    }

    [Fact]
    public void ChangeWithALaterChangeOfItsFactorIsNotCorrected()
    {
        var deal = TestData.NewDeal();
        var slip = deal.Record(Factor.Power, 4, Now);
        deal.Record(Factor.Power, 5, Now, now: Now.AddMinutes(1));
        deal.Record(Factor.Need, 1, Now, now: Now.AddMinutes(1));

        var error = Unchanged(deal, () => Assert.Throws<DealConflictException>(() => Correct(deal, slip)));

        Assert.Equal(RuleTexts.LaterChangeRecorded, error.Text);
    }

    [Fact]
    public void ChangeOfAnotherFactorLaterDoesNotBlockTheCorrection()
    {
        var deal = TestData.NewDeal();
        var slip = deal.Record(Factor.Power, 4, Now);
        deal.Record(Factor.Need, 1, Now, now: Now.AddMinutes(1));

        Correct(deal, slip, level: 3);

        Assert.Equal(Levels.From(f => f switch { Factor.Power => 3, Factor.Need => 1, _ => 0 }), deal.Levels);
    }

    [Theory]
    [InlineData(4, "level")] // the level the slip already set
    [InlineData(1, "level")] // below the from-level: a regression, which needs its reason
    [InlineData(7, "level")] // off the ladder
    [InlineData(-1, "level")]
    public void MeantLevelMustBeAnotherLevelOnTheLadderNotBelowTheFromLevel(int level, string field)
    {
        var deal = TestData.NewDeal();
        deal.Record(Factor.Power, 2, Now.AddDays(-1), now: Now.AddDays(-1));
        var slip = deal.Record(Factor.Power, 4, Now);

        var error = Unchanged(deal, () => Assert.Throws<DomainException>(() => Correct(deal, slip, level: level)));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void UnknownChangeIsNotFound()
    {
        var deal = TestData.NewDeal();
        deal.Record(Factor.Power, 4, Now);

        Unchanged(deal, () => Assert.Throws<NotFoundException>(() =>
            deal.CorrectCheckpoint(TestData.Playbook, Guid.NewGuid(), null, TestData.Actor, Now, Window)));
    }

    [Fact]
    public void ClosedDealIsNotCorrected()
    {
        var deal = TestData.NewDeal();
        var slip = deal.Record(Factor.Power, 4, Now);
        deal.Close(CloseOutcome.Lost, CloseReason.Price, null, TestData.Actor, Now);

        Unchanged(deal, () => Assert.Throws<DealConflictException>(() => Correct(deal, slip)));
    }

    /// <summary>Runs a refused correction and checks that it left the deal as it was: no row, same levels, same version.</summary>
    private static T Unchanged<T>(Deal deal, Func<T> refused)
    {
        var (rows, levels, version, regression, upward) = (deal.Checkpoints.Count, deal.Levels, deal.Version, deal.LastRegression, deal.LastUpwardAt);
        var error = refused();
        Assert.Equal((rows, levels, version, regression, upward), (deal.Checkpoints.Count, deal.Levels, deal.Version, deal.LastRegression, deal.LastUpwardAt));
        return error;
    }
}
