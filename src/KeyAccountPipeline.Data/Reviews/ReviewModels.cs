using System.Text.Json.Serialization;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Reviews;

namespace KeyAccountPipeline.Data.Reviews;

/// <summary>One checkpoint change in the window, in the ladder's words of the version it was recorded under.</summary>
public sealed record ReviewChange(
    Guid Id, Factor Factor, int From, int To, bool Regression, string FromText, string ToText,
    DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, PersonRef By, string Note);

public sealed record ActionItemView(
    Guid Id, Guid DealId, string Customer, string DealTitle, PersonRef Owner, string Text, DateOnly DueOn,
    Guid? ReviewId, DateOnly? ReviewHeldOn, DateTimeOffset CreatedAt, DateTimeOffset? DoneAt, PersonRef? DoneBy)
{
    public bool Open => DoneAt is null;
}

/// <summary>One deal's part of the meeting: what changed in the window, in checkpoint terms, and what is still to do.</summary>
public sealed record DealReview(
    DealCard Card,
    IReadOnlyList<ReviewChange> Changes,
    int Advanced,
    int Regressions,
    bool IsNew,
    bool Won,
    bool Lost,
    bool NewlyStalled,
    bool NewlyBusyButStuck,
    IReadOnlyList<ActionItemView> OpenActions) : IReviewedDeal
{
    [JsonIgnore]
    string IReviewedDeal.Customer => Card.Customer;

    [JsonIgnore]
    decimal IReviewedDeal.AnnualValue => Card.AnnualValue;
}

/// <summary>The team's window in checkpoint terms: counts, never money.</summary>
public sealed record ReviewTotals(int Advanced, int Regressed, int NewDeals, int Won, int Lost, int NewlyStalled, int NewlyBusyButStuck, int DealsChanged);

public sealed record ReviewRef(Guid Id, DateOnly HeldOn);

public sealed record ReviewChanges(
    DateOnly Since, DateOnly Until, DateTimeOffset Start, DateTimeOffset End, ReviewRef? LastReview, ReviewTotals Totals, IReadOnlyList<DealReview> Deals);

public sealed record ReviewNoteView(Guid DealId, string Customer, string Title, string Note);

public sealed record ReviewView(
    Guid Id, DateOnly HeldOn, DateOnly Since, PersonRef HeldBy, DateTimeOffset RecordedAt, string? Note,
    IReadOnlyList<PersonRef> Attendees, IReadOnlyList<ReviewNoteView> Notes, IReadOnlyList<ActionItemView> ActionItems);

public sealed record ActionItemFilter(Guid? OwnerId = null, Guid? DealId = null, bool OpenOnly = true);
