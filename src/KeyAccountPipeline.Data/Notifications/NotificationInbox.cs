using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Data.Notifications;

/// <summary>One page of a person's notifications, newest first, with how many of theirs are unread (issue 17 §2).</summary>
/// <param name="Total">How many they have in the kept window (<see cref="NotificationInbox.Kept"/>).</param>
public sealed record InboxPage(IReadOnlyList<Notification> Items, int Unread, int Total);

/// <summary>
/// The bell and the notifications list (issue 17 §2): a person's own notifications of the last
/// <see cref="Kept"/> days, newest first, and marking them read. Every call is about the person it names, never anyone
/// else's: the API and the pages pass the signed-in person. "Confirm your email" notifications are the outbox's
/// (they carry a sign-in-less link and go by email only), not the bell's, so they are left out of every count and list.
/// Marking read announces <see cref="PipelineChange.Inbox"/>, so the person's other tabs and devices re-count.
/// </summary>
public sealed class NotificationInbox(IDbContextFactory<PipelineDbContext> contexts, TimeProvider time, PipelineChanges changes)
{
    /// <summary>How long a notification is shown (and kept: the events part purges older ones).</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(90);

    /// <summary>The most a page holds.</summary>
    public const int MaxPageSize = 100;

    /// <summary>The most ids one "mark read" names.</summary>
    public const int MaxIds = 500;

    /// <summary>
    /// The person's notifications newest first (ties by id), skipping <paramref name="skip"/> and taking at most
    /// <paramref name="take"/> (1 to <see cref="MaxPageSize"/>); <paramref name="unreadOnly"/> leaves read ones out.
    /// </summary>
    public async Task<InboxPage> PageAsync(Guid personId, int skip, int take, bool unreadOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(take, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = Mine(db, personId);
        var shown = unreadOnly ? mine.Where(n => n.ReadAt == null) : mine;
        var items = await shown.OrderByDescending(n => n.OccurredAt).ThenByDescending(n => n.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        var total = await shown.CountAsync(cancellationToken);
        var unread = unreadOnly ? total : await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        return new InboxPage(items, unread, total);
    }

    /// <summary>How many of the person's notifications are unread: the bell's number. One indexed count.</summary>
    public async Task<int> UnreadAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Mine(db, personId).CountAsync(n => n.ReadAt == null, cancellationToken);
    }

    /// <summary>
    /// Marks the person's notifications with <paramref name="ids"/> read (or every one of theirs with <paramref name="all"/>);
    /// an id that is not theirs, unknown, or already read is passed over, so nobody learns of another's notifications.
    /// Returns how many were newly marked and how many stay unread.
    /// </summary>
    public async Task<(int Marked, int Unread)> MarkReadAsync(Guid personId, IReadOnlyCollection<Guid> ids, bool all, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var unread = db.Notifications.Where(n => n.PersonId == personId && n.ReadAt == null);
        if (!all)
        {
            var named = ids.Distinct().ToList();
            unread = unread.Where(n => named.Contains(n.Id));
        }

        var marked = await unread.ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
        var left = await Mine(db, personId).CountAsync(n => n.ReadAt == null, cancellationToken);
        if (marked > 0)
        {
            await changes.PublishAsync(PipelineChange.Inbox(personId), cancellationToken);
        }

        return (marked, left);
    }

    private IQueryable<Notification> Mine(PipelineDbContext db, Guid personId)
    {
        var since = time.GetUtcNow() - Kept;
        return db.Notifications.AsNoTracking()
            .Where(n => n.PersonId == personId && n.Kind != NotificationKind.ConfirmEmail && n.OccurredAt >= since);
    }
}
