using FluentValidation;
using KeyAccountPipeline.Data.Reviews;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Reviews;

namespace KeyAccountPipeline.Web.Api;

public sealed record ReviewNoteRequest(Guid? DealId, string? Note);

public sealed record ActionItemRequest(Guid? DealId, Guid? OwnerId, string? Text, DateOnly? DueOn);

/// <summary>A held review: its day, the window's first day (default: the last review's day), attendees, deal notes and action items.</summary>
public sealed record HoldReviewRequest(
    DateOnly? HeldOn, DateOnly? Since, string? Note, IReadOnlyList<Guid>? Attendees, IReadOnlyList<ReviewNoteRequest>? Notes,
    IReadOnlyList<ActionItemRequest>? ActionItems)
{
    public HoldReview ToInput() => new(
        HeldOn!.Value, Since, Note, Attendees ?? [],
        (Notes ?? []).Select(n => new DealNote(n.DealId!.Value, n.Note!)).ToList(),
        (ActionItems ?? []).Select(a => new NewActionItem(a.DealId!.Value, a.OwnerId!.Value, a.Text!, a.DueOn!.Value)).ToList());
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
