using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Reviews;
using KeyAccountPipeline.Domain.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KeyAccountPipeline.Data.Reviews;

public sealed record HoldReview(
    DateOnly HeldOn, DateOnly? Since, string? Note, IReadOnlyList<Guid> Attendees, IReadOnlyList<DealNote> Notes, IReadOnlyList<NewActionItem> ActionItems);

/// <summary>
/// Writes of the pipeline review: holding one (with its notes and action items) and closing action items. Each
/// deal that gained a note or an action item, or whose action item was closed, is announced as changed, so its
/// open deal pages show it.
/// </summary>
public sealed class ReviewService(
    IDbContextFactory<PipelineDbContext> contexts, ReviewQueries queries, OrgCalendar calendar, PipelineChanges changes,
    ILogger<ReviewService> logger)
{
    public async Task<ReviewView> HoldAsync(HoldReview input, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Ensure(actor.MayHoldReview, new("只有经理和管理员可以召开评审会。", "Only managers and admins can hold a review."));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var personIds = input.Attendees.Concat(input.ActionItems.Select(a => a.OwnerId)).Distinct().ToList();
        var active = await db.People.Where(p => personIds.Contains(p.Id) && p.Active).Select(p => p.Id).ToListAsync(cancellationToken);
        var dealIds = input.Notes.Select(n => n.DealId).Concat(input.ActionItems.Select(a => a.DealId)).Distinct().ToList();
        var known = await db.Deals.Where(d => dealIds.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken);

        Require(input.Attendees, id => active.Contains(id), i => $"attendees[{i}]", new("参会人必须是在职人员。", "An attendee must be an active person."));
        Require(input.Notes, n => known.Contains(n.DealId), i => $"notes[{i}].dealId", new("没有这个商机。", "There is no such deal."));
        Require(input.ActionItems, a => known.Contains(a.DealId), i => $"actionItems[{i}].dealId", new("没有这个商机。", "There is no such deal."));
        Require(input.ActionItems, a => active.Contains(a.OwnerId), i => $"actionItems[{i}].ownerId",
            new("行动的负责人必须是在职人员。", "An action's owner must be an active person."));

        // Without a chosen start the review covers what the next review's default window would: since the last one
        // (a stored day outside the range read clamped). The day is checked first: the default is counted back from it.
        DateLimits.Ensure(input.HeldOn, "heldOn");
        var since = input.Since
            ?? ((await queries.LastReviewAsync(cancellationToken))?.HeldOn is { } lastHeld ? DateLimits.Clamp(lastHeld) : (DateOnly?)null)
            ?? input.HeldOn.AddDays(-ReviewWindow.DefaultDays);
        var review = Review.Hold(actor, input.HeldOn, input.Since is null && since > input.HeldOn ? input.HeldOn : since, input.Note, input.Attendees.ToList(), input.Notes, input.ActionItems,
            calendar.Today, calendar.Now);
        db.Reviews.Add(review);
        // The answer is built before the commit: once the review is saved, nothing read afterwards can turn it into an error.
        var view = await ReviewQueries.ViewOfAsync(db, review, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var dealId in dealIds)
        {
            await changes.PublishAsync(PipelineChange.Deal(dealId), CancellationToken.None);
        }

        logger.LogInformation("Review {ReviewId} held on {HeldOn} by {ActorId}: {Notes} deal notes, {Actions} action items",
            review.Id, review.HeldOn, actor.Id, review.Notes.Count, review.ActionItems.Count);
        return view;
    }

    public async Task<ActionItemView> MarkDoneAsync(Guid id, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var item = await db.ActionItems.SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new NotFoundException($"There is no action item {id}.");
        // Read before the commit, like every answer to a write (see HoldAsync).
        var view = (await ReviewQueries.ActionItemAsync(db, id, cancellationToken))!;
        item.MarkDone(actor, calendar.Now);
        if (view.DoneAt is null)
        {
            var name = await db.People.Where(p => p.Id == actor.Id).Select(p => p.Name).SingleAsync(cancellationToken);
            view = view with { DoneAt = item.DoneAt, DoneBy = new PersonRef(actor.Id, name) };
        }

        await db.SaveChangesAsync(cancellationToken);
        await changes.PublishAsync(PipelineChange.Deal(item.DealId), CancellationToken.None);
        return view;
    }

    private static void Require<T>(IReadOnlyList<T> items, Func<T, bool> ok, Func<int, string> field, Domain.Playbooks.Localized message)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (!ok(items[i]))
            {
                throw new DomainException(field(i), message);
            }
        }
    }
}
