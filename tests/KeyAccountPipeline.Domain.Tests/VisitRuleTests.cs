using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain.Tests;

/// <summary>
/// Issue 15, the after-visit update: one visit logs the activity and the checkpoints it proved, the visit their evidence
/// (kind and date) and the note written once; a refused visit leaves the deal exactly as it was.
/// </summary>
public class VisitRuleTests
{
    private static readonly DateTimeOffset Now = TestData.Now;
    private static readonly DateTimeOffset Yesterday = Now.AddDays(-1);

    private static RecordedVisit Visit(Deal deal, string? note, params ProvedCheckpoint[] proved) =>
        Visit(deal, ActivityKind.Visit, note, Yesterday, proved);

    private static RecordedVisit Visit(Deal deal, ActivityKind kind, string? note, DateTimeOffset occurredAt, params ProvedCheckpoint[] proved) =>
        deal.RecordVisit(TestData.Playbook, kind, note, proved, occurredAt, TestData.Actor, Now, TestData.Calendar);

    private static void Unchanged(Deal deal, int version)
    {
        Assert.Empty(deal.Activities);
        Assert.Empty(deal.Checkpoints);
        Assert.Equal(version, deal.Version);
        Assert.All(Factors.All, f => Assert.Equal(0, deal.State(f).Level));
    }

    [Theory]
    [InlineData(ActivityKind.Visit, EvidenceKind.Visit)]
    [InlineData(ActivityKind.Call, EvidenceKind.Call)]
    [InlineData(ActivityKind.Meeting, EvidenceKind.Meeting)]
    [InlineData(ActivityKind.Email, EvidenceKind.Email)]
    [InlineData(ActivityKind.Other, EvidenceKind.Other)]
    public void TheVisitIsTheEvidenceOfEachCheckpointItProved(ActivityKind kind, EvidenceKind evidence)
    {
        var deal = TestData.NewDeal();

        var visit = Visit(deal, kind, "  Met the owner; he signs off logistics spend.  ", Yesterday,
            new ProvedCheckpoint(Factor.Power, 3), new ProvedCheckpoint(Factor.Need, 1));

        var activity = Assert.Single(deal.Activities);
        Assert.Same(activity, visit.Activity);
        Assert.Equal(kind, activity.Kind);
        Assert.Equal("Met the owner; he signs off logistics spend.", activity.Summary);
        Assert.Equal(Yesterday, activity.OccurredAt);
        Assert.Equal([Factor.Need, Factor.Power], visit.Changes.Select(c => c.Factor));
        Assert.All(visit.Changes, change =>
        {
            Assert.Equal(activity.Summary, change.Note);
            Assert.Equal(evidence, change.EvidenceKind);
            Assert.Equal(Yesterday, change.OccurredAt);
            Assert.Equal(Now, change.RecordedAt);
        });
        Assert.Equal(3, deal.State(Factor.Power).Level);
        Assert.Equal(1, deal.State(Factor.Need).Level);
        Assert.Equal(Yesterday, deal.LastUpwardAt);
    }

    [Fact]
    public void AVisitThatProvedNothingIsStillLogged()
    {
        var deal = TestData.NewDeal();

        var visit = Visit(deal, "Walked the warehouse; nothing new.");

        Assert.Single(deal.Activities);
        Assert.Empty(visit.Changes);
        Assert.Equal(1, deal.Version);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void AVisitNeedsANote(string? note)
    {
        var deal = TestData.NewDeal();

        var error = Assert.Throws<DomainException>(() => Visit(deal, note, new ProvedCheckpoint(Factor.Power, 3)));

        Assert.Equal("note", error.Field);
        Unchanged(deal, 1);
    }

    [Fact]
    public void AVisitProvesOnlyLevelsAboveTheCurrentOne()
    {
        var deal = TestData.NewDeal();
        deal.Record(Factor.Power, 3, Now.AddDays(-3));
        var version = deal.Version;

        var same = Assert.Throws<DomainException>(() => Visit(deal, "again", new ProvedCheckpoint(Factor.Need, 1), new ProvedCheckpoint(Factor.Power, 3)));
        var lower = Assert.Throws<DomainException>(() => Visit(deal, "lower", new ProvedCheckpoint(Factor.Power, 2)));

        Assert.Equal("checkpoints[1].level", same.Field);
        Assert.Equal("checkpoints[0].level", lower.Field);
        Assert.Contains("already at level 3", lower.Text.En, StringComparison.Ordinal);
        Assert.Empty(deal.Activities);
        Assert.Equal(version, deal.Version);
        Assert.Equal(0, deal.State(Factor.Need).Level);
    }

    [Fact]
    public void AFactorTwiceOrALevelOffTheLadderIsRefusedBeforeAnythingIsAppended()
    {
        var deal = TestData.NewDeal();

        var twice = Assert.Throws<DomainException>(() => Visit(deal, "twice", new ProvedCheckpoint(Factor.Power, 1), new ProvedCheckpoint(Factor.Power, 3)));
        var off = Assert.Throws<DomainException>(() => Visit(deal, "off", new ProvedCheckpoint(Factor.Need, 1), new ProvedCheckpoint(Factor.Goal, 6)));

        Assert.Equal("checkpoints[1].factor", twice.Field);
        Assert.Equal("checkpoints[1].level", off.Field);
        Unchanged(deal, 1);
    }

    [Fact]
    public void AVisitDatedBeforeAProvedFactorsLatestChangeIsRefusedWhole()
    {
        var deal = TestData.NewDeal();
        deal.Record(Factor.Power, 1, Now.AddHours(-2));
        var version = deal.Version;

        var error = Assert.Throws<DomainException>(() => Visit(deal, "late entry", new ProvedCheckpoint(Factor.Need, 1), new ProvedCheckpoint(Factor.Power, 3)));

        Assert.Equal("occurredAt", error.Field);
        Assert.Empty(deal.Activities);
        Assert.Single(deal.Checkpoints);
        Assert.Equal(version, deal.Version);
    }

    [Fact]
    public void AVisitInTheFutureOrBeforeTheStartIsRefused()
    {
        var deal = TestData.NewDeal();

        var future = Assert.Throws<DomainException>(() => Visit(deal, ActivityKind.Visit, "later", Now.AddHours(1), new ProvedCheckpoint(Factor.Need, 1)));
        var early = Assert.Throws<DomainException>(() => Visit(deal, ActivityKind.Visit, "early", new DateTimeOffset(2026, 2, 27, 4, 0, 0, TimeSpan.Zero),
            new ProvedCheckpoint(Factor.Need, 1)));

        Assert.Equal("occurredAt", future.Field);
        Assert.Equal("occurredAt", early.Field);
        Unchanged(deal, 1);
    }

    [Fact]
    public void AClosedDealTakesNoVisit()
    {
        var deal = TestData.NewDeal();
        deal.Close(CloseOutcome.Lost, CloseReason.Price, null, TestData.Actor, Now);

        Assert.Throws<DealConflictException>(() => Visit(deal, null, new ProvedCheckpoint(Factor.Power, 3)));

        Assert.Empty(deal.Activities);
        Assert.Empty(deal.Checkpoints);
    }
}
