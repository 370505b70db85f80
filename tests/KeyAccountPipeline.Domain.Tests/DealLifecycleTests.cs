using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain.Tests;

/// <summary>Won and Lost are outcomes: a closed deal takes no change until reopened. Versions guard concurrent edits.</summary>
public class DealLifecycleTests
{
    private static readonly DateTimeOffset Now = TestData.Now;
    private static readonly Guid Actor = TestData.Actor;

    private static Deal ClosedDeal(CloseOutcome outcome)
    {
        var deal = TestData.NewDeal();
        deal.Record(Factor.Need, 3, Now.AddDays(-5));
        deal.Close(outcome, CloseReason.Competitor, "closed", Actor, Now);
        return deal;
    }

    private static StakeholderDetails VetoHolder(string name = "IT department") =>
        new(name, "CIO", "IT", StakeholderRole.VetoHolder, "Labour cost held", null);

    public static TheoryData<string> ChangesToAClosedDeal() =>
    [
        "checkpoint",
        "activity",
        "edit",
        "hold",
        "owner",
        "addStakeholder",
        "close",
    ];

    private static void Apply(Deal deal, string change)
    {
        switch (change)
        {
            case "checkpoint": deal.Record(Factor.Power, 1, Now.AddHours(-1)); break;
            case "activity": deal.LogActivity(ActivityKind.Visit, Now.AddHours(-1), "site visit", Actor, Now, TestData.Calendar); break;
            case "edit": deal.EditDetails(TestData.Details("Renamed deal"), Actor, Now, null); break;
            case "hold": deal.PutOnHold("budget freeze", Actor, Now); break;
            case "owner": deal.ChangeOwner(Guid.NewGuid(), Actor, Now); break;
            case "addStakeholder": deal.AddStakeholder(VetoHolder(), Actor, Now); break;
            case "close": deal.Close(CloseOutcome.Won, CloseReason.Price, null, Actor, Now); break;
            default: throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }

    [Theory]
    [MemberData(nameof(ChangesToAClosedDeal))]
    public void WonDealRejectsChanges(string change)
    {
        var deal = ClosedDeal(CloseOutcome.Won);
        var version = deal.Version;

        Assert.Throws<DealConflictException>(() => Apply(deal, change));
        Assert.Equal(version, deal.Version);
        Assert.Equal(DealStatus.Won, deal.Status);
    }

    [Theory]
    [MemberData(nameof(ChangesToAClosedDeal))]
    public void LostDealRejectsChanges(string change)
    {
        var deal = ClosedDeal(CloseOutcome.Lost);
        var version = deal.Version;

        Assert.Throws<DealConflictException>(() => Apply(deal, change));
        Assert.Equal(version, deal.Version);
        Assert.Equal(DealStatus.Lost, deal.Status);
    }

    [Fact]
    public void ClosedDealRejectsStakeholderChangeAndRemoval()
    {
        var deal = TestData.NewDeal();
        var stakeholder = deal.AddStakeholder(VetoHolder(), Actor, Now);
        deal.Close(CloseOutcome.Lost, CloseReason.Price, null, Actor, Now);

        Assert.Throws<DealConflictException>(() => deal.ChangeStakeholder(stakeholder.Id, VetoHolder("Legal"), Actor, Now));
        Assert.Throws<DealConflictException>(() => deal.RemoveStakeholder(stakeholder.Id, Actor, Now));
        Assert.Single(deal.Stakeholders);
    }

    [Fact]
    public void ClosedDealCannotBeResumed()
    {
        var deal = ClosedDeal(CloseOutcome.Won);

        Assert.Throws<DealConflictException>(() => deal.Resume(null, Actor, Now));
    }

    [Fact]
    public void ClosedCheckpointIsRejectedEvenWhenInvalid()
    {
        // The closed state is checked before the input: a closed deal answers 409, not 400.
        var deal = ClosedDeal(CloseOutcome.Lost);

        Assert.Throws<DealConflictException>(() =>
            deal.RecordCheckpoint(TestData.Playbook, Factor.Need, 99, null, null, Now, Actor, Now, TestData.Calendar));
    }

    [Theory]
    [InlineData(CloseOutcome.Won)]
    [InlineData(CloseOutcome.Lost)]
    public void AfterReopenChangesWorkAgain(CloseOutcome outcome)
    {
        var deal = ClosedDeal(outcome);

        deal.Reopen("customer came back", Actor, Now);
        deal.Record(Factor.Power, 1, Now.AddHours(-1));
        deal.LogActivity(ActivityKind.Call, Now.AddHours(-1), "call", Actor, Now, TestData.Calendar);
        deal.EditDetails(TestData.Details("Renamed deal"), Actor, Now, null);
        deal.PutOnHold("waiting for budget", Actor, Now);

        Assert.Equal(DealStatus.OnHold, deal.Status);
        Assert.Equal(1, deal.Power.Level);
        Assert.Equal("Renamed deal", deal.Title);
        Assert.Single(deal.Activities);
    }

    [Fact]
    public void OpenDealCannotBeReopened()
    {
        var deal = TestData.NewDeal();

        Assert.Throws<DealConflictException>(() => deal.Reopen(null, Actor, Now));
    }

    [Fact]
    public void DealOnHoldCannotBePutOnHoldAgain()
    {
        var deal = TestData.NewDeal();
        deal.PutOnHold("budget freeze", Actor, Now);

        Assert.Throws<DealConflictException>(() => deal.PutOnHold("again", Actor, Now));
    }

    [Fact]
    public void OpenDealCannotBeResumed()
    {
        var deal = TestData.NewDeal();

        Assert.Throws<DealConflictException>(() => deal.Resume(null, Actor, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void PutOnHoldWithoutReasonIsRejected(string? reason)
    {
        var deal = TestData.NewDeal();

        var error = Assert.Throws<DomainException>(() => deal.PutOnHold(reason, Actor, Now));

        Assert.Equal("reason", error.Field);
        Assert.Equal(DealStatus.Open, deal.Status);
    }

    [Fact]
    public void ActivityInTheFutureIsRejected()
    {
        var deal = TestData.NewDeal();

        var error = Assert.Throws<DomainException>(() =>
            deal.LogActivity(ActivityKind.Meeting, Now.AddMinutes(5), "meeting", Actor, Now, TestData.Calendar));

        Assert.Equal("occurredAt", error.Field);
        Assert.Empty(deal.Activities);
    }

    [Fact]
    public void NewDealStartsAtVersionOne()
    {
        Assert.Equal(1, TestData.NewDeal().Version);
    }

    [Fact]
    public void EnsureVersionWithTheCurrentVersionPasses()
    {
        var deal = TestData.NewDeal();
        deal.Record(Factor.Need, 1, Now.AddHours(-1));

        deal.EnsureVersion(2);
    }

    [Fact]
    public void EnsureVersionWithAStaleVersionThrowsConflict()
    {
        var deal = TestData.NewDeal();
        deal.Record(Factor.Need, 1, Now.AddHours(-1));

        Assert.Throws<DealConflictException>(() => deal.EnsureVersion(1));
        Assert.Throws<DealConflictException>(() => deal.EnsureVersion(3));
    }

    public static TheoryData<string> VersionedChanges() =>
    [
        "checkpoint",
        "edit",
        "close",
        "reopen",
        "hold",
        "resume",
        "owner",
    ];

    [Theory]
    [MemberData(nameof(VersionedChanges))]
    public void VersionIncrementsOnStateChanges(string change)
    {
        var deal = TestData.NewDeal();
        // Put the deal in the state the change needs.
        switch (change)
        {
            case "reopen": deal.Close(CloseOutcome.Lost, CloseReason.Timing, null, Actor, Now); break;
            case "resume": deal.PutOnHold("budget freeze", Actor, Now); break;
        }

        var before = deal.Version;
        switch (change)
        {
            case "checkpoint": deal.Record(Factor.Need, 1, Now.AddHours(-1)); break;
            case "edit": deal.EditDetails(TestData.Details("Renamed deal"), Actor, Now, null); break;
            case "close": deal.Close(CloseOutcome.Won, CloseReason.Relationship, null, Actor, Now); break;
            case "reopen": deal.Reopen(null, Actor, Now); break;
            case "hold": deal.PutOnHold("budget freeze", Actor, Now); break;
            case "resume": deal.Resume(null, Actor, Now); break;
            case "owner": deal.ChangeOwner(Guid.NewGuid(), Actor, Now); break;
        }

        Assert.Equal(before + 1, deal.Version);
    }

    [Fact]
    public void VersionDoesNotChangeOnActivities()
    {
        var deal = TestData.NewDeal();

        deal.LogActivity(ActivityKind.Visit, Now.AddHours(-2), "visit", Actor, Now, TestData.Calendar);
        deal.LogActivity(ActivityKind.Email, Now.AddHours(-1), "email", Actor, Now, TestData.Calendar);

        Assert.Equal(1, deal.Version);
        Assert.Equal(2, deal.Activities.Count);
    }

    [Fact]
    public void VersionDoesNotChangeOnStakeholders()
    {
        var deal = TestData.NewDeal();

        var stakeholder = deal.AddStakeholder(VetoHolder(), Actor, Now);
        deal.ChangeStakeholder(stakeholder.Id, VetoHolder() with { VetoStatus = VetoStatus.Agreed }, Actor, Now);
        deal.RemoveStakeholder(stakeholder.Id, Actor, Now);

        Assert.Equal(1, deal.Version);
    }

    [Fact]
    public void EditWithoutDifferencesChangesNothing()
    {
        var deal = TestData.NewDeal();

        deal.EditDetails(TestData.Details(), Actor, Now, null);

        Assert.Equal(1, deal.Version);
        Assert.DoesNotContain(deal.Events, e => e.Kind == DealEventKind.DetailsEdited);
    }

    [Fact]
    public void RejectedCheckpointDoesNotChangeTheVersion()
    {
        var deal = TestData.NewDeal();

        Assert.Throws<DomainException>(() => deal.Record(Factor.Need, 9, Now.AddHours(-1)));

        Assert.Equal(1, deal.Version);
    }
}
