using KeyAccountPipeline.Domain.People;

namespace KeyAccountPipeline.Domain.Reviews;

/// <summary>
/// An action item given on a deal's page, outside a review (issue 15 §6): by whom a review's action items may be given
/// (managers and admins, <see cref="Actor.MayHoldReview"/>), due today or later, and belonging to no review.
/// </summary>
public static class DealActionItems
{
    /// <summary>A new open action item on <see cref="NewActionItem.DealId"/> for <see cref="NewActionItem.OwnerId"/>.</summary>
    /// <exception cref="AccessDeniedException">A rep: action items are given by managers and admins, as in a review.</exception>
    /// <exception cref="DomainException">No text (<c>text</c>); a due day outside the range or before <paramref name="today"/> (<c>dueOn</c>).</exception>
    public static ActionItem Give(NewActionItem input, Actor actor, DateOnly today, DateTimeOffset now)
    {
        actor.Ensure(actor.MayHoldReview, RuleTexts.OnlyManagersGiveActions);
        if (string.IsNullOrWhiteSpace(input.Text))
        {
            throw new DomainException("text", RuleTexts.SayWhatToDo);
        }

        DateLimits.Ensure(input.DueOn, "dueOn");
        if (input.DueOn < today)
        {
            throw new DomainException("dueOn", RuleTexts.DueNotBeforeToday);
        }

        // Every rule Create checks is met above, under this request's own field names.
        return ActionItem.Create(input, "actionItem", null, today, actor.Id, now);
    }
}
