using KeyAccountPipeline.Data.Playbooks;
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
        var row = new CardRow(
            deal.Id, deal.AccountId, account.Name, account.Industry, deal.Title, deal.ServiceLine, deal.OwnerId, owner.Name, deal.AnnualValueFen,
            deal.Status, deal.Need.Level, deal.Power.Level, deal.Goal.Level, deal.Value.Level, deal.Collaboration.Level, deal.StartedOn,
            deal.TargetCloseDate, deal.LastUpwardAt, regression?.Factor, regression?.From, regression?.To, regression?.OccurredAt,
            regression?.RecordedAt, saved + unsaved.Count, deal.Version);
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

    public async Task<DealDetail?> DetailAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var card = await CardAsync(id, cancellationToken);
        if (card is null)
        {
            return null;
        }

        var playbook = await playbooks.CurrentAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
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

    /// <summary>Checkpoint changes, oldest first.</summary>
    public async Task<IReadOnlyList<CheckpointView>?> HistoryAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Deals.AnyAsync(d => d.Id == id, cancellationToken))
        {
            return null;
        }

        return await HistoryAsync(db, id, await PeopleNamesAsync(db, cancellationToken), cancellationToken);
    }

    /// <summary>Checkpoint changes, activities and deal events together, newest first.</summary>
    public async Task<IReadOnlyList<TimelineEntry>?> TimelineAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Deals.AnyAsync(d => d.Id == id, cancellationToken))
        {
            return null;
        }

        var people = await PeopleNamesAsync(db, cancellationToken);
        var history = await HistoryAsync(db, id, people, cancellationToken);
        var activities = await db.Activities.AsNoTracking().Where(a => a.DealId == id).ToListAsync(cancellationToken);
        var events = await db.DealEvents.AsNoTracking().Where(e => e.DealId == id).ToListAsync(cancellationToken);
        return history.Select(c => new TimelineEntry("checkpoint", c.Id, c.OccurredAt, c.By, c, null, null))
            .Concat(activities.Select(a => new TimelineEntry("activity", a.Id, a.OccurredAt, Person(people, a.ActorId), null,
                new ActivityView(a.Kind, a.Summary, a.RecordedAt), null)))
            .Concat(events.Select(e => new TimelineEntry("event", e.Id, e.OccurredAt, Person(people, e.ActorId), null, null,
                new EventView(e.Kind, e.Note, e.Reason, e.Changes))))
            .OrderByDescending(e => e.At)
            .ThenByDescending(e => e.Id)
            .ToList();
    }

    private async Task<List<CheckpointView>> HistoryAsync(PipelineDbContext db, Guid id, Dictionary<Guid, string> people,
        CancellationToken cancellationToken)
    {
        var rows = await db.CheckpointChanges.AsNoTracking().Where(c => c.DealId == id)
            .OrderBy(c => c.OccurredAt).ThenBy(c => c.RecordedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);

        // Each change reads in the ladder's words of the version it was recorded under, not today's.
        var versions = new Dictionary<int, Playbook>();
        foreach (var version in rows.Select(c => c.PlaybookVersion).Distinct())
        {
            versions[version] = await playbooks.VersionAsync(version, cancellationToken);
        }

        return rows.Select(c => ToView(c, versions[c.PlaybookVersion], people)).ToList();
    }

    public static StageRef StageRefOf(StageDefinition stage) => new(stage.Key, stage.Name, stage.Order);

    private static CheckpointView ToView(CheckpointChange c, Playbook playbook, Dictionary<Guid, string> people)
    {
        var ladder = playbook.Factor(c.Factor).Levels;
        var text = c.ToLevel < ladder.Count ? ladder[c.ToLevel] : Localized.Empty;
        return new CheckpointView(c.Id, c.Factor, c.FromLevel, c.ToLevel, c.IsRegression, text, c.OccurredAt, c.RecordedAt,
            Person(people, c.ActorId), c.Note, c.EvidenceKind is { } kind ? new EvidenceView(kind, c.EvidenceDetail) : null, c.PlaybookVersion);
    }

    private static PersonRef Person(Dictionary<Guid, string> people, Guid id) =>
        new(id, people.GetValueOrDefault(id, string.Empty));

    private static Task<Dictionary<Guid, string>> PeopleNamesAsync(PipelineDbContext db, CancellationToken cancellationToken) =>
        db.People.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);

    private IQueryable<CardRow> Project(IQueryable<Deal> deals, Playbook playbook)
    {
        var busySince = calendar.WindowStart(playbook.Signals.BusyWindowDays);
        return deals.Select(d => new CardRow(
            d.Id,
            d.AccountId,
            d.Account!.Name,
            d.Account.Industry,
            d.Title,
            d.ServiceLine,
            d.OwnerId,
            d.Owner!.Name,
            d.AnnualValueFen,
            d.Status,
            d.Need.Level,
            d.Power.Level,
            d.Goal.Level,
            d.Value.Level,
            d.Collaboration.Level,
            d.StartedOn,
            d.TargetCloseDate,
            d.LastUpwardAt,
            d.LastRegression == null ? null : d.LastRegression.Factor,
            d.LastRegression == null ? null : d.LastRegression.From,
            d.LastRegression == null ? null : d.LastRegression.To,
            d.LastRegression == null ? null : d.LastRegression.OccurredAt,
            d.LastRegression == null ? null : d.LastRegression.RecordedAt,
            d.Activities.Count(a => a.OccurredAt >= busySince),
            d.Version));
    }

    private DealCard ToCard(CardRow stored, Playbook playbook)
    {
        // A stored date outside the range must never fail the board for everyone: read it clamped, and say so on the card.
        var (row, warnings) = Clamped(stored);
        var levels = new Levels(row.Need, row.Power, row.Goal, row.Value, row.Collaboration);
        var standing = playbook.Evaluate(levels);
        RegressionMark? regression = row.RegressionFactor is { } factor
            ? new RegressionMark(factor, row.RegressionFrom!.Value, row.RegressionTo!.Value, row.RegressionOccurredAt!.Value, row.RegressionRecordedAt!.Value)
            : null;
        var reading = DealSignals.Read(
            new SignalFacts(row.Status, row.StartedOn, row.LastUpwardAt, row.RecentActivities, regression),
            standing.Stage, playbook.Signals, calendar);
        return new DealCard(
            row.Id,
            row.AccountId,
            row.Customer,
            row.Title,
            row.Industry,
            row.ServiceLine,
            new PersonRef(row.OwnerId, row.OwnerName),
            row.AnnualValueFen / 100m,
            Currency,
            row.Status,
            StageRefOf(standing.Stage),
            levels,
            standing.Progress,
            reading.LastAdvanceAt,
            reading.DaysSinceAdvance,
            reading.Flags,
            reading.Signals.Select(SignalView.Of).ToList(),
            standing.Weakest,
            standing.NextStage is { } next ? new NextStageRef(next.Key, next.Name, standing.Missing) : null,
            row.TargetCloseDate,
            row.StartedOn,
            row.Version) { DataWarnings = warnings };
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

    private sealed record CardRow(
        Guid Id,
        Guid AccountId,
        string Customer,
        string Industry,
        string Title,
        ServiceLine ServiceLine,
        Guid OwnerId,
        string OwnerName,
        long AnnualValueFen,
        DealStatus Status,
        int Need,
        int Power,
        int Goal,
        int Value,
        int Collaboration,
        DateOnly StartedOn,
        DateOnly TargetCloseDate,
        DateTimeOffset? LastUpwardAt,
        Factor? RegressionFactor,
        int? RegressionFrom,
        int? RegressionTo,
        DateTimeOffset? RegressionOccurredAt,
        DateTimeOffset? RegressionRecordedAt,
        int RecentActivities,
        int Version);
}
