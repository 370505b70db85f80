using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain.Deals;

public sealed record Evidence(EvidenceKind Kind, string? Detail);

/// <summary>One checkpoint change. Append-only: nothing in the code updates or deletes it.</summary>
public sealed class CheckpointChange
{
    private CheckpointChange()
    {
        Note = string.Empty;
    }

    internal CheckpointChange(Guid dealId, Factor factor, int from, int to, DateTimeOffset occurredAt, DateTimeOffset recordedAt,
        Guid actorId, string note, Evidence? evidence, int playbookVersion)
    {
        Id = Guid.CreateVersion7(recordedAt);
        DealId = dealId;
        Factor = factor;
        FromLevel = from;
        ToLevel = to;
        OccurredAt = occurredAt;
        RecordedAt = recordedAt;
        ActorId = actorId;
        Note = note;
        EvidenceKind = evidence?.Kind;
        EvidenceDetail = evidence?.Detail;
        PlaybookVersion = playbookVersion;
    }

    public Guid Id { get; private set; }

    public Guid DealId { get; private set; }

    public Factor Factor { get; private set; }

    public int FromLevel { get; private set; }

    public int ToLevel { get; private set; }

    public bool IsRegression => ToLevel < FromLevel;

    public DateTimeOffset OccurredAt { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public Guid ActorId { get; private set; }

    public string Note { get; private set; }

    public EvidenceKind? EvidenceKind { get; private set; }

    public string? EvidenceDetail { get; private set; }

    public int PlaybookVersion { get; private set; }

    /// <summary>The change this row corrects (a slip put right in its window, see <see cref="Deal.CorrectCheckpoint"/>); null for an ordinary change.</summary>
    public Guid? CorrectsChangeId { get; internal init; }
}

public sealed record FieldChange(string Field, string? Old, string? New);

/// <summary>Something that happened to the deal other than a checkpoint. Append-only.</summary>
public sealed class DealEvent
{
    private DealEvent()
    {
        Changes = [];
    }

    internal DealEvent(Guid dealId, DealEventKind kind, DateTimeOffset at, Guid actorId, string? note,
        CloseReason? reason = null, IReadOnlyList<FieldChange>? changes = null)
    {
        Id = Guid.CreateVersion7(at);
        DealId = dealId;
        Kind = kind;
        OccurredAt = at;
        ActorId = actorId;
        Note = note;
        Reason = reason;
        Changes = changes ?? [];
    }

    public Guid Id { get; private set; }

    public Guid DealId { get; private set; }

    public DealEventKind Kind { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public Guid ActorId { get; private set; }

    public string? Note { get; private set; }

    public CloseReason? Reason { get; private set; }

    public IReadOnlyList<FieldChange> Changes { get; private set; }
}

/// <summary>Logged work that is not a checkpoint: it feeds "busy but stuck".</summary>
public sealed class Activity
{
    private Activity()
    {
        Summary = string.Empty;
    }

    internal Activity(Guid dealId, ActivityKind kind, DateTimeOffset occurredAt, DateTimeOffset recordedAt, Guid actorId, string summary)
    {
        Id = Guid.CreateVersion7(recordedAt);
        DealId = dealId;
        Kind = kind;
        OccurredAt = occurredAt;
        RecordedAt = recordedAt;
        ActorId = actorId;
        Summary = summary;
    }

    public Guid Id { get; private set; }

    public Guid DealId { get; private set; }

    public ActivityKind Kind { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public Guid ActorId { get; private set; }

    public string Summary { get; private set; }
}
