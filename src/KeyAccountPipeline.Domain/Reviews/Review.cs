using KeyAccountPipeline.Domain.People;

namespace KeyAccountPipeline.Domain.Reviews;

public sealed record NewActionItem(Guid DealId, Guid OwnerId, string Text, DateOnly DueOn);

public sealed record DealNote(Guid DealId, string Note);

/// <summary>
/// A held pipeline review: the day it was held, the window it looked at, who attended, a note per deal
/// and the action items it gave out. Written once; its action items are then done one by one.
/// </summary>
public sealed class Review
{
    private readonly List<ReviewAttendee> _attendees = [];
    private readonly List<ReviewDealNote> _notes = [];
    private readonly List<ActionItem> _actionItems = [];

    private Review()
    {
    }

    public Guid Id { get; private set; }

    public DateOnly HeldOn { get; private set; }

    /// <summary>The first day of the window the review looked at (its last day is <see cref="HeldOn"/>).</summary>
    public DateOnly Since { get; private set; }

    public Guid HeldById { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public string? Note { get; private set; }

    public IReadOnlyCollection<ReviewAttendee> Attendees => _attendees;

    public IReadOnlyCollection<ReviewDealNote> Notes => _notes;

    public IReadOnlyCollection<ActionItem> ActionItems => _actionItems;

    public static Review Hold(Actor actor, DateOnly heldOn, DateOnly since, string? note, IReadOnlyCollection<Guid> attendees,
        IReadOnlyList<DealNote> notes, IReadOnlyList<NewActionItem> actionItems, DateOnly today, DateTimeOffset now)
    {
        actor.Ensure(actor.MayHoldReview, RuleTexts.OnlyManagersHoldReviews);
        DateLimits.Ensure(heldOn, "heldOn");
        DateLimits.Ensure(since, "since");
        if (heldOn > today)
        {
            throw new DomainException("heldOn", RuleTexts.ReviewInFuture);
        }

        if (since > heldOn)
        {
            throw new DomainException("since", RuleTexts.ReviewWindowAfterReview);
        }

        if (attendees.Count == 0)
        {
            throw new DomainException("attendees", RuleTexts.NameAnAttendee);
        }

        var review = new Review
        {
            Id = Guid.CreateVersion7(now),
            HeldOn = heldOn,
            Since = since,
            HeldById = actor.Id,
            RecordedAt = now,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        };
        review._attendees.AddRange(attendees.Distinct().Select(id => new ReviewAttendee(review.Id, id)));
        for (var i = 0; i < notes.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(notes[i].Note))
            {
                throw new DomainException($"notes[{i}].note", RuleTexts.DealNoteBlank);
            }
        }

        review._notes.AddRange(notes.GroupBy(n => n.DealId)
            .Select(g => new ReviewDealNote(review.Id, g.Key, string.Join("\n", g.Select(n => n.Note.Trim())))));
        for (var i = 0; i < actionItems.Count; i++)
        {
            review._actionItems.Add(ActionItem.Create(actionItems[i], $"actionItems[{i}]", review.Id, heldOn, actor.Id, now));
        }

        return review;
    }
}

public sealed class ReviewAttendee
{
    private ReviewAttendee()
    {
    }

    internal ReviewAttendee(Guid reviewId, Guid personId)
    {
        ReviewId = reviewId;
        PersonId = personId;
    }

    public Guid ReviewId { get; private set; }

    public Guid PersonId { get; private set; }
}

public sealed class ReviewDealNote
{
    private ReviewDealNote()
    {
        Note = string.Empty;
    }

    internal ReviewDealNote(Guid reviewId, Guid dealId, string note)
    {
        ReviewId = reviewId;
        DealId = dealId;
        Note = note;
    }

    public Guid ReviewId { get; private set; }

    public Guid DealId { get; private set; }

    public string Note { get; private set; }
}

/// <summary>Something a person promised to do for a deal by a date. Open until its owner (or a manager) marks it done.</summary>
public sealed class ActionItem
{
    private ActionItem()
    {
        Text = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid DealId { get; private set; }

    public Guid OwnerId { get; private set; }

    public string Text { get; private set; }

    public DateOnly DueOn { get; private set; }

    /// <summary>The review that gave it out.</summary>
    public Guid? ReviewId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Guid CreatedById { get; private set; }

    public DateTimeOffset? DoneAt { get; private set; }

    public Guid? DoneById { get; private set; }

    public bool IsOpen => DoneAt is null;

    internal static ActionItem Create(NewActionItem input, string field, Guid? reviewId, DateOnly givenOn, Guid actorId, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(input.Text))
        {
            throw new DomainException($"{field}.text", RuleTexts.SayWhatToDo);
        }

        DateLimits.Ensure(input.DueOn, $"{field}.dueOn");
        if (input.DueOn < givenOn)
        {
            throw new DomainException($"{field}.dueOn", RuleTexts.DueBeforeReview);
        }

        return new ActionItem
        {
            Id = Guid.CreateVersion7(now),
            DealId = input.DealId,
            OwnerId = input.OwnerId,
            Text = input.Text.Trim(),
            DueOn = input.DueOn,
            ReviewId = reviewId,
            CreatedAt = now,
            CreatedById = actorId,
        };
    }

    /// <summary>Its owner or a manager closes it; closing a closed item changes nothing.</summary>
    public void MarkDone(Actor actor, DateTimeOffset now)
    {
        actor.Ensure(actor.MayComplete(OwnerId), RuleTexts.OnlyOwnerCompletesAction);
        if (!IsOpen)
        {
            return;
        }

        DoneAt = now;
        DoneById = actor.Id;
    }
}
