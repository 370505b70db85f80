using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain.Tests;

/// <summary>Every change leaves a history row: checkpoint changes and deal events.</summary>
public class HistoryTests
{
    private static readonly DateTimeOffset Now = TestData.Now;
    private static readonly Guid Actor = TestData.Actor;

    [Fact]
    public void RecordCheckpointAppendsAChangeWithFromToNoteEvidenceAndPlaybookVersion()
    {
        var deal = TestData.NewDeal();
        var playbook = TestData.Playbook with { Version = 7 };
        var occurred = Now.AddDays(-1);

        var change = deal.RecordCheckpoint(playbook, Factor.Power, 3, "  Met the owner at their Suzhou DC  ",
            new Evidence(EvidenceKind.Meeting, "minutes.pdf"), occurred, Actor, Now, TestData.Calendar);

        Assert.Same(change, Assert.Single(deal.Checkpoints));
        Assert.Equal(deal.Id, change.DealId);
        Assert.Equal(Factor.Power, change.Factor);
        Assert.Equal(0, change.FromLevel);
        Assert.Equal(3, change.ToLevel);
        Assert.False(change.IsRegression);
        Assert.Equal("Met the owner at their Suzhou DC", change.Note);
        Assert.Equal(EvidenceKind.Meeting, change.EvidenceKind);
        Assert.Equal("minutes.pdf", change.EvidenceDetail);
        Assert.Equal(7, change.PlaybookVersion);
        Assert.Equal(occurred, change.OccurredAt);
        Assert.Equal(Now, change.RecordedAt);
        Assert.Equal(Actor, change.ActorId);
        Assert.Equal(new FactorState(3, occurred), deal.Power);
    }

    [Fact]
    public void CheckpointWithoutEvidenceHasNoEvidence()
    {
        var deal = TestData.NewDeal();

        var change = deal.RecordCheckpoint(TestData.Playbook, Factor.Need, 1, "interview", null, Now.AddHours(-1), Actor, Now, TestData.Calendar);

        Assert.Null(change.EvidenceKind);
        Assert.Null(change.EvidenceDetail);
    }

    [Fact]
    public void CheckpointChangesAreAppendedInOrderAndRecordTheLevelTheyLeft()
    {
        var deal = TestData.NewDeal();

        deal.Record(Factor.Goal, 2, Now.AddDays(-3));
        deal.Record(Factor.Goal, 4, Now.AddDays(-2));
        deal.Record(Factor.Goal, 1, Now.AddDays(-1));

        Assert.Equal([(0, 2), (2, 4), (4, 1)], deal.Checkpoints.Select(c => (c.FromLevel, c.ToLevel)));
        Assert.Equal([false, false, true], deal.Checkpoints.Select(c => c.IsRegression));
    }

    [Fact]
    public void CreateRecordsACreatedEvent()
    {
        var created = Now.AddDays(-3);
        var deal = TestData.NewDeal(created);

        var e = Assert.Single(deal.Events);
        Assert.Equal(DealEventKind.Created, e.Kind);
        Assert.Equal(created, e.OccurredAt);
        Assert.Equal(TestData.Actor, e.ActorId);
        Assert.Equal(deal.Id, e.DealId);
        Assert.Equal(DealStatus.Open, deal.Status);
    }

    [Fact]
    public void EditDetailsRecordsEachFieldChangeOldToNew()
    {
        var deal = TestData.NewDeal();
        var edited = new DealDetails("Seven warehouses → three", ServiceLine.Distribution, 2_500_000_00,
            new DateOnly(2026, 12, 31), new DateOnly(2026, 3, 1));

        deal.EditDetails(edited, Actor, Now, null);

        var e = Assert.Single(deal.Events, x => x.Kind == DealEventKind.DetailsEdited);
        Assert.Equal(
            [
                new FieldChange("title", "3C national distribution", "Seven warehouses → three"),
                new FieldChange("serviceLine", "warehousing", "distribution"),
                new FieldChange("annualValue", "1200000", "2500000"),
                new FieldChange("targetCloseDate", "2026-09-30", "2026-12-31"),
            ],
            e.Changes);
        Assert.Equal(edited, deal.CurrentDetails);
    }

