using System.Text.Json.Serialization;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Reviews;
using KeyAccountPipeline.Domain.Signals;

namespace KeyAccountPipeline.Data.Reviews;

/// <summary>One checkpoint change in the window, in the ladder's words of the version it was recorded under.</summary>
public sealed record ReviewChange(
    Guid Id, Factor Factor, int From, int To, bool Regression, Localized FromText, Localized ToText,
    DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, PersonRef By, string Note);

/// <summary>
/// An action item: what, for whom, by when, on which deal, from which review (id and date), done when and by whom.
/// <see cref="ReviewId"/> is null for one handed out without a review, and in the view of someone who may not read
/// review records (<see cref="AsSeenBy"/>).
/// </summary>
public sealed record ActionItemView(
    Guid Id, Guid DealId, string Customer, string DealTitle, PersonRef Owner, string Text, DateOnly DueOn,
    Guid? ReviewId, DateOnly? ReviewHeldOn, DateTimeOffset CreatedAt, DateTimeOffset? DoneAt, PersonRef? DoneBy)
{
    public bool Open => DoneAt is null;

    /// <summary>
    /// The item as <paramref name="actor"/> may see it: whole for managers and admins; for a rep without the review's id,
    /// the key to the meeting's notes, which are for managers and admins (decision 0017). The review's date stays.
    /// </summary>
    public ActionItemView AsSeenBy(Actor actor) => actor.MayReadReviews ? this : this with { ReviewId = null };
}

/// <summary>The deal as the review shows it: a card's head and ladders, without what only the board needs.</summary>
public sealed record ReviewedCard(
    Guid Id, string Customer, string Title, PersonRef Owner, decimal AnnualValue, DealStatus Status, StageRef Stage, Levels Levels,
    IReadOnlyList<Flag> Flags)
{
    public static ReviewedCard Of(DealCard card) =>
        new(card.Id, card.Customer, card.Title, card.Owner, card.AnnualValue, card.Status, card.Stage, card.Levels, card.Flags);
}

/// <summary>
/// One deal's part of the meeting: what changed in the window, in checkpoint terms, and what is still to do.
/// <see cref="Advanced"/> is levels gained by the window's upward changes (need 0 → 3 is three), the number the insights page
/// counts too; <see cref="Regressions"/> is the number of downward changes.
/// </summary>
public sealed record DealReview(
    ReviewedCard Card,
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
    /// <summary>How many upward changes gained <see cref="Advanced"/>'s levels.</summary>
    public int AdvancingChanges { get; init; }

    [JsonIgnore]
    string IReviewedDeal.Customer => Card.Customer;

    [JsonIgnore]
    decimal IReviewedDeal.AnnualValue => Card.AnnualValue;
}

/// <summary>
/// The team's window in checkpoint terms: counts, never money. <see cref="Advanced"/> is levels gained, the same number as the
/// insights page's advanced per week; <see cref="Regressed"/> counts downward changes.
/// </summary>
public sealed record ReviewTotals(int Advanced, int Regressed, int NewDeals, int Won, int Lost, int NewlyStalled, int NewlyBusyButStuck, int DealsChanged)
{
    /// <summary>How many upward changes gained <see cref="Advanced"/>'s levels.</summary>
    public int AdvancingChanges { get; init; }
}

public sealed record ReviewRef(Guid Id, DateOnly HeldOn);

public sealed record ReviewChanges(
    DateOnly Since, DateOnly Until, DateTimeOffset Start, DateTimeOffset End, ReviewRef? LastReview, ReviewTotals Totals, IReadOnlyList<DealReview> Deals);

public sealed record ReviewNoteView(Guid DealId, string Customer, string Title, string Note);

public sealed record ReviewView(
    Guid Id, DateOnly HeldOn, DateOnly Since, PersonRef HeldBy, DateTimeOffset RecordedAt, string? Note,
    IReadOnlyList<PersonRef> Attendees, IReadOnlyList<ReviewNoteView> Notes, IReadOnlyList<ActionItemView> ActionItems);

public sealed record ActionItemFilter(Guid? OwnerId = null, Guid? DealId = null, bool OpenOnly = true);
