using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Data.Reviews;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Signals;
using KeyAccountPipeline.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Data.Deals;

/// <summary>
/// Reads for the board and the deal page. Cards come from one SQL query that returns one row per
/// deal (levels and signal inputs are cached on the deal; recent activities are a counted
/// subquery), so the cost grows with the number of cards, not with the size of the history.
/// </summary>
public sealed class DealQueries(IDbContextFactory<PipelineDbContext> contexts, PlaybookStore playbooks, OrgCalendar calendar)
{
    public const string Currency = "CNY";

    public async Task<IReadOnlyList<DealCard>> CardsAsync(DealFilter filter, CancellationToken cancellationToken = default)
    {
        var playbook = await playbooks.CurrentAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deals = db.Deals.AsNoTracking();
        if (!filter.AllStatuses)
        {
            deals = filter.Status is { } status
                ? deals.Where(d => d.Status == status)
                : deals.Where(d => d.Status == DealStatus.Open || d.Status == DealStatus.OnHold);
        }

        if (filter.OwnerId is { } ownerId)
        {
            deals = deals.Where(d => d.OwnerId == ownerId);
        }

        // Text is compared by its folded key (TextKey), stored beside it: the same answer on every provider.
        if (TextKey.Fold(filter.Industry) is { Length: > 0 } industry)
        {
            deals = deals.Where(d => d.Account!.IndustryKey == industry);
        }

        if (filter.ServiceLine is { } line)
        {
            deals = deals.Where(d => d.ServiceLine == line);
        }

        // A substring of the customer, the title or the owner's name. Contains is a plain substring test on both
        // providers (instr / strpos), so % and _ in the query are ordinary characters.
        if (TextKey.Fold(filter.Query) is { Length: > 0 } query)
        {
            deals = deals.Where(d => d.Account!.NameKey.Contains(query) || d.TitleKey.Contains(query) || d.Owner!.NameKey.Contains(query));
        }

        // Each card is evaluated as its row arrives, while the database is still producing the
        // next rows (counting their recent activities), rather than after the last one.
        var evaluated = new List<DealCard>();
        await foreach (var row in Project(deals, playbook).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            evaluated.Add(ToCard(row, playbook));
        }

        var cards = evaluated
            .Where(c => filter.Stage is null || c.Stage.Key == filter.Stage)
            .Where(c => filter.Flag is null || c.Flags.Contains(filter.Flag.Value))
            .Where(c => filter.Weakest is null || c.Weakest == filter.Weakest)
            .OrderByDescending(c => c.AnnualValue)
            .ThenBy(c => c.Customer, StringComparer.Ordinal)
            .ToList();
        return cards;
    }

