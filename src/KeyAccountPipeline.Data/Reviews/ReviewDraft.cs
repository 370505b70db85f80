using FluentValidation;
using KeyAccountPipeline.Data.Validation;
using KeyAccountPipeline.Domain;

namespace KeyAccountPipeline.Data.Reviews;

/// <summary>
/// What a manager has typed for the review not yet held: the window's first day, the meeting's note, the attendees,
/// a note per deal and the new action items, in the shapes <see cref="HoldReviewRequest"/> takes. Saved as they type
/// (PUT <c>/api/reviews/draft</c>, or the review page), so a reload, a second device or a restarted server finds it;
/// held or discarded, it is gone (docs/decisions/0031-drafts.md). Everything may be empty: a draft is half-written.
/// </summary>
public sealed record ReviewDraft(
    DateOnly? Since, string? Note, IReadOnlyList<Guid>? Attendees, IReadOnlyList<ReviewNoteRequest>? Notes,
    IReadOnlyList<ActionItemRequest>? ActionItems);

/// <summary>A manager's draft and when it was last saved (UTC); with no draft saved, an empty one whose <see cref="SavedAt"/> is null.</summary>
public sealed record ReviewDraftView(
    DateOnly? Since, string? Note, IReadOnlyList<Guid> Attendees, IReadOnlyList<ReviewNoteRequest> Notes,
    IReadOnlyList<ActionItemRequest> ActionItems, DateTimeOffset? SavedAt)
{
    /// <summary>No draft saved.</summary>
    public static readonly ReviewDraftView None = new(null, null, [], [], [], null);
}

/// <summary>
/// A draft's bounds: the texts' lengths and characters of a held review, at most <see cref="MaxItems"/> notes, action
/// items and attendees (a week's review has tens), and nothing required: a blank note is one not typed yet.
/// </summary>
public sealed class ReviewDraftValidator : AbstractValidator<ReviewDraft>
{
    /// <summary>The most notes, action items or attendees one draft holds.</summary>
    public const int MaxItems = 500;

    public ReviewDraftValidator()
    {
        RuleFor(r => r.Since).InDateRange();
        RuleFor(r => r.Note).MaximumLength(Limits.Note).MultiLine();
        RuleFor(r => r.Attendees).Must(a => a is null || a.Count <= MaxItems).WithMessage($"At most {MaxItems} attendees.");
        RuleFor(r => r.Notes).Must(n => n is null || n.Count <= MaxItems).WithMessage($"At most {MaxItems} notes.");
        RuleFor(r => r.ActionItems).Must(a => a is null || a.Count <= MaxItems).WithMessage($"At most {MaxItems} action items.");
        RuleForEach(r => r.Notes).NotNull().ChildRules(note =>
        {
            note.RuleFor(n => n.DealId).NotEmpty();
            note.RuleFor(n => n.Note).MaximumLength(Limits.Note).MultiLine();
        });
        RuleForEach(r => r.ActionItems).NotNull().ChildRules(item =>
        {
            item.RuleFor(a => a.DealId).NotEmpty();
            item.RuleFor(a => a.Text).MaximumLength(Limits.ActionText).MultiLine();
            item.RuleFor(a => a.DueOn).InDateRange();
        });
    }
}

/// <summary>A manager's review draft as stored: one row per person, the draft as a JSON document.</summary>
public sealed class ReviewDraftRecord
{
    private ReviewDraftRecord()
    {
        Document = string.Empty;
    }

    internal ReviewDraftRecord(Guid personId, string document, DateTimeOffset savedAt)
    {
        PersonId = personId;
        Document = document;
        SavedAt = savedAt;
    }

    public Guid PersonId { get; private set; }

    /// <summary>The <see cref="ReviewDraft"/> in JSON (web defaults: camelCase).</summary>
    public string Document { get; private set; }

    public DateTimeOffset SavedAt { get; private set; }
}
