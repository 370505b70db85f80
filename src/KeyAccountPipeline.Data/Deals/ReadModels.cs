using System.Text.Json.Serialization;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Signals;

namespace KeyAccountPipeline.Data.Deals;

/// <summary>A stage as a read model carries it: the name in both languages; the Web layer picks one (the API per request).</summary>
public sealed record StageRef(string Key, Localized Name, int Order);

public sealed record PersonRef(Guid Id, string Name);

public sealed record NextStageRef(string Key, Localized Name, IReadOnlyList<MissingItem> Missing);

/// <summary>A signal as the API shows it: only the numbers that explain this flag.</summary>
public sealed record SignalView(
    Flag Flag,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Days,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? AllowedDays,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Factor? Factor,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? From,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? To,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Activities,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? At)
{
    public static SignalView Of(Signal s) => new(s.Flag, s.Days, s.AllowedDays, s.Factor, s.From, s.To, s.Activities, s.At);
}

/// <summary>One deal on the board: everything a card shows, derived from a single row per deal.</summary>
public sealed record DealCard(
    Guid Id,
    Guid AccountId,
    string Customer,
    string Title,
    string Industry,
    ServiceLine ServiceLine,
    PersonRef Owner,
    decimal AnnualValue,
    string Currency,
    DealStatus Status,
    StageRef Stage,
    Levels Levels,
    double Progress,
    DateTimeOffset LastAdvanceAt,
    int DaysSinceAdvance,
    IReadOnlyList<Flag> Flags,
    IReadOnlyList<SignalView> Signals,
    Factor? Weakest,
    NextStageRef? NextStage,
    DateOnly TargetCloseDate,
    DateOnly StartedOn,
    int Version)
{
    /// <summary>
    /// The card's fields whose stored value lay outside <see cref="Domain.DateLimits"/> (an older version, a hand edit,
    /// an import) and are shown clamped into it (<c>startedOn</c>, <c>targetCloseDate</c>, <c>lastAdvanceAt</c>,
    /// <c>signals</c>); null, and left out of the JSON, when every value is in range. The board marks such a card.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
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
            return new BoardColumn(DealQueries.StageRefOf(stage), inStage.Count, inStage.Sum(c => c.AnnualValue), inStage);
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

public sealed record EvidenceView(EvidenceKind Kind, string? Detail);

public sealed record CheckpointView(
    Guid Id, Factor Factor, int From, int To, bool Regression, Localized ToText, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt,
    PersonRef By, string Note, EvidenceView? Evidence, int PlaybookVersion);

public sealed record TimelineEntry(
    string Type,
    Guid Id,
    DateTimeOffset At,
    PersonRef By,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CheckpointView? Checkpoint,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ActivityView? Activity,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EventView? Event);

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