    [Theory]
    [InlineData(CloseOutcome.Won, DealEventKind.Won, DealStatus.Won)]
    [InlineData(CloseOutcome.Lost, DealEventKind.Lost, DealStatus.Lost)]
    public void CloseRecordsTheOutcomeWithItsReason(CloseOutcome outcome, DealEventKind kind, DealStatus status)
    {
        var deal = TestData.NewDeal();

        deal.Close(outcome, CloseReason.Competitor, " Competitor offered JIT precision ", Actor, Now);

        var e = Assert.Single(deal.Events, x => x.Kind == kind);
        Assert.Equal(CloseReason.Competitor, e.Reason);
        Assert.Equal("Competitor offered JIT precision", e.Note);
        Assert.Equal(status, deal.Status);
        Assert.True(deal.IsClosed);
    }

    [Fact]
    public void HoldAndResumeAreRecorded()
    {
        var deal = TestData.NewDeal();

        deal.PutOnHold(" Budget frozen until Q3 ", Actor, Now.AddHours(-2));
        Assert.Equal(DealStatus.OnHold, deal.Status);
        deal.Resume("Budget released", Actor, Now);

        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Equal(
            [DealEventKind.Created, DealEventKind.PutOnHold, DealEventKind.Resumed],
            deal.Events.Select(e => e.Kind));
        Assert.Equal("Budget frozen until Q3", deal.Events.Single(e => e.Kind == DealEventKind.PutOnHold).Note);
        Assert.Equal("Budget released", deal.Events.Single(e => e.Kind == DealEventKind.Resumed).Note);
    }

    [Fact]
    public void ReopenIsRecorded()
    {
        var deal = TestData.NewDeal();
        deal.Close(CloseOutcome.Lost, CloseReason.Timing, null, Actor, Now.AddDays(-1));

        deal.Reopen("New tender", Actor, Now);

        Assert.Equal(DealStatus.Open, deal.Status);
        Assert.Equal(
            [DealEventKind.Created, DealEventKind.Lost, DealEventKind.Reopened],
            deal.Events.Select(e => e.Kind));
        Assert.Equal("New tender", deal.Events.Last().Note);
    }

    [Fact]
    public void AddStakeholderRecordsAnEventWithItsFields()
    {
        var deal = TestData.NewDeal();

        var s = deal.AddStakeholder(new StakeholderDetails(" Wang Lei ", "Supply-chain director", "Supply chain",
            StakeholderRole.BusinessContact, "Complaint rate below 1%", null), Actor, Now);

        Assert.Same(s, Assert.Single(deal.Stakeholders));
        var e = Assert.Single(deal.Events, x => x.Kind == DealEventKind.StakeholderAdded);
        Assert.Equal("Wang Lei", e.Note);
        Assert.Equal(
            [
                new FieldChange("name", null, "Wang Lei"),
                new FieldChange("title", null, "Supply-chain director"),
                new FieldChange("department", null, "Supply chain"),
                new FieldChange("role", null, "businessContact"),
                new FieldChange("goal", null, "Complaint rate below 1%"),
            ],
            e.Changes);
    }

    [Fact]
    public void ChangeStakeholderRecordsOnlyTheChangedFields()
    {
        var deal = TestData.NewDeal();
        var details = new StakeholderDetails("Legal", null, "Legal", StakeholderRole.VetoHolder, null, null);
        var s = deal.AddStakeholder(details, Actor, Now);

        deal.ChangeStakeholder(s.Id, details with { VetoStatus = VetoStatus.Agreed }, Actor, Now);

        Assert.Equal(VetoStatus.Agreed, s.VetoStatus);
        var e = Assert.Single(deal.Events, x => x.Kind == DealEventKind.StakeholderChanged);
        Assert.Equal([new FieldChange("vetoStatus", "notContacted", "agreed")], e.Changes);
    }