    public async Task<DealCard?> CardAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var playbook = await playbooks.CurrentAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await Project(db.Deals.AsNoTracking().Where(d => d.Id == id), playbook).SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : ToCard(row, playbook);
    }

    /// <summary>
    /// The card of a deal as a write leaves it, built from the tracked aggregate in <paramref name="db"/> before
    /// SaveChanges: the answer to a write is what that write produced (its own version, not a later writer's), and
    /// nothing read after the commit can turn a saved change into an error. Reads the account and owner only when
    /// they are not tracked already (a new owner), and the deal's recent activities not yet saved are counted from memory.
    /// </summary>
    internal async Task<DealCard> CardOfAsync(PipelineDbContext db, Deal deal, Playbook playbook, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.FindAsync([deal.AccountId], cancellationToken)
            ?? throw new InvalidOperationException($"Deal {deal.Id} has no account {deal.AccountId}.");
        var owner = await db.People.FindAsync([deal.OwnerId], cancellationToken)
            ?? throw new InvalidOperationException($"Deal {deal.Id} has no owner {deal.OwnerId}.");
        var busySince = calendar.WindowStart(playbook.Signals.BusyWindowDays);
        var unsaved = deal.Activities.Where(a => a.OccurredAt >= busySince).Select(a => a.Id).ToList();
        var saved = await db.Activities.CountAsync(a => a.DealId == deal.Id && a.OccurredAt >= busySince && !unsaved.Contains(a.Id), cancellationToken);
        var regression = deal.LastRegression;
        var row = new CardRow
        {
            Id = deal.Id,
            AccountId = deal.AccountId,
            Customer = account.Name,
            Industry = account.Industry,
            Title = deal.Title,
            ServiceLine = deal.ServiceLine,
            OwnerId = deal.OwnerId,
            OwnerName = owner.Name,
            AnnualValueFen = deal.AnnualValueFen,
            Status = deal.Status,
            Levels = deal.Levels,
            StartedOn = deal.StartedOn,
            TargetCloseDate = deal.TargetCloseDate,
            LastUpwardAt = deal.LastUpwardAt,
            RegressionFactor = regression?.Factor,
            RegressionFrom = regression?.From,
            RegressionTo = regression?.To,
            RegressionOccurredAt = regression?.OccurredAt,
            RegressionRecordedAt = regression?.RecordedAt,
            RecentActivities = saved + unsaved.Count,
            Version = deal.Version,
        };
        return ToCard(row, playbook);
    }

    /// <summary>
    /// Stage columns in order, then won and lost. Inside a column, regressed and stalled deals come
    /// first (they need a manager's attention), then by annual value.
    /// </summary>
    public async Task<Board> BoardAsync(DealFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var playbook = await playbooks.CurrentAsync(cancellationToken);
        var cards = await CardsAsync((filter ?? new DealFilter()) with { Status = null, AllStatuses = true }, cancellationToken);
        return Board.Of(cards, playbook);
    }

    /// <summary>The deal as the API's detail shows it: its card, region, stakeholders and what the next stage still needs; null when there is none.</summary>
    public async Task<DealDetail?> DetailAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var playbook = await playbooks.CurrentAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await DetailAsync(db, id, playbook, cancellationToken);
    }

    /// <summary>
    /// Everything the deal page shows, from one context in a fixed number of queries (the card, its region, stakeholders,
    /// checkpoint changes, activities, events, open action items and the names of the people they mention), so one read
    /// serves one render. Null when there is no such deal.
    /// </summary>
    /// <param name="actionItemOwner">Whose open action items to include: null for everyone's (for those who read review
    /// records), a person's id for only theirs (a rep sees only their own, <see cref="Domain.People.Actor.MayReadReviews"/>).</param>
    public async Task<DealPageView?> DealPageAsync(Guid id, Guid? actionItemOwner, CancellationToken cancellationToken = default)
    {
        var playbook = await playbooks.CurrentAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The stamp first: a change committed while the rest is read shows on the page and makes the next stamp differ,
        // so the page reads once more rather than missing it.
        if (await StampAsync(db, id, cancellationToken) is not { } stamp || await DetailAsync(db, id, playbook, cancellationToken) is not { } detail)
        {
            return null;
        }

        var rows = await RecordsAsync(db, id, cancellationToken);
        var (actionItems, people) = await ReviewQueries.ActionItemsAsync(db,
            db.ActionItems.AsNoTracking().Where(a => a.DealId == id && a.DoneAt == null && (actionItemOwner == null || a.OwnerId == actionItemOwner)),
            owners => NamesAsync(db, rows.Mentioned.Concat(owners), cancellationToken), cancellationToken);
        var checkpoints = await ViewsAsync(rows.History, people, cancellationToken);
        return new DealPageView(detail, checkpoints, Timeline(checkpoints, rows.Activities, rows.Events, people), actionItems, stamp);
    }

    /// <summary>
    /// One small query that tells whether a deal page read earlier is still current (<see cref="DealStamp"/>); null when
    /// there is no such deal.
    /// </summary>
    public async Task<DealStamp?> StampAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await StampAsync(db, id, cancellationToken);
    }

    private static async Task<DealStamp?> StampAsync(PipelineDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var stamps = await db.Deals.AsNoTracking().Where(d => d.Id == id)
            .Select(d => new DealStamp(
                d.Version,
                d.Events.Count(),
                d.Activities.Count(),
                db.ActionItems.Count(a => a.DealId == id),
                db.ActionItems.Count(a => a.DealId == id && a.DoneAt != null)))
            .ToListAsync(cancellationToken);
        return stamps.Count == 0 ? null : stamps[0];
    }

    /// <summary>Checkpoint changes, oldest first.</summary>
    public async Task<IReadOnlyList<CheckpointView>?> HistoryAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Deals.AnyAsync(d => d.Id == id, cancellationToken))
        {
            return null;
        }

        var rows = await HistoryRowsAsync(db, id, cancellationToken);
        return await ViewsAsync(rows, await NamesAsync(db, rows.Select(c => c.ActorId), cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Checkpoint changes, activities and deal events together, newest first. People are named (who did it, and an owner
    /// change's old and new owner); a recorded field reads under its <see cref="DealFields"/> name in the card's units.
    /// </summary>
    public async Task<IReadOnlyList<TimelineEntry>?> TimelineAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Deals.AnyAsync(d => d.Id == id, cancellationToken))
        {
            return null;
        }

        var rows = await RecordsAsync(db, id, cancellationToken);
        var people = await NamesAsync(db, rows.Mentioned, cancellationToken);
        return Timeline(await ViewsAsync(rows.History, people, cancellationToken), rows.Activities, rows.Events, people);
    }

    /// <summary>What a deal's timeline is made of, read in three queries: its checkpoint changes, activities and events.</summary>
    private static async Task<DealRecords> RecordsAsync(PipelineDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var history = await HistoryRowsAsync(db, id, cancellationToken);
        var activities = await db.Activities.AsNoTracking().Where(a => a.DealId == id).ToListAsync(cancellationToken);
        var events = await db.DealEvents.AsNoTracking().Where(e => e.DealId == id).ToListAsync(cancellationToken);
        return new DealRecords(history, activities, events);
    }

    private async Task<DealDetail?> DetailAsync(PipelineDbContext db, Guid id, Playbook playbook, CancellationToken cancellationToken)
    {
        var row = await Project(db.Deals.AsNoTracking().Where(d => d.Id == id), playbook).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var card = ToCard(row, playbook);
        var region = await db.Accounts.Where(a => a.Id == card.AccountId).Select(a => a.Region).SingleAsync(cancellationToken);
        var stakeholders = await db.Stakeholders.AsNoTracking()
            .Where(s => s.DealId == id)
            .OrderBy(s => s.Role).ThenBy(s => s.Name)
            .Select(s => new StakeholderView(s.Id, s.Name, s.Title, s.Department, s.Role, s.Goal, s.VetoStatus))
            .ToListAsync(cancellationToken);
        var missing = (card.NextStage?.Missing ?? []).Select(m =>
        {
            var ladder = playbook.Factor(m.Factor);
            var steps = Enumerable.Range(m.Current + 1, m.Required - m.Current).Select(level => ladder.Levels[level].Numbered(level)).ToList();
            return new MissingCheckpoint(m.Factor, ladder.Name, m.Current, m.Required, steps, ladder.Question);
        }).ToList();
        return new DealDetail(card, region, stakeholders, missing);
    }

    private static Task<List<CheckpointChange>> HistoryRowsAsync(PipelineDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.CheckpointChanges.AsNoTracking().Where(c => c.DealId == id)
            .OrderBy(c => c.OccurredAt).ThenBy(c => c.RecordedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);

    private async Task<List<CheckpointView>> ViewsAsync(List<CheckpointChange> rows, Dictionary<Guid, string> people, CancellationToken cancellationToken)
    {
        // Each change reads in the ladder's words of the version it was recorded under, not today's.
        var versions = new Dictionary<int, Playbook>();
        foreach (var version in rows.Select(c => c.PlaybookVersion).Distinct())
        {
            versions[version] = await playbooks.VersionAsync(version, cancellationToken);
        }

        // A corrected change carries its correction, so a reader can strike it through (decision 0030-corrections).
        var corrections = rows.Where(c => c.CorrectsChangeId is not null).ToDictionary(c => c.CorrectsChangeId!.Value);
        return rows.Select(c => ToView(c, versions[c.PlaybookVersion], people, corrections.GetValueOrDefault(c.Id))).ToList();
    }

    private static List<TimelineEntry> Timeline(IEnumerable<CheckpointView> history, IEnumerable<Activity> activities, IEnumerable<DealEvent> events,
        Dictionary<Guid, string> people) =>
        history.Select(c => new TimelineEntry("checkpoint", c.Id, c.OccurredAt, c.By, c, null, null))
            .Concat(activities.Select(a => new TimelineEntry("activity", a.Id, a.OccurredAt, Person(people, a.ActorId), null,
                new ActivityView(a.Kind, a.Summary, a.RecordedAt), null)))
            .Concat(events.Select(e => new TimelineEntry("event", e.Id, e.OccurredAt, Person(people, e.ActorId), null, null,
                new EventView(e.Kind, e.Note, e.Reason, e.Changes.Select(c => Readable(c, people)).ToList()))))
            .OrderByDescending(e => e.At)
            .ThenByDescending(e => e.Id)
            .ToList();

    /// <summary>
    /// A recorded field change as the timeline shows it: an owner change names both people (<see cref="DealFields.Owner"/>;
    /// an unknown id stays as it is), and a value recorded in fen by older versions (<see cref="DealFields.LegacyAnnualValueFen"/>)
    /// reads as <see cref="DealFields.AnnualValue"/> in yuan. Old rows are read this way rather than rewritten.
    /// </summary>
    private static FieldChange Readable(FieldChange change, Dictionary<Guid, string> people)
    {
        string? Name(string? id) => Guid.TryParse(id, out var person) && people.TryGetValue(person, out var name) ? name : id;
        static string? Yuan(string? fen) => long.TryParse(fen, System.Globalization.CultureInfo.InvariantCulture, out var value) ? DealFields.Yuan(value) : fen;
        return change.Field switch
        {
            DealFields.OwnerId => new FieldChange(DealFields.Owner, Name(change.Old), Name(change.New)),
            DealFields.LegacyAnnualValueFen => new FieldChange(DealFields.AnnualValue, Yuan(change.Old), Yuan(change.New)),
            _ => change,
        };
    }

    /// <summary>A deal's checkpoint changes, activities and events, as <see cref="RecordsAsync"/> reads them.</summary>
    private sealed record DealRecords(List<CheckpointChange> History, List<Activity> Activities, List<DealEvent> Events)
    {
        /// <summary>Every person a deal's history names: who recorded each row, and both sides of an owner change.</summary>
        public IEnumerable<Guid> Mentioned =>
            History.Select(c => c.ActorId)
                .Concat(Activities.Select(a => a.ActorId))
                .Concat(Events.Select(e => e.ActorId))
                .Concat(Events.SelectMany(e => e.Changes)
                    .Where(c => c.Field == DealFields.OwnerId)
                    .SelectMany(c => new[] { c.Old, c.New })
                    .Select(id => Guid.TryParse(id, out var person) ? person : Guid.Empty)
                    .Where(person => person != Guid.Empty));
    }

    private static CheckpointView ToView(CheckpointChange c, Playbook playbook, Dictionary<Guid, string> people, CheckpointChange? correction)
    {
        var ladder = playbook.Factor(c.Factor).Levels;
        var text = c.ToLevel < ladder.Count ? ladder[c.ToLevel] : Localized.Empty;
        return new CheckpointView(c.Id, c.Factor, c.FromLevel, c.ToLevel, c.IsRegression && correction is null, text, c.OccurredAt, c.RecordedAt,
            Person(people, c.ActorId), c.Note, c.EvidenceKind is { } kind ? new EvidenceView(kind, c.EvidenceDetail) : null, c.PlaybookVersion)
        {
            Corrects = c.CorrectsChangeId,
            CorrectedBy = correction is null ? null : new CorrectionMark(correction.Id, Person(people, correction.ActorId), correction.RecordedAt, correction.ToLevel),
        };
    }

    private static PersonRef Person(Dictionary<Guid, string> people, Guid id) =>
        new(id, people.GetValueOrDefault(id, string.Empty));

    /// <summary>The names of just these people (a deal's history names a handful), not of everyone.</summary>
    private static async Task<Dictionary<Guid, string>> NamesAsync(PipelineDbContext db, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return wanted.Count == 0
            ? []
            : await db.People.AsNoTracking().Where(p => wanted.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
    }

    private IQueryable<CardRow> Project(IQueryable<Deal> deals, Playbook playbook)
    {
        var busySince = calendar.WindowStart(playbook.Signals.BusyWindowDays);
        return deals.Select(d => new CardRow
        {
            Id = d.Id,
            AccountId = d.AccountId,
            Customer = d.Account!.Name,
            Industry = d.Account.Industry,
            Title = d.Title,
            ServiceLine = d.ServiceLine,
            OwnerId = d.OwnerId,
            OwnerName = d.Owner!.Name,
            AnnualValueFen = d.AnnualValueFen,
            Status = d.Status,
            Levels = new Levels(d.Need.Level, d.Power.Level, d.Goal.Level, d.Value.Level, d.Collaboration.Level),
            StartedOn = d.StartedOn,
            TargetCloseDate = d.TargetCloseDate,
            LastUpwardAt = d.LastUpwardAt,
            RegressionFactor = d.LastRegression == null ? null : d.LastRegression.Factor,
            RegressionFrom = d.LastRegression == null ? null : d.LastRegression.From,
            RegressionTo = d.LastRegression == null ? null : d.LastRegression.To,
            RegressionOccurredAt = d.LastRegression == null ? null : d.LastRegression.OccurredAt,
            RegressionRecordedAt = d.LastRegression == null ? null : d.LastRegression.RecordedAt,
            RecentActivities = d.Activities.Count(a => a.OccurredAt >= busySince),
            Version = d.Version,
        });
    }

    private DealCard ToCard(CardRow stored, Playbook playbook)
    {
        // A stored date outside the range must never fail the board for everyone: read it clamped, and say so on the card.
        var (row, warnings) = Clamped(stored);
        var levels = row.Levels;
        var standing = playbook.Evaluate(levels);
        RegressionMark? regression = row.RegressionFactor is { } factor
            ? new RegressionMark(factor, row.RegressionFrom!.Value, row.RegressionTo!.Value, row.RegressionOccurredAt!.Value, row.RegressionRecordedAt!.Value)
            : null;
        var reading = DealSignals.Read(
            new SignalFacts(row.Status, row.StartedOn, row.LastUpwardAt, row.RecentActivities, regression),
            standing.Stage, playbook.Signals, calendar);
        return new DealCard
        {
            Id = row.Id,
            AccountId = row.AccountId,
            Customer = row.Customer,
            Title = row.Title,
            Industry = row.Industry,
            ServiceLine = row.ServiceLine,
            Owner = new PersonRef(row.OwnerId, row.OwnerName),
            AnnualValue = row.AnnualValueFen / 100m,
            Currency = Currency,
            Status = row.Status,
            Stage = StageRef.Of(standing.Stage),
            Levels = levels,
            Progress = standing.Progress,
            LastAdvanceAt = reading.LastAdvanceAt,
            DaysSinceAdvance = reading.DaysSinceAdvance,
            Flags = reading.Flags,
            Signals = reading.Signals.Select(SignalView.Of).ToList(),
            Weakest = standing.Weakest,
            NextStage = standing.NextStage is { } next ? new NextStageRef(next.Key, next.Name, standing.Missing) : null,
            TargetCloseDate = row.TargetCloseDate,
            StartedOn = row.StartedOn,
            Version = row.Version,
            DataWarnings = warnings,
        };
    }

    /// <summary>The row with every date and instant clamped into <see cref="DateLimits"/>, and the card fields that were.</summary>
    private static (CardRow Row, IReadOnlyList<string>? Warnings) Clamped(CardRow row)
    {
        var clamped = row with
        {
            StartedOn = DateLimits.Clamp(row.StartedOn),
            TargetCloseDate = DateLimits.Clamp(row.TargetCloseDate),
            LastUpwardAt = row.LastUpwardAt is { } up ? DateLimits.Clamp(up) : null,
            RegressionOccurredAt = row.RegressionOccurredAt is { } occurred ? DateLimits.Clamp(occurred) : null,
            RegressionRecordedAt = row.RegressionRecordedAt is { } recorded ? DateLimits.Clamp(recorded) : null,
        };
        if (clamped == row)
        {
            return (row, null);
        }

        var warnings = new List<string>();
        void Check(bool changed, string field)
        {
            if (changed)
            {
                warnings.Add(field);
            }
        }

        Check(clamped.StartedOn != row.StartedOn, "startedOn");
        Check(clamped.TargetCloseDate != row.TargetCloseDate, "targetCloseDate");
        Check(clamped.LastUpwardAt != row.LastUpwardAt, "lastAdvanceAt");
        Check(clamped.RegressionOccurredAt != row.RegressionOccurredAt || clamped.RegressionRecordedAt != row.RegressionRecordedAt, "signals");
        return (clamped, warnings);
    }

    /// <summary>One deal's row as the board's query reads it, before the playbook evaluates it; every member set by name.</summary>
    private sealed record CardRow
    {
        public required Guid Id { get; init; }

        public required Guid AccountId { get; init; }

        public required string Customer { get; init; }

        public required string Industry { get; init; }

        public required string Title { get; init; }

        public required ServiceLine ServiceLine { get; init; }

        public required Guid OwnerId { get; init; }

        public required string OwnerName { get; init; }

        public required long AnnualValueFen { get; init; }

        public required DealStatus Status { get; init; }

        public required Levels Levels { get; init; }

        public required DateOnly StartedOn { get; init; }

        public required DateOnly TargetCloseDate { get; init; }

        public required DateTimeOffset? LastUpwardAt { get; init; }

        public required Factor? RegressionFactor { get; init; }

        public required int? RegressionFrom { get; init; }

        public required int? RegressionTo { get; init; }

        public required DateTimeOffset? RegressionOccurredAt { get; init; }

        public required DateTimeOffset? RegressionRecordedAt { get; init; }

        public required int RecentActivities { get; init; }

        public required int Version { get; init; }
    }
}
