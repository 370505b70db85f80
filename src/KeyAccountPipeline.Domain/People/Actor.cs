using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain.People;

/// <summary>
/// The signed-in person acting on the pipeline, and what their role allows. The one home of the
/// rules of README's role table ("Users and sign-in"; decision 0004): the API, every Blazor event handler and the buttons shown all ask here.
/// </summary>
public sealed record Actor(Guid Id, Role Role)
{
    private bool IsManagerOrAdmin => Role is Role.Manager or Role.Admin;

    /// <summary>Record checkpoints, activities, stakeholders, edit details, close, reopen: reps on their own deals.</summary>
    public bool MayWorkOn(Guid ownerId) => IsManagerOrAdmin || ownerId == Id;

    /// <summary>Creating a deal: a rep only for themselves.</summary>
    public bool MayCreateFor(Guid ownerId) => MayWorkOn(ownerId);

    public bool MayReassign => IsManagerOrAdmin;

    public bool MayCoach => IsManagerOrAdmin;

    /// <summary>Holding a pipeline review: it hands out action items to anyone.</summary>
    public bool MayHoldReview => IsManagerOrAdmin;

    /// <summary>Marking an action item done: its owner, or a manager.</summary>
    public bool MayComplete(Guid actionOwnerId) => IsManagerOrAdmin || actionOwnerId == Id;

    /// <summary>
    /// Reading review records — held reviews (meeting and deal notes, attendees), the review's window of changes and
    /// everyone's action items with the review they came from: managers and admins (README "Who may do what").
    /// A rep reads only their own action items, without the review's id.
    /// </summary>
    public bool MayReadReviews => IsManagerOrAdmin;

    /// <summary>
    /// Listing action items of <paramref name="ownerId"/> (null: everyone's): one's own, or anyone's for those who read
    /// reviews. Throws <see cref="AccessDeniedException"/> for a rep asking for others' (the API answers 403).
    /// </summary>
    public void EnsureMayReadActionItemsOf(Guid? ownerId) =>
        Ensure(ownerId == Id || MayReadReviews, RuleTexts.RepReadsOwnActions);

    /// <summary>Importing deals from a file (issue 16): it creates and changes anyone's deals at once.</summary>
    public bool MayImport => IsManagerOrAdmin;

    public bool MayEditPlaybook => Role == Role.Admin;

    public bool MayManageUsers => Role == Role.Admin;

    public void EnsureMayWorkOn(Guid ownerId)
    {
        if (!MayWorkOn(ownerId))
        {
            throw new AccessDeniedException(RuleTexts.RepChangesOwnDeals);
        }
    }

    public void Ensure(bool allowed, Localized why)
    {
        if (!allowed)
        {
            throw new AccessDeniedException(why);
        }
    }
}
