using System.Text.Json;
using FluentValidation;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Data.Reviews;

/// <summary>
/// Each manager's one review draft (<see cref="ReviewDraft"/>), kept on the server so typed notes survive a reload, a
/// second device and a restart until the review is held (<see cref="ReviewService.HoldAsync"/> deletes it in the same
/// transaction) or discarded. A draft is its author's only: every call reads or writes the calling person's own; a rep
/// is refused (<see cref="AccessDeniedException"/>), as for holding a review. The review page and the API
/// (<c>/api/reviews/draft</c>) both use this service.
/// </summary>
public sealed class ReviewDrafts(IDbContextFactory<PipelineDbContext> contexts, OrgCalendar calendar, IValidator<ReviewDraft> rules)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The person's draft; <see cref="ReviewDraftView.None"/> when they have none.</summary>
    /// <exception cref="AccessDeniedException">The person is not a manager or admin.</exception>
    public async Task<ReviewDraftView> GetAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Ensure(actor.MayHoldReview, RuleTexts.OnlyManagersHoldReviews);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.ReviewDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.PersonId == actor.Id, cancellationToken);
        return record is null ? ReviewDraftView.None : ViewOf(record);
    }

    /// <summary>Replaces the person's draft with <paramref name="draft"/> (creating it the first time).</summary>
    /// <exception cref="ValidationException">A text too long or with control characters, too many items; nothing written.</exception>
    /// <exception cref="AccessDeniedException">The person is not a manager or admin.</exception>
    public async Task<ReviewDraftView> SaveAsync(ReviewDraft draft, Actor actor, CancellationToken cancellationToken = default)
    {
        await rules.ValidateAndThrowAsync(draft, cancellationToken);
        actor.Ensure(actor.MayHoldReview, RuleTexts.OnlyManagersHoldReviews);
        var (document, now) = (JsonSerializer.Serialize(draft, Json), calendar.Now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Update first; a first save inserts. Two first saves at once (two tabs): the loser's insert meets the key and
        // updates instead, so the later save wins, as it would with any two saves.
        if (await UpdateAsync(db, actor.Id, document, now, cancellationToken) == 0)
        {
            try
            {
                db.ReviewDrafts.Add(new ReviewDraftRecord(actor.Id, document, now));
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                await UpdateAsync(db, actor.Id, document, now, cancellationToken);
            }
        }

        return ViewOf(new ReviewDraftRecord(actor.Id, document, now));
    }

    /// <summary>Deletes the person's draft; false when there was none.</summary>
    /// <exception cref="AccessDeniedException">The person is not a manager or admin.</exception>
    public async Task<bool> DiscardAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Ensure(actor.MayHoldReview, RuleTexts.OnlyManagersHoldReviews);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ReviewDrafts.Where(d => d.PersonId == actor.Id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>Marks the person's draft deleted in <paramref name="db"/>: saved with the held review, in its transaction.</summary>
    internal static async Task RemoveWithAsync(PipelineDbContext db, Guid personId, CancellationToken cancellationToken)
    {
        if (await db.ReviewDrafts.SingleOrDefaultAsync(d => d.PersonId == personId, cancellationToken) is { } record)
        {
            db.ReviewDrafts.Remove(record);
        }
    }

    private static Task<int> UpdateAsync(PipelineDbContext db, Guid personId, string document, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.ReviewDrafts.Where(d => d.PersonId == personId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Document, document).SetProperty(d => d.SavedAt, now), cancellationToken);

    private static ReviewDraftView ViewOf(ReviewDraftRecord record)
    {
        var draft = JsonSerializer.Deserialize<ReviewDraft>(record.Document, Json)!;
        return new ReviewDraftView(draft.Since, draft.Note, draft.Attendees ?? [], draft.Notes ?? [], draft.ActionItems ?? [], record.SavedAt);
    }
}
