using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Signals;
using KeyAccountPipeline.Domain.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KeyAccountPipeline.Data.Notifications;

/// <summary>What one scan did: notifications written (by this scan; another instance may have written the rest) and purged.</summary>
public sealed record ScanOutcome(int Written, int Purged);

/// <summary>
/// The events time causes (issue 17 §1), found by a periodic scan: an open action item due tomorrow
/// (<see cref="NotificationKind.ActionDueTomorrow"/>) or past its due day (<see cref="NotificationKind.ActionOverdue"/>), once
/// per item and due day, for its owner; a deal that became stalled (<see cref="NotificationKind.DealStalled"/>) or busy but
/// stuck (<see cref="NotificationKind.DealBusyButStuck"/>) for its owner, and stalled for every active manager
/// (<see cref="NotificationKind.TeamStalled"/>). The flags are the board's own (<see cref="DealQueries"/>, so
/// <see cref="DealSignals"/> with the playbook's stall days, in the organisation's days). A stall is the same stall until the
/// deal advances, so its dedupe key holds the latest advance: it is told once, and again only after an advance and a new stall.
/// Safe on several instances: every row is inserted only when its unique dedupe key is absent. Also purges notifications
/// older than <see cref="Retention"/> with their deliveries. Decision record: docs/decisions/0035-notifications-events.md.
/// </summary>
public sealed class NotificationScan(IDbContextFactory<PipelineDbContext> contexts, DealQueries deals, OrgCalendar calendar, ILogger<NotificationScan> logger)
{
    /// <summary>How long notifications are kept (issue 17 §2): the bell shows 90 days.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(90);

    /// <summary>
    /// How many days after a stall began, or an item fell overdue, it is still news: a scan after a long stop, or the first
    /// one after an upgrade, tells people of what happened lately, not of every old stall; and nothing purged comes back.
    /// </summary>
    public const int CatchUpDays = 7;

    /// <summary>Writes the notifications now due and purges the old ones.</summary>
    /// <returns>How many this scan wrote and purged.</returns>
    public async Task<ScanOutcome> ScanAsync(CancellationToken cancellationToken = default)
    {
        var now = calendar.Now;
        var candidates = new List<Notification>();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var people = await db.People.AsNoTracking().Where(p => p.Active).Select(p => new { p.Id, p.Role }).ToListAsync(cancellationToken);
            var active = people.Select(p => p.Id).ToHashSet();
            var managers = people.Where(p => p.Role == Role.Manager).Select(p => p.Id).ToList();
            candidates.AddRange(await ActionItemsAsync(db, active, now, cancellationToken));
            candidates.AddRange(await SignalsAsync(active, managers, now, cancellationToken));
        }

        var written = await InsertAbsentAsync(candidates, cancellationToken);
        var purged = await PurgeAsync(now - Retention, cancellationToken);
        if (written > 0 || purged > 0)
        {
            logger.LogInformation("Notification scan: {Written} written, {Purged} purged", written, purged);
        }

        return new ScanOutcome(written, purged);
    }

    private async Task<List<Notification>> ActionItemsAsync(PipelineDbContext db, HashSet<Guid> active, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = calendar.Today;
        var tomorrow = today.AddDays(1);
        var oldest = today.AddDays(-CatchUpDays);
        var items = await db.ActionItems.AsNoTracking()
            .Where(a => a.DoneAt == null && (a.DueOn == tomorrow || (a.DueOn < today && a.DueOn >= oldest)))
            .Join(db.Deals, a => a.DealId, d => d.Id, (a, d) => new { a.Id, a.DealId, a.OwnerId, a.Text, a.DueOn, d.Title, Customer = d.Account!.Name })
            .ToListAsync(cancellationToken);
        return
        [
            .. items.Where(i => active.Contains(i.OwnerId)).Select(i =>
            {
                var kind = i.DueOn == tomorrow ? NotificationKind.ActionDueTomorrow : NotificationKind.ActionOverdue;
                var facts = new NotificationFacts(DealTitle: i.Title, Customer: i.Customer, ActionText: i.Text, DueOn: i.DueOn,
                    Days: today.DayNumber - i.DueOn.DayNumber);
                return EventNotifications.New(i.OwnerId, kind, i.DealId, null, now, facts,
                    EventNotifications.DedupeKey(kind, i.OwnerId, i.Id.ToString("D"), DealFields.Day(i.DueOn)));
            }),
        ];
    }

    private async Task<List<Notification>> SignalsAsync(HashSet<Guid> active, List<Guid> managers, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = new List<Notification>();
        // Open and on-hold deals, flagged exactly as the board flags them (on hold carries no stall signal).
        foreach (var card in await deals.CardsAsync(new DealFilter(), cancellationToken))
        {
            var since = card.LastAdvanceAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            var facts = new NotificationFacts(DealTitle: card.Title, Customer: card.Customer, Days: card.DaysSinceAdvance, OwnerName: card.Owner.Name);
            Notification Make(NotificationKind kind, Guid personId) =>
                EventNotifications.New(personId, kind, card.Id, null, now, facts, EventNotifications.DedupeKey(kind, personId, card.Id.ToString("D"), since));

            if (card.Signals.FirstOrDefault(s => s.Flag == Flag.Stalled) is { Days: { } days, AllowedDays: { } allowed }
                && days - allowed - 1 <= CatchUpDays)
            {
                if (active.Contains(card.Owner.Id))
                {
                    found.Add(Make(NotificationKind.DealStalled, card.Owner.Id));
                }

                found.AddRange(managers.Where(m => m != card.Owner.Id).Select(m => Make(NotificationKind.TeamStalled, m)));
            }

            if (card.Flags.Contains(Flag.BusyButStuck) && active.Contains(card.Owner.Id))
            {
                found.Add(Make(NotificationKind.DealBusyButStuck, card.Owner.Id));
            }
        }

        return found;
    }

    /// <summary>
    /// Inserts each notification whose dedupe key is not stored yet. Another instance may insert the same key between the
    /// read and the write: the unique index refuses the second, which is then known to be there and skipped.
    /// </summary>
    private async Task<int> InsertAbsentAsync(List<Notification> candidates, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0)
        {
            return 0;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = candidates.Select(c => c.DedupeKey).ToList();
        var stored = (await db.Notifications.AsNoTracking().Where(n => keys.Contains(n.DedupeKey)).Select(n => n.DedupeKey).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var fresh = candidates.Where(c => !stored.Contains(c.DedupeKey)).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        db.Notifications.AddRange(fresh);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return fresh.Count;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }

        // Someone else wrote some of them meanwhile: one at a time, each refusal checked to be that.
        var written = 0;
        foreach (var notification in fresh)
        {
            db.Notifications.Add(notification);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                written++;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                // Already there, written by another instance; anything else (the database gone) is not this scan's to hide.
                if (!await db.Notifications.AsNoTracking().AnyAsync(n => n.DedupeKey == notification.DedupeKey, cancellationToken))
                {
                    throw;
                }
            }

            db.ChangeTracker.Clear();
        }

        return written;
    }

    /// <summary>Deletes notifications that happened before <paramref name="cutoff"/> and their deliveries (idempotent: any instance may run it).</summary>
    private async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var old = db.Notifications.Where(n => n.OccurredAt < cutoff).Select(n => n.Id);
        await db.Deliveries.Where(d => old.Contains(d.NotificationId)).ExecuteDeleteAsync(cancellationToken);
        return await db.Notifications.Where(n => n.OccurredAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
