using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Reviews;
using KeyAccountPipeline.Domain.Signals;
using KeyAccountPipeline.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Data.Reviews;

/// <summary>
/// Reads for the pipeline review: what changed in a window, held reviews and action items. The window's
/// changes cost a fixed handful of queries whatever the number of deals: the board's cards (one row per
/// deal), the checkpoint changes and deal events recorded from the window's start on (through their time
/// indexes), open action items, and for each end of the window what its flags need (the latest advance and
/// the activity count as recorded by then), one query each for all the deals read at that end.
/// </summary>
public sealed class ReviewQueries(IDbContextFactory<PipelineDbContext> contexts, PlaybookStore playbooks, DealQueries deals, OrgCalendar calendar)
{
    public async Task<ReviewRef?> LastReviewAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LastReviewAsync(db, cancellationToken);
    }

    /// <summary>
    /// What changed from the start of <paramref name="since"/> (default: the day of the last review, else a week
    /// ago) to the end of <paramref name="until"/> (default: today), days in the organisation's zone.
    /// </summary>
    /// <remarks>
    /// Checkpoint changes count by <see cref="CheckpointChange.RecordedAt"/>, not by when they happened: a
    /// change entered after the last review but dated before it was not seen there, so it belongs to this one.
    /// The window starts on the last review's day, not the day after, so a change recorded later that day is
    /// not lost; one recorded before the meeting may show twice.
    /// "Advanced" is levels gained (need 0 → 3 is three), as on the insights page; the number of upward changes
    /// is its own field. "Newly stalled" and "newly busy but stuck" hold at the window's end and did not at its
    /// start, each end read from the history as it had been recorded by then (METHOD.md, "Precise readings").
    /// </remarks>
    public async Task<ReviewChanges> ChangesSinceAsync(DateOnly? since, DateOnly? until = null, CancellationToken cancellationToken = default)
    {
        var playbook = await playbooks.CurrentAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var last = await LastReviewAsync(db, cancellationToken);
        // A last review stored with a day outside the range (an older version) must not make the default window fail.
        var window = ReviewWindow.Of(
            since ?? (last is { } held ? DateLimits.Clamp(held.HeldOn) : calendar.Today.AddDays(-ReviewWindow.DefaultDays)), until, calendar);
        var (start, end) = (window.Start, window.End);

        // Everything recorded from the window's start on: the window's own rows, and what reading either end must take back.
        var recorded = await db.StandingCheckpointChanges().AsNoTracking()
            .Where(c => c.RecordedAt >= start)
            .OrderBy(c => c.RecordedAt).ThenBy(c => c.Id)
            .Select(c => new ChangeRow(c.Id, c.DealId, c.Factor, c.FromLevel, c.ToLevel, c.OccurredAt, c.RecordedAt, c.ActorId, c.Note, c.PlaybookVersion))
            .ToListAsync(cancellationToken);
        var recordedEvents = await db.DealEvents.AsNoTracking()
            .Where(e => e.OccurredAt >= start)
            .Where(e => e.Kind == DealEventKind.Created || e.Kind == DealEventKind.Won || e.Kind == DealEventKind.Lost
                || e.Kind == DealEventKind.PutOnHold || e.Kind == DealEventKind.Resumed || e.Kind == DealEventKind.Reopened)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .Select(e => new EventRow(e.DealId, e.Kind, e.OccurredAt))
            .ToListAsync(cancellationToken);
        // A correction back to where the factor stood moves nothing: not a change to review (decision 0030-corrections).
        var changes = recorded.Where(c => c.RecordedAt < end && c.To != c.From).ToList();
        var events = recordedEvents.Where(e => e.At < end).ToList();
        var people = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var actions = (await ActionItemsAsync(db, new ActionItemFilter(), cancellationToken)).ToLookup(a => a.DealId);
        var cards = (await deals.CardsAsync(new DealFilter(AllStatuses: true), cancellationToken)).ToDictionary(c => c.Id);

        var changesByDeal = changes.ToLookup(c => c.DealId);
        var eventsByDeal = events.ToLookup(e => e.DealId, e => e.Kind);
        var history = new RecordedSince(recorded, recordedEvents);
        var endFlags = await FlagsAsRecordedAsync(db, end, calendar.At(window.ReadEndAt(calendar.Now)), cards.Values.ToList(), history, playbook, cancellationToken);
        // Only a deal flagged at the end can be newly flagged: the start is read for those alone.
        var flaggedAtEnd = cards.Values.Where(c => endFlags[c.Id].Contains(Flag.Stalled) || endFlags[c.Id].Contains(Flag.BusyButStuck)).ToList();
        var startFlags = await FlagsAsRecordedAsync(db, start, calendar.At(start), flaggedAtEnd, history, playbook, cancellationToken);
        bool Newly(Guid id, Flag flag) => endFlags[id].Contains(flag) && !startFlags[id].Contains(flag);
        var versions = new Dictionary<int, Playbook>();
        foreach (var version in changes.Select(c => c.PlaybookVersion).Distinct())
        {
            versions[version] = await playbooks.VersionAsync(version, cancellationToken);
        }

        var reviewed = new List<DealReview>();
        var ids = changesByDeal.Select(g => g.Key).Concat(eventsByDeal.Select(g => g.Key)).Concat(startFlags.Keys).Concat(actions.Select(g => g.Key)).Distinct();
        foreach (var id in ids)
        {
            if (!cards.TryGetValue(id, out var card))
            {
                continue;
            }

            var dealChanges = changesByDeal[id].Select(c => View(c, versions[c.PlaybookVersion], people)).ToList();
            var kinds = eventsByDeal[id].ToList();
            var deal = new DealReview(
                ReviewedCard.Of(card),
                dealChanges,
                dealChanges.Where(c => !c.Regression).Sum(c => c.To - c.From),
                dealChanges.Count(c => c.Regression),
                kinds.Contains(DealEventKind.Created),
                card.Status == DealStatus.Won && kinds.Contains(DealEventKind.Won),
                card.Status == DealStatus.Lost && kinds.Contains(DealEventKind.Lost),
                Newly(id, Flag.Stalled),
                Newly(id, Flag.BusyButStuck),
                actions[id].ToList())
            {
                AdvancingChanges = dealChanges.Count(c => !c.Regression),
            };
            if (deal.Changes.Count > 0 || deal.IsNew || deal.Won || deal.Lost || deal.NewlyStalled || deal.NewlyBusyButStuck || deal.OpenActions.Count > 0)
            {
                reviewed.Add(deal);
            }
        }

        var totals = new ReviewTotals(
            reviewed.Sum(d => d.Advanced),
            reviewed.Sum(d => d.Regressions),
            reviewed.Count(d => d.IsNew),
            reviewed.Count(d => d.Won),
            reviewed.Count(d => d.Lost),
            reviewed.Count(d => d.NewlyStalled),
            reviewed.Count(d => d.NewlyBusyButStuck),
            reviewed.Count(d => d.Changes.Count > 0))
        {
            AdvancingChanges = reviewed.Sum(d => d.AdvancingChanges),
        };
        return new ReviewChanges(window.Since, window.Until, start, end, last, totals, ReviewOrder.Sort(reviewed));
    }

    public async Task<ReviewView?> ReviewAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var review = await db.Reviews.AsNoTracking().Include(r => r.Attendees).Include(r => r.Notes).Include(r => r.ActionItems)
            .AsSplitQuery().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return review is null ? null : await ViewOfAsync(db, review, cancellationToken);
    }

    /// <summary>
    /// A review as <see cref="ReviewAsync(Guid, CancellationToken)"/> shows it, from the aggregate with only the names read
    /// from <paramref name="db"/>. Holding a review calls it before the commit, so its answer cannot fail once the review is saved.
    /// </summary>
    internal static async Task<ReviewView> ViewOfAsync(PipelineDbContext db, Review review, CancellationToken cancellationToken)
    {
        var people = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var dealIds = review.Notes.Select(n => n.DealId).Concat(review.ActionItems.Select(a => a.DealId)).Distinct().ToList();
        var deals = await db.Deals.AsNoTracking().Where(d => dealIds.Contains(d.Id))
            .Select(d => new { d.Id, Customer = d.Account!.Name, d.Title }).ToDictionaryAsync(d => d.Id, cancellationToken);
        var actions = review.ActionItems.Select(a => new ActionItemView(
            a.Id, a.DealId, deals[a.DealId].Customer, deals[a.DealId].Title, Person(people, a.OwnerId), a.Text, a.DueOn, review.Id, review.HeldOn,
            a.CreatedAt, a.DoneAt, a.DoneById is { } by ? Person(people, by) : null));
        return new ReviewView(
            review.Id, review.HeldOn, review.Since, Person(people, review.HeldById), review.RecordedAt, review.Note,
            review.Attendees.Select(a => Person(people, a.PersonId)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList(),
            review.Notes.Select(n => new ReviewNoteView(n.DealId, deals[n.DealId].Customer, deals[n.DealId].Title, n.Note))
                .OrderBy(n => n.Customer, StringComparer.Ordinal).ToList(),
            InDueOrder(actions));
    }

    /// <summary>Action items, the earliest due first.</summary>
    public async Task<IReadOnlyList<ActionItemView>> ActionItemsAsync(ActionItemFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ActionItemsAsync(db, filter, cancellationToken);
    }

    public async Task<ActionItemView?> ActionItemAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ActionItemAsync(db, id, cancellationToken);
    }

    internal static async Task<ActionItemView?> ActionItemAsync(PipelineDbContext db, Guid id, CancellationToken cancellationToken) =>
        (await ActionItemsAsync(db, new ActionItemFilter(OpenOnly: false), cancellationToken, id: id)).SingleOrDefault();

    private static Task<ReviewRef?> LastReviewAsync(PipelineDbContext db, CancellationToken cancellationToken) =>
        db.Reviews.AsNoTracking().OrderByDescending(r => r.HeldOn).ThenByDescending(r => r.RecordedAt)
            .Select(r => new ReviewRef(r.Id, r.HeldOn)).FirstOrDefaultAsync(cancellationToken);

    private static async Task<IReadOnlyList<ActionItemView>> ActionItemsAsync(PipelineDbContext db, ActionItemFilter filter,
        CancellationToken cancellationToken, Guid? reviewId = null, Guid? id = null)
    {
        var items = db.ActionItems.AsNoTracking();
        if (filter.OpenOnly)
        {
            items = items.Where(a => a.DoneAt == null);
        }

        if (filter.OwnerId is { } owner)
        {
            items = items.Where(a => a.OwnerId == owner);
        }

        if (filter.DealId is { } deal)
        {
            items = items.Where(a => a.DealId == deal);
        }

        if (reviewId is { } review)
        {
            items = items.Where(a => a.ReviewId == review);
        }

        if (id is { } only)
        {
            items = items.Where(a => a.Id == only);
        }

        // Everyone's names, read after the items as before: the items of several deals name many people.
        var (views, _) = await ActionItemsAsync(db, items,
            _ => db.People.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken), cancellationToken);
        return views;
    }

    /// <summary>
    /// The action items <paramref name="items"/> chooses, each with its deal's customer and title and the day of the review
    /// it came from, the earliest due first. <paramref name="names"/> names the people the items mention (their owners and
    /// who closed them), given their ids after the items are read, so a caller naming others too reads every name in one
    /// query; its answer comes back beside the items.
    /// </summary>
    internal static async Task<(List<ActionItemView> Items, Dictionary<Guid, string> People)> ActionItemsAsync(PipelineDbContext db,
        IQueryable<ActionItem> items, Func<IEnumerable<Guid>, Task<Dictionary<Guid, string>>> names, CancellationToken cancellationToken)
    {
        var rows = await items
            .Join(db.Deals, a => a.DealId, d => d.Id, (a, d) => new { a, Customer = d.Account!.Name, d.Title })
            .Select(x => new
            {
                x.a.Id, x.a.DealId, x.Customer, x.Title, x.a.OwnerId, x.a.Text, x.a.DueOn, x.a.ReviewId,
                ReviewHeldOn = db.Reviews.Where(r => r.Id == x.a.ReviewId).Select(r => (DateOnly?)r.HeldOn).FirstOrDefault(),
                x.a.CreatedAt, x.a.DoneAt, x.a.DoneById,
            })
            .ToListAsync(cancellationToken);
        var people = await names(rows.Select(r => r.OwnerId).Concat(rows.Where(r => r.DoneById != null).Select(r => r.DoneById!.Value)));
        var views = InDueOrder(rows
            .Select(r => new ActionItemView(r.Id, r.DealId, r.Customer, r.Title, Person(people, r.OwnerId), r.Text, r.DueOn, r.ReviewId, r.ReviewHeldOn,
                r.CreatedAt, r.DoneAt, r.DoneById is { } by ? Person(people, by) : null)));
        return (views, people);
    }

    private static List<ActionItemView> InDueOrder(IEnumerable<ActionItemView> items) =>
        items.OrderBy(a => a.DueOn).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id).ToList();

    /// <summary>
    /// The flags each of <paramref name="deals"/> carried at a past moment, read by the same rules as the board
    /// (<see cref="DealSignals"/>) from its history as it had been recorded before <paramref name="recordedBefore"/>: the current
    /// levels and status with what was recorded since taken back, the latest advance recorded by then, and the activities recorded
    /// by then inside the busy window ending at <paramref name="then"/>'s today. A deal created later has no flags.
    /// Two queries for all the deals, plus one when an advance was recorded since.
    /// </summary>
    /// <param name="then">The calendar stopped at the moment read: its today is the day the signals count to.</param>
    private static async Task<Dictionary<Guid, IReadOnlyList<Flag>>> FlagsAsRecordedAsync(
        PipelineDbContext db, DateTimeOffset recordedBefore, OrgCalendar then, IReadOnlyList<DealCard> deals, RecordedSince history,
        Playbook playbook, CancellationToken cancellationToken)
    {
        if (deals.Count == 0)
        {
            return [];
        }

        var ids = deals.Select(c => c.Id).ToList();
        var changesSince = history.Changes.Where(c => c.RecordedAt >= recordedBefore).ToLookup(c => c.DealId);
        var eventsSince = history.Events.Where(e => e.At >= recordedBefore).ToLookup(e => e.DealId, e => e.Kind);
        var busySince = then.WindowStart(playbook.Signals.BusyWindowDays);
        // The latest advance recorded by then: the deal's cached one, unless an advance was recorded since; then the history's.
        var upwardNow = await db.Deals.AsNoTracking().Where(d => ids.Contains(d.Id))
            .Select(d => new { d.Id, d.LastUpwardAt }).ToDictionaryAsync(d => d.Id, d => d.LastUpwardAt, cancellationToken);
        var advancedSince = ids.Where(id => changesSince[id].Any(c => c.To > c.From)).ToHashSet();
        var upwardThen = advancedSince.Count == 0 ? [] : await db.StandingCheckpointChanges().AsNoTracking()
            .Where(c => advancedSince.Contains(c.DealId) && c.ToLevel > c.FromLevel && c.RecordedAt < recordedBefore)
            .GroupBy(c => c.DealId)
            .Select(g => new { g.Key, At = g.Max(c => c.OccurredAt) })
            .ToDictionaryAsync(g => g.Key, g => (DateTimeOffset?)g.At, cancellationToken);
        var activities = await db.Activities.AsNoTracking()
            .Where(a => ids.Contains(a.DealId) && a.OccurredAt >= busySince && a.RecordedAt < recordedBefore)
            .GroupBy(a => a.DealId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        var result = new Dictionary<Guid, IReadOnlyList<Flag>>();
        foreach (var card in deals)
        {
            var status = WindowStart.StatusBefore(card.Status, eventsSince[card.Id]);
            var levels = WindowStart.LevelsBefore(card.Levels, changesSince[card.Id].Select(c => (c.Factor, c.From)));
            var upward = advancedSince.Contains(card.Id) ? upwardThen.GetValueOrDefault(card.Id) : upwardNow.GetValueOrDefault(card.Id);
            result[card.Id] = WindowStart.FlagsAt(
                status, card.StartedOn, levels, upward is { } at ? DateLimits.Clamp(at) : null, activities.GetValueOrDefault(card.Id), playbook, then);
        }

        return result;
    }

    private static ReviewChange View(ChangeRow c, Playbook playbook, Dictionary<Guid, string> people)
    {
        var ladder = playbook.Factor(c.Factor).Levels;
        Localized Text(int level) => level < ladder.Count ? ladder[level] : Localized.Empty;
        return new ReviewChange(c.Id, c.Factor, c.From, c.To, c.To < c.From, Text(c.From), Text(c.To), c.OccurredAt, c.RecordedAt,
            Person(people, c.ActorId), c.Note);
    }

    private static PersonRef Person(Dictionary<Guid, string> people, Guid id) => new(id, people.GetValueOrDefault(id, string.Empty));

    private sealed record EventRow(Guid DealId, DealEventKind Kind, DateTimeOffset At);

    /// <summary>The checkpoint changes and status events recorded from the window's start on, oldest first.</summary>
    private sealed record RecordedSince(IReadOnlyList<ChangeRow> Changes, IReadOnlyList<EventRow> Events);

    private sealed record ChangeRow(
        Guid Id, Guid DealId, Factor Factor, int From, int To, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, Guid ActorId, string Note, int PlaybookVersion);
}
