using FluentValidation;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Reviews;
using KeyAccountPipeline.Domain.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KeyAccountPipeline.Data.Reviews;

/// <summary>
/// Writes of the pipeline review: holding one (with its notes and action items) and closing action items. Each
/// deal that gained a note or an action item, or whose action item was closed, is announced as changed, so its
/// open deal pages show it. Holding a review deletes its holder's draft (<see cref="ReviewDrafts"/>).
/// </summary>
public sealed class ReviewService(
    IDbContextFactory<PipelineDbContext> contexts, ReviewQueries queries, OrgCalendar calendar, PipelineChanges changes,
    IValidator<HoldReviewRequest> holdRules, IValidator<DealActionItemRequest> dealActionRules, ILogger<ReviewService> logger)
{
    /// <summary>Holds a review: checks the request (<see cref="HoldReviewValidator"/>), then who may, then every person and deal it names.</summary>
    /// <exception cref="ValidationException">A malformed request, each failure under its field.</exception>
    public async Task<ReviewView> HoldAsync(HoldReviewRequest input, Actor actor, CancellationToken cancellationToken = default)
    {
        await holdRules.ValidateAndThrowAsync(input, cancellationToken);
        var (heldOn, attendees, notes, actionItems) = (input.HeldOn!.Value, input.Attendees!, input.DealNotes, input.NewActionItems);
        actor.Ensure(actor.MayHoldReview, RuleTexts.OnlyManagersHoldReviews);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var personIds = attendees.Concat(actionItems.Select(a => a.OwnerId)).Distinct().ToList();
        var active = await db.People.Where(p => personIds.Contains(p.Id) && p.Active).Select(p => p.Id).ToListAsync(cancellationToken);
        var dealIds = notes.Select(n => n.DealId).Concat(actionItems.Select(a => a.DealId)).Distinct().ToList();
        var known = await db.Deals.Where(d => dealIds.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken);

        Require(attendees, id => active.Contains(id), i => $"attendees[{i}]", RuleTexts.AttendeeNotActive);
        Require(notes, n => known.Contains(n.DealId), i => $"notes[{i}].dealId", RuleTexts.NoSuchDeal);
        Require(actionItems, a => known.Contains(a.DealId), i => $"actionItems[{i}].dealId", RuleTexts.NoSuchDeal);
        Require(actionItems, a => active.Contains(a.OwnerId), i => $"actionItems[{i}].ownerId",
            RuleTexts.ActionOwnerNotActive);

        // Without a chosen start the review covers what the next review's default window would: since the last one
        // (a stored day outside the range read clamped). The day is checked first: the default is counted back from it.
        DateLimits.Ensure(heldOn, "heldOn");
        var since = input.Since
            ?? ((await queries.LastReviewAsync(cancellationToken))?.HeldOn is { } lastHeld ? DateLimits.Clamp(lastHeld) : (DateOnly?)null)
            ?? heldOn.AddDays(-ReviewWindow.DefaultDays);
        var review = Review.Hold(actor, heldOn, input.Since is null && since > heldOn ? heldOn : since, input.Note, attendees.ToList(), notes, actionItems,
            calendar.Today, calendar.Now);
        db.Reviews.Add(review);
        // The holder's draft was this review: it goes in the same transaction.
        await ReviewDrafts.RemoveWithAsync(db, actor.Id, cancellationToken);
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

    /// <summary>
    /// An action item given on the deal's page, outside a review (issue 15): who may give one is as in a review (managers and
    /// admins); its owner is an active person. Answered from what was written, before the commit, like every write.
    /// </summary>
    /// <exception cref="ValidationException">A malformed request.</exception>
    /// <exception cref="AccessDeniedException">A rep.</exception>
    /// <exception cref="NotFoundException">No such deal.</exception>
    /// <exception cref="DomainException">No text, a due day before today, an owner who is not an active person.</exception>
    public async Task<ActionItemView> GiveActionItemAsync(Guid dealId, DealActionItemRequest input, Actor actor, CancellationToken cancellationToken = default)
    {
        await dealActionRules.ValidateAndThrowAsync(input, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deal = await db.Deals.AsNoTracking().Where(d => d.Id == dealId).Select(d => new { d.Title, Customer = d.Account!.Name }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"There is no deal {dealId}.");
        var item = DealActionItems.Give(new NewActionItem(dealId, input.OwnerId!.Value, input.Text ?? string.Empty, input.DueOn!.Value), actor,
            calendar.Today, calendar.Now);
        var owner = await db.People.Where(p => p.Id == item.OwnerId && p.Active).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("ownerId", RuleTexts.ActionOwnerNotActive);
        db.ActionItems.Add(item);
        var view = new ActionItemView(item.Id, dealId, deal.Customer, deal.Title, new PersonRef(item.OwnerId, owner), item.Text, item.DueOn, null, null,
            item.CreatedAt, null, null);
        await db.SaveChangesAsync(cancellationToken);
        await changes.PublishAsync(PipelineChange.Deal(dealId), CancellationToken.None);
        logger.LogInformation("Action item {ActionItemId} on deal {DealId} for {OwnerId} by {ActorId}", item.Id, dealId, item.OwnerId, actor.Id);
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
