using System.Text.Json.Serialization;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Signals;

namespace KeyAccountPipeline.Data.Deals;

/// <summary>A stage as a read model carries it: the name in both languages; the Web layer picks one (the API per request).</summary>
public sealed record StageRef(string Key, Localized Name, int Order)
{
    /// <summary>A playbook stage as read models show it: its key, its name in both languages and its order.</summary>
    public static StageRef Of(StageDefinition stage) => new(stage.Key, stage.Name, stage.Order);
}

public sealed record PersonRef(Guid Id, string Name);

public sealed record NextStageRef(string Key, Localized Name, IReadOnlyList<MissingItem> Missing);

/// <summary>A signal as the API shows it: only the numbers that explain this flag.</summary>
public sealed record SignalView(
    Flag Flag,
    int? Days,
    int? AllowedDays,
    Factor? Factor,
    int? From,
    int? To,
    int? Activities,
    DateTimeOffset? At)
{
    public static SignalView Of(Signal s) => new(s.Flag, s.Days, s.AllowedDays, s.Factor, s.From, s.To, s.Activities, s.At);
}

/// <summary>
/// One deal on the board: everything a card shows, derived from a single row per deal. Every member is set by name
/// (<c>Need = …</c> cannot land in <c>Power</c> unnoticed); the JSON names and order are the members'.
/// </summary>
public sealed record DealCard
{
    public required Guid Id { get; init; }

    public required Guid AccountId { get; init; }

    public required string Customer { get; init; }

    public required string Title { get; init; }

    public required string Industry { get; init; }

    public required ServiceLine ServiceLine { get; init; }

    public required PersonRef Owner { get; init; }

    /// <summary>Yuan (CNY), with at most two decimals.</summary>
    public required decimal AnnualValue { get; init; }

    public required string Currency { get; init; }

    public required DealStatus Status { get; init; }

    public required StageRef Stage { get; init; }

    public required Levels Levels { get; init; }

    /// <summary>Levels reached out of levels possible, 0 to 1.</summary>
    public required double Progress { get; init; }

    public required DateTimeOffset LastAdvanceAt { get; init; }

    public required int DaysSinceAdvance { get; init; }

    public required IReadOnlyList<Flag> Flags { get; init; }

    public required IReadOnlyList<SignalView> Signals { get; init; }

    public required Factor? Weakest { get; init; }

    public required NextStageRef? NextStage { get; init; }

    public required DateOnly TargetCloseDate { get; init; }

    public required DateOnly StartedOn { get; init; }

    public required int Version { get; init; }

    /// <summary>
    /// The card's fields whose stored value lay outside <see cref="Domain.DateLimits"/> (an older version, a hand edit,
    /// an import) and are shown clamped into it (<c>startedOn</c>, <c>targetCloseDate</c>, <c>lastAdvanceAt</c>,
    /// <c>signals</c>); null when every value is in range (the API then leaves it out: <c>Web/Api/OmittedWhenNull.cs</c>). The board marks such a card.
    /// </summary>
    public IReadOnlyList<string>? DataWarnings { get; init; }
}

public sealed record BoardColumn(StageRef Stage, int Count, decimal AnnualValue, IReadOnlyList<DealCard> Deals);

public sealed record Board(IReadOnlyList<BoardColumn> Columns, IReadOnlyList<DealCard> Won, IReadOnlyList<DealCard> Lost)
{
    /// <summary>
    /// Stage columns in order, then won and lost. Inside a column, regressed and stalled deals come
    /// first (they need a manager's attention), then by annual value.
    /// </summary>
    public static Board Of(IEnumerable<DealCard> cards, Playbook playbook)
    {
        var all = cards.ToList();
        var active = all.Where(c => c.Status is DealStatus.Open or DealStatus.OnHold)
            .OrderBy(c => c.Flags.Contains(Flag.Regressed) ? 0 : c.Flags.Contains(Flag.Stalled) ? 1 : 2)
            .ThenByDescending(c => c.AnnualValue)
            .ThenBy(c => c.Customer, StringComparer.Ordinal)
            .ToList();
        var columns = playbook.Stages.OrderBy(s => s.Order).Select(stage =>
        {
            var inStage = active.Where(c => c.Stage.Key == stage.Key).ToList();
            return new BoardColumn(StageRef.Of(stage), inStage.Count, inStage.Sum(c => c.AnnualValue), inStage);
        }).ToList();
        return new Board(
            columns,
            all.Where(c => c.Status == DealStatus.Won).OrderByDescending(c => c.AnnualValue).ToList(),
            all.Where(c => c.Status == DealStatus.Lost).OrderByDescending(c => c.AnnualValue).ToList());
    }