    [Fact]
    public void ChangeStakeholderWithoutDifferencesRecordsNothing()
    {
        var deal = TestData.NewDeal();
        var details = new StakeholderDetails("Finance", null, "Finance", StakeholderRole.Influencer, null, null);
        var s = deal.AddStakeholder(details, Actor, Now);

        deal.ChangeStakeholder(s.Id, details, Actor, Now);

        Assert.DoesNotContain(deal.Events, x => x.Kind == DealEventKind.StakeholderChanged);
    }

    [Fact]
    public void RemoveStakeholderRecordsAnEventAndRemovesIt()
    {
        var deal = TestData.NewDeal();
        var s = deal.AddStakeholder(new StakeholderDetails("IT", null, "IT", StakeholderRole.VetoHolder, null, VetoStatus.Opposed),
            Actor, Now);

        deal.RemoveStakeholder(s.Id, Actor, Now);

        Assert.Empty(deal.Stakeholders);
        var e = Assert.Single(deal.Events, x => x.Kind == DealEventKind.StakeholderRemoved);
        Assert.Equal("IT", e.Note);
        Assert.Contains(new FieldChange("vetoStatus", "opposed", null), e.Changes);
        Assert.Contains(new FieldChange("role", "vetoHolder", null), e.Changes);
    }

    [Fact]
    public void UnknownStakeholderIsNotFound()
    {
        var deal = TestData.NewDeal();

        Assert.Throws<NotFoundException>(() => deal.RemoveStakeholder(Guid.NewGuid(), Actor, Now));
    }

    [Fact]
    public void VetoHolderWithoutStatusStartsNotContacted()
    {
        var deal = TestData.NewDeal();

        var s = deal.AddStakeholder(new StakeholderDetails("IT", null, "IT", StakeholderRole.VetoHolder, null, null), Actor, Now);

        Assert.Equal(VetoStatus.NotContacted, s.VetoStatus);
    }

    [Fact]
    public void VetoHolderKeepsAGivenStatus()
    {
        var deal = TestData.NewDeal();

        var s = deal.AddStakeholder(new StakeholderDetails("IT", null, "IT", StakeholderRole.VetoHolder, null, VetoStatus.Contacted),
            Actor, Now);

        Assert.Equal(VetoStatus.Contacted, s.VetoStatus);
    }

    [Theory]
    [InlineData(StakeholderRole.DecisionMaker)]
    [InlineData(StakeholderRole.BusinessContact)]
    [InlineData(StakeholderRole.Influencer)]
    [InlineData(StakeholderRole.Other)]
    public void NonVetoRoleHasNoVetoStatus(StakeholderRole role)
    {
        var deal = TestData.NewDeal();

        var s = deal.AddStakeholder(new StakeholderDetails("Owner", null, null, role, null, VetoStatus.Agreed), Actor, Now);

        Assert.Null(s.VetoStatus);
    }

    [Fact]
    public void VetoHolderChangedToAnotherRoleLosesItsVetoStatus()
    {
        var deal = TestData.NewDeal();
        var details = new StakeholderDetails("Finance", null, "Finance", StakeholderRole.VetoHolder, null, VetoStatus.Agreed);
        var s = deal.AddStakeholder(details, Actor, Now);

        deal.ChangeStakeholder(s.Id, details with { Role = StakeholderRole.Influencer }, Actor, Now);

        Assert.Null(s.VetoStatus);
        var e = Assert.Single(deal.Events, x => x.Kind == DealEventKind.StakeholderChanged);
        Assert.Contains(new FieldChange("vetoStatus", "agreed", null), e.Changes);
    }

    [Fact]
    public void ActivitiesAreKeptWithTrimmedSummary()
    {
        var deal = TestData.NewDeal();

        var a = deal.LogActivity(ActivityKind.Visit, Now.AddHours(-3), "  Site visit at Kunshan DC ", Actor, Now, TestData.Calendar);

        Assert.Same(a, Assert.Single(deal.Activities));
        Assert.Equal("Site visit at Kunshan DC", a.Summary);
        Assert.Equal(ActivityKind.Visit, a.Kind);
        Assert.Equal(Now.AddHours(-3), a.OccurredAt);
        Assert.Equal(Now, a.RecordedAt);
    }
}
