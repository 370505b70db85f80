using System.Data.Common;
using System.Runtime.CompilerServices;
using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KeyAccountPipeline.Data.Notifications;

/// <summary>
/// Records the notifications people's changes cause (issue 17 §1), in the same SaveChanges, so in the same transaction, as
/// the change: whatever wrote it (API, pages, import, review, corrections), the history rows it adds are what this reads.
/// <list type="bullet">
/// <item>An added <see cref="DealEvent"/>: <c>OwnerChanged</c> → <see cref="NotificationKind.DealAssigned"/> for the new owner and
/// <see cref="NotificationKind.DealTakenAway"/> for the old; <c>Created</c> for someone else → DealAssigned; <c>Won</c>/<c>Lost</c> →
/// <see cref="NotificationKind.DealClosed"/>; <c>Reopened</c> → <see cref="NotificationKind.DealReopened"/>; <c>CoachingNote</c> →
/// <see cref="NotificationKind.CoachingNote"/>, each for the deal's owner.</item>
/// <item>An added <see cref="CheckpointChange"/> that lowers a level and corrects nothing: <see cref="NotificationKind.DealRegressed"/>
/// for the owner and <see cref="NotificationKind.TeamRegression"/> for every active manager (managers manage the whole pipeline).</item>
/// <item>An added <see cref="ActionItem"/>: <see cref="NotificationKind.ActionAssigned"/> for its owner.</item>
/// </list>
/// Nobody is told of their own action, and a disabled person is told nothing. An import (an added <c>Imported</c> event on the
/// deal in the same save) tells owners of reassignments and regressions of their existing deals, but a deal it creates is not
/// "assigned", and managers get no team message per row (decision 0035-notifications-events). Each row's dedupe key is "{kind}:{source row id}:{personId}".
/// After the commit (the SaveChanges' own, or the surrounding transaction's) every person with a new notification, whoever
/// added it, hears <see cref="PipelineChange.Inbox"/>, so their bell re-reads.
/// </summary>
/// <param name="services">Where the playbook store and the change announcer are found when first needed: they depend on the
/// context factory that this interceptor is part of, so they cannot be constructor dependencies.</param>
public sealed class NotificationRecorder(IServiceProvider services) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    // The people to tell once the change is committed, per context (a context is used by one flow at a time).
    private readonly ConditionalWeakTable<DbContext, HashSet<Guid>> _pending = new();

    private static readonly DealEventKind[] EventKinds =
        [DealEventKind.Created, DealEventKind.OwnerChanged, DealEventKind.Won, DealEventKind.Lost, DealEventKind.Reopened, DealEventKind.CoachingNote];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PipelineDbContext db)
        {
            await RecordAsync(db, cancellationToken);
        }

        return result;
    }

    // Nothing in the app saves synchronously; a synchronous save still records, on the same reads.
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is PipelineDbContext db)
        {
            RecordAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null)
        {
            await AnnounceAsync(db);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null)
        {
            AnnounceAsync(db).GetAwaiter().GetResult();
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db)
        {
            AnnounceAsync(db).GetAwaiter().GetResult();
        }
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db)
        {
            await AnnounceAsync(db);
        }
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }

    private async Task AnnounceAsync(DbContext db)
    {
        if (!_pending.TryGetValue(db, out var people))
        {
            return;
        }

        _pending.Remove(db);
        var changes = services.GetService(typeof(PipelineChanges)) as PipelineChanges;
        foreach (var person in people)
        {
            // Never throws: the change is committed either way, and the bell reads again on its next page.
            await (changes?.PublishAsync(PipelineChange.Inbox(person), CancellationToken.None) ?? Task.CompletedTask);
        }
    }

    private async Task RecordAsync(PipelineDbContext db, CancellationToken cancellationToken)
    {
        // The interceptor runs before SaveChanges looks for changes itself: history rows added through a deal's collections
        // are found only now.
        db.ChangeTracker.DetectChanges();
        var added = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        var events = added.OfType<DealEvent>().Where(e => EventKinds.Contains(e.Kind)).ToList();
        var regressions = added.OfType<CheckpointChange>().Where(c => c.IsRegression && c.CorrectsChangeId is null).ToList();
        var items = added.OfType<ActionItem>().ToList();
        // Every notification this save writes, whoever added it (a digest, the scan, "confirm your email"), rings its person's bell.
        var notifications = added.OfType<Notification>().ToList();
        if (events.Count > 0 || regressions.Count > 0 || items.Count > 0)
        {
            var imported = added.OfType<DealEvent>().Where(e => e.Kind == DealEventKind.Imported).Select(e => e.DealId).ToHashSet();
            var context = await EventContext.ReadAsync(db, events, regressions, items, imported, cancellationToken);
            var playbooks = (PlaybookStore)services.GetService(typeof(PlaybookStore))!;
            var names = new Dictionary<int, Playbook>();
            foreach (var version in regressions.Select(c => c.PlaybookVersion).Distinct())
            {
                names[version] = await playbooks.VersionAsync(version, cancellationToken);
            }

            var written = new HashSet<string>(notifications.Select(n => n.DedupeKey), StringComparer.Ordinal);
            foreach (var notification in context.FromEvents(events)
                         .Concat(context.FromRegressions(regressions, names))
                         .Concat(context.FromActionItems(items)))
            {
                // A retried SaveChanges on the same context finds its notifications already added.
                if (written.Add(notification.DedupeKey))
                {
                    db.Notifications.Add(notification);
                    notifications.Add(notification);
                }
            }
        }

        if (notifications.Count > 0)
        {
            _pending.GetOrCreateValue(db).UnionWith(notifications.Select(n => n.PersonId));
        }
    }

    /// <summary>What the notifications of one save are about: its deals (as this save leaves them), customers and people.</summary>
    private sealed class EventContext
    {
        private readonly Dictionary<Guid, (string Title, Guid OwnerId, Guid AccountId)> _deals = [];
        private readonly Dictionary<Guid, string> _customers = [];
        private readonly Dictionary<Guid, (string Name, bool Active)> _people = [];
        private List<Guid> _managers = [];
        private HashSet<Guid> _imported = [];

        public static async Task<EventContext> ReadAsync(PipelineDbContext db, List<DealEvent> events, List<CheckpointChange> regressions,
            List<ActionItem> items, HashSet<Guid> imported, CancellationToken cancellationToken)
        {
            var context = new EventContext { _imported = imported };
            var dealIds = events.Select(e => e.DealId).Concat(regressions.Select(c => c.DealId)).Concat(items.Select(i => i.DealId)).ToHashSet();
            // A deal this save changes is tracked: its owner and title as the save leaves them.
            foreach (var deal in db.ChangeTracker.Entries<Deal>().Select(e => e.Entity).Where(d => dealIds.Contains(d.Id)))
            {
                context._deals[deal.Id] = (deal.Title, deal.OwnerId, deal.AccountId);
            }

            var unread = dealIds.Where(id => !context._deals.ContainsKey(id)).ToList();
            if (unread.Count > 0)
            {
                foreach (var deal in await db.Deals.AsNoTracking().Where(d => unread.Contains(d.Id))
                             .Select(d => new { d.Id, d.Title, d.OwnerId, d.AccountId }).ToListAsync(cancellationToken))
                {
                    context._deals[deal.Id] = (deal.Title, deal.OwnerId, deal.AccountId);
                }
            }

            var accountIds = context._deals.Values.Select(d => d.AccountId).ToHashSet();
            foreach (var account in db.ChangeTracker.Entries<Account>().Select(e => e.Entity).Where(a => accountIds.Contains(a.Id)))
            {
                context._customers[account.Id] = account.Name;
            }

            var unnamed = accountIds.Where(id => !context._customers.ContainsKey(id)).ToList();
            if (unnamed.Count > 0)
            {
                foreach (var account in await db.Accounts.AsNoTracking().Where(a => unnamed.Contains(a.Id))
                             .Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken))
                {
                    context._customers[account.Id] = account.Name;
                }
            }

            var personIds = events.Select(e => e.ActorId)
                .Concat(events.SelectMany(e => e.Changes).Where(c => c.Field == DealFields.OwnerId).SelectMany(c => new[] { Id(c.Old), Id(c.New) }))
                .Concat(regressions.Select(c => c.ActorId))
                .Concat(items.SelectMany(i => new[] { i.OwnerId, i.CreatedById }))
                .Concat(context._deals.Values.Select(d => d.OwnerId))
                .Where(id => id != Guid.Empty)
                .ToHashSet();
            foreach (var person in await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
                         .Select(p => new { p.Id, p.Name, p.Active }).ToListAsync(cancellationToken))
            {
                context._people[person.Id] = (person.Name, person.Active);
            }

            if (regressions.Any(c => !imported.Contains(c.DealId)))
            {
                var managers = await db.People.AsNoTracking().Where(p => p.Active && p.Role == Role.Manager)
                    .Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken);
                context._managers = [.. managers.Select(m => m.Id)];
                foreach (var manager in managers)
                {
                    context._people[manager.Id] = (manager.Name, true);
                }
            }

            return context;
        }

        public IEnumerable<Notification> FromEvents(IEnumerable<DealEvent> events)
        {
            foreach (var e in events)
            {
                if (!_deals.TryGetValue(e.DealId, out var deal))
                {
                    continue;
                }

                var facts = Facts(e.DealId, e.ActorId);
                switch (e.Kind)
                {
                    case DealEventKind.Created when !_imported.Contains(e.DealId):
                        if (Notify(NotificationKind.DealAssigned, deal.OwnerId, e.ActorId, e.Id, e.DealId, e.OccurredAt, facts) is { } created)
                        {
                            yield return created;
                        }

                        break;
                    case DealEventKind.OwnerChanged:
                        var change = e.Changes.FirstOrDefault(c => c.Field == DealFields.OwnerId);
                        var (from, to) = (Id(change?.Old), Id(change?.New));
                        if (Notify(NotificationKind.DealAssigned, to, e.ActorId, e.Id, e.DealId, e.OccurredAt, facts with { OwnerName = Name(from) }) is { } assigned)
                        {
                            yield return assigned;
                        }

                        if (Notify(NotificationKind.DealTakenAway, from, e.ActorId, e.Id, e.DealId, e.OccurredAt, facts with { OwnerName = Name(to) }) is { } taken)
                        {
                            yield return taken;
                        }

                        break;
                    case DealEventKind.Won or DealEventKind.Lost:
                        var outcome = e.Kind == DealEventKind.Won ? CloseOutcome.Won : CloseOutcome.Lost;
                        if (Notify(NotificationKind.DealClosed, deal.OwnerId, e.ActorId, e.Id, e.DealId, e.OccurredAt,
                                facts with { Outcome = DealFields.Choice(outcome), Note = e.Note }) is { } closed)
                        {
                            yield return closed;
                        }

                        break;
                    case DealEventKind.Reopened:
                        if (Notify(NotificationKind.DealReopened, deal.OwnerId, e.ActorId, e.Id, e.DealId, e.OccurredAt, facts with { Note = e.Note }) is { } reopened)
                        {
                            yield return reopened;
                        }

                        break;
                    case DealEventKind.CoachingNote:
                        if (Notify(NotificationKind.CoachingNote, deal.OwnerId, e.ActorId, e.Id, e.DealId, e.OccurredAt, facts with { Note = e.Note }) is { } note)
                        {
                            yield return note;
                        }

                        break;
                }
            }
        }

        public IEnumerable<Notification> FromRegressions(IEnumerable<CheckpointChange> regressions, Dictionary<int, Playbook> playbooks)
        {
            foreach (var c in regressions)
            {
                if (!_deals.TryGetValue(c.DealId, out var deal))
                {
                    continue;
                }

                var facts = Facts(c.DealId, c.ActorId) with
                {
                    Factor = c.Factor.Key(),
                    FactorName = playbooks[c.PlaybookVersion].Factors.FirstOrDefault(f => f.Key == c.Factor)?.Name,
                    FromLevel = c.FromLevel,
                    ToLevel = c.ToLevel,
                    Note = c.Note,
                    OwnerName = Name(deal.OwnerId),
                };
                if (Notify(NotificationKind.DealRegressed, deal.OwnerId, c.ActorId, c.Id, c.DealId, c.RecordedAt, facts) is { } own)
                {
                    yield return own;
                }

                // An import restates the team's own workbook: its regressions reach the owners, not every manager row by row.
                if (_imported.Contains(c.DealId))
                {
                    continue;
                }

                // A manager who owns the deal has just been told as its owner.
                foreach (var manager in _managers.Where(m => m != deal.OwnerId))
                {
                    if (Notify(NotificationKind.TeamRegression, manager, c.ActorId, c.Id, c.DealId, c.RecordedAt, facts) is { } team)
                    {
                        yield return team;
                    }
                }
            }
        }

        public IEnumerable<Notification> FromActionItems(IEnumerable<ActionItem> items)
        {
            foreach (var item in items)
            {
                var facts = Facts(item.DealId, item.CreatedById) with { ActionText = item.Text, DueOn = item.DueOn };
                if (Notify(NotificationKind.ActionAssigned, item.OwnerId, item.CreatedById, item.Id, item.DealId, item.CreatedAt, facts) is { } assigned)
                {
                    yield return assigned;
                }
            }
        }

        private Notification? Notify(NotificationKind kind, Guid personId, Guid actorId, Guid sourceId, Guid dealId, DateTimeOffset at, NotificationFacts facts) =>
            personId == Guid.Empty || personId == actorId || !_people.TryGetValue(personId, out var person) || !person.Active
                ? null
                : EventNotifications.New(personId, kind, dealId, actorId, at, facts,
                    EventNotifications.DedupeKey(kind, personId, sourceId.ToString("D")));

        private NotificationFacts Facts(Guid dealId, Guid actorId)
        {
            var deal = _deals.GetValueOrDefault(dealId);
            return new NotificationFacts(DealTitle: deal.Title, Customer: _customers.GetValueOrDefault(deal.AccountId), ActorName: Name(actorId));
        }

        private string? Name(Guid id) => _people.TryGetValue(id, out var person) ? person.Name : null;

        private static Guid Id(string? text) => Guid.TryParse(text, out var id) ? id : Guid.Empty;
    }
}
