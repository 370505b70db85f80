using FluentValidation;
using KeyAccountPipeline.Data.Validation;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Reviews;

namespace KeyAccountPipeline.Data.Reviews;

// What ReviewService.HoldAsync takes, and its validator beside it: the API binds it as POST /api/reviews' body and the
// review page builds it; the service checks it before anything is read (decision 0020). Every field is nullable, so a
// missing one is reported by the validator, by name.

/// <summary>A note on one deal, taken at the review.</summary>
public sealed record ReviewNoteRequest(Guid? DealId, string? Note);

/// <summary>An action item agreed at the review: its deal, owner, text and due day.</summary>
public sealed record ActionItemRequest(Guid? DealId, Guid? OwnerId, string? Text, DateOnly? DueOn);

/// <summary>An action item given on a deal's page, outside a review: its owner, text and due day (the deal is the page's).</summary>
public sealed record DealActionItemRequest(Guid? OwnerId, string? Text, DateOnly? DueOn);

/// <summary>A held review: its day, the window's first day (default: the last review's day), attendees, deal notes and action items.</summary>
public sealed record HoldReviewRequest(
    DateOnly? HeldOn, DateOnly? Since, string? Note, IReadOnlyList<Guid>? Attendees, IReadOnlyList<ReviewNoteRequest>? Notes,
    IReadOnlyList<ActionItemRequest>? ActionItems)
{
    /// <summary>The domain's deal notes of a validated request.</summary>
    internal IReadOnlyList<DealNote> DealNotes => [.. (Notes ?? []).Select(n => new DealNote(n.DealId!.Value, n.Note!))];

    /// <summary>The domain's new action items of a validated request.</summary>
    internal IReadOnlyList<NewActionItem> NewActionItems =>
        [.. (ActionItems ?? []).Select(a => new NewActionItem(a.DealId!.Value, a.OwnerId!.Value, a.Text!, a.DueOn!.Value))];
}

public sealed class HoldReviewValidator : AbstractValidator<HoldReviewRequest>
{
    public HoldReviewValidator()
    {
        RuleFor(r => r.HeldOn).NotNull().InDateRange();
        RuleFor(r => r.Since).InDateRange();
        RuleFor(r => r.Note).MaximumLength(Limits.Note).MultiLine();
        RuleFor(r => r.Attendees).NotEmpty();
        RuleForEach(r => r.Attendees).NotEmpty();
        RuleForEach(r => r.Notes).NotNull().ChildRules(note =>
        {
            note.RuleFor(n => n.DealId).NotEmpty();
            note.RuleFor(n => n.Note).NotEmpty().MaximumLength(Limits.Note).MultiLine();
        });
        RuleForEach(r => r.ActionItems).NotNull().ChildRules(item =>
        {
            item.RuleFor(a => a.DealId).NotEmpty();
            item.RuleFor(a => a.OwnerId).NotEmpty();
            item.RuleFor(a => a.Text).NotEmpty().MaximumLength(Limits.ActionText).MultiLine();
            item.RuleFor(a => a.DueOn).NotNull().InDateRange();
        });
    }
}

/// <summary>The text's presence and the due day against today are the domain's to check (<see cref="DealActionItems.Give"/>).</summary>
public sealed class DealActionItemValidator : AbstractValidator<DealActionItemRequest>
{
    public DealActionItemValidator()
    {
        RuleFor(a => a.OwnerId).NotEmpty();
        RuleFor(a => a.Text).MaximumLength(Limits.ActionText).MultiLine();
        RuleFor(a => a.DueOn).NotNull().InDateRange();
    }
}