    [JsonIgnore]
    public IEnumerable<DealCard> Cards => Columns.SelectMany(c => c.Deals).Concat(Won).Concat(Lost);

    /// <summary>The board with one card replaced by its saved state, without asking the database again.</summary>
    public Board With(DealCard saved, Playbook playbook) =>
        Of(Cards.Where(c => c.Id != saved.Id).Append(saved), playbook);
}

public sealed record StakeholderView(Guid Id, string Name, string? Title, string? Department, StakeholderRole Role, string? Goal, VetoStatus? VetoStatus);

/// <summary>A missing gate item with the ladder text to watch for, like a supply station's notice board.</summary>
public sealed record MissingCheckpoint(Factor Factor, Localized FactorName, int Current, int Required, IReadOnlyList<Localized> Checkpoints, Localized Question);

public sealed record DealDetail(DealCard Card, string Region, IReadOnlyList<StakeholderView> Stakeholders, IReadOnlyList<MissingCheckpoint> Missing);

/// <summary>
/// What the deal page shows, read together (<see cref="DealQueries.DealPageAsync"/>): the detail, the checkpoint changes oldest
/// first (the ladders and the chart), the timeline newest first, and the open action items in due order.
/// </summary>
public sealed record DealPageView(
    DealDetail Detail, IReadOnlyList<CheckpointView> History, IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<Reviews.ActionItemView> ActionItems,
    DealStamp Stamp);

/// <summary>
/// Counts that grow with every change a deal page shows: the deal's version (checkpoints, details, owner, status), its
/// events (stakeholders, coaching notes and every other event), its activities, and its action items and how many are
/// done. All only grow, so an equal stamp means nothing the page shows has changed since it was read: a page that hears
/// the echo of its own save compares stamps instead of reading everything again.
/// </summary>
public readonly record struct DealStamp(int Version, int Events, int Activities, int ActionItems, int ActionItemsDone);

public sealed record EvidenceView(EvidenceKind Kind, string? Detail);

/// <summary>One checkpoint change. <paramref name="Regression"/>: it went down and counts as a regression (a corrected change does not).</summary>
public sealed record CheckpointView(
    Guid Id, Factor Factor, int From, int To, bool Regression, Localized ToText, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt,
    PersonRef By, string Note, EvidenceView? Evidence, int PlaybookVersion)
{
    /// <summary>The change this row corrects; null for an ordinary change. Its from and to are the pair's net change.</summary>
    public Guid? Corrects { get; init; }

    /// <summary>The correction of this change, when it was corrected: shown struck through, it counts for nothing.</summary>
    public CorrectionMark? CorrectedBy { get; init; }
}

/// <summary>Who corrected a change, when (recorded), with which row, and the level they meant.</summary>
public sealed record CorrectionMark(Guid Id, PersonRef By, DateTimeOffset At, int To);

public sealed record TimelineEntry(
    string Type,
    Guid Id,
    DateTimeOffset At,
    PersonRef By,
    CheckpointView? Checkpoint,
    ActivityView? Activity,
    EventView? Event);

public sealed record ActivityView(ActivityKind Kind, string Summary, DateTimeOffset RecordedAt);

public sealed record EventView(DealEventKind Kind, string? Note, CloseReason? Reason, IReadOnlyList<FieldChange> Changes);

/// <summary>
/// Which cards to list. <paramref name="Industry"/> is the account's industry and <paramref name="Query"/> a piece of the
/// customer's name, the deal's title or the owner's name, both compared by <see cref="KeyAccountPipeline.Domain.TextKey"/>
/// (case and width do not matter); null or blank means no filter.
/// </summary>
public sealed record DealFilter(
    DealStatus? Status = null,
    bool AllStatuses = false,
    Guid? OwnerId = null,
    string? Stage = null,
    Flag? Flag = null,
    string? Industry = null,
    ServiceLine? ServiceLine = null,
    Factor? Weakest = null,
    string? Query = null);
