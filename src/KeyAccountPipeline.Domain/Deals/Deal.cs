using System.Globalization;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Time;

namespace KeyAccountPipeline.Domain.Deals;

/// <summary>The editable facts of a deal (not its owner, not its status).</summary>
public sealed record DealDetails(string Title, ServiceLine ServiceLine, long AnnualValueFen, DateOnly TargetCloseDate, DateOnly StartedOn)
{
    public DealDetails Normalized() => this with { Title = Title.Trim() };
}

/// <summary>
/// A key-account deal: the climb. Its stage is derived from its five levels; every change goes
/// through a method here that checks the rules, appends the history row and bumps <see cref="Version"/>.
/// </summary>
public sealed class Deal
{
    private readonly List<CheckpointChange> _checkpoints = [];
    private readonly List<DealEvent> _events = [];
    private readonly List<Activity> _activities = [];
    private readonly List<Stakeholder> _stakeholders = [];

    private Deal()
    {
        Title = TitleKey = string.Empty;
        Need = Power = Goal = Value = Collaboration = FactorState.Initial;
    }

    public static Deal Create(Guid id, Guid accountId, Guid ownerId, DealDetails details, Guid actorId, DateTimeOffset now)
    {
        var deal = new Deal
        {
            Id = id,
            AccountId = accountId,
            OwnerId = ownerId,
            Status = DealStatus.Open,
            CreatedAt = now,
            Version = 1,
        };
        deal.SetDetails(details);
        deal._events.Add(new DealEvent(id, DealEventKind.Created, now, actorId, null));
        return deal;
    }

    public Guid Id { get; private set; }

    public Guid AccountId { get; private set; }

    public Account? Account { get; private set; }

    public Guid OwnerId { get; private set; }

    public People.Person? Owner { get; private set; }

    public string Title { get; private set; }

    /// <summary><see cref="Title"/> folded by <see cref="TextKey.Fold"/>, for search.</summary>
    public string TitleKey { get; private set; }

    public ServiceLine ServiceLine { get; private set; }

    /// <summary>Annual contract value in CNY fen (1/100 yuan), so sums and sorts stay exact in the database.</summary>
    public long AnnualValueFen { get; private set; }

    public DateOnly TargetCloseDate { get; private set; }

    public DateOnly StartedOn { get; private set; }

    public DealStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Incremented on every change to the deal's state; writers must send the version they read.</summary>
    public int Version { get; private set; }

    public FactorState Need { get; private set; }

    public FactorState Power { get; private set; }

    public FactorState Goal { get; private set; }

    public FactorState Value { get; private set; }

    public FactorState Collaboration { get; private set; }

    /// <summary>The latest occurred-at of an upward change; null while nothing has gone up.</summary>
    public DateTimeOffset? LastUpwardAt { get; private set; }

    public RegressionMark? LastRegression { get; private set; }

    public IReadOnlyCollection<CheckpointChange> Checkpoints => _checkpoints;

    public IReadOnlyCollection<DealEvent> Events => _events;

    public IReadOnlyCollection<Activity> Activities => _activities;

    public IReadOnlyCollection<Stakeholder> Stakeholders => _stakeholders;

    public Levels Levels => new(Need.Level, Power.Level, Goal.Level, Value.Level, Collaboration.Level);

    public bool IsClosed => Status is DealStatus.Won or DealStatus.Lost;

    public FactorState State(Factor factor) => factor switch
    {
        Factor.Need => Need,
        Factor.Power => Power,
        Factor.Goal => Goal,
        Factor.Value => Value,
        Factor.Collaboration => Collaboration,
        _ => throw new ArgumentOutOfRangeException(nameof(factor), factor, null),
    };

    /// <summary>409 when the caller edited a version of the deal that is no longer current.</summary>
    public void EnsureVersion(int version)
    {
        if (version != Version)
        {
            throw new DealConflictException(Id, new(
                $"这个商机已被别人修改（你提交的版本是 {version}，现在是 {Version}）。",
                $"The deal was changed by someone else (you sent version {version}, it is now {Version})."));
        }
    }

    /// <summary>Records a checkpoint change that happened at <paramref name="occurredAt"/>, entered at <paramref name="now"/>.</summary>
    /// <param name="calendar">The organisation's calendar: it decides on which day <paramref name="occurredAt"/> falls, against the start date.</param>
    /// <exception cref="DomainException">A level off the ladder or unchanged, no note, or <c>occurredAt</c> in the future, before the deal's
    /// start date or before the factor's latest change (METHOD.md, "Precise readings": dates).</exception>
    public CheckpointChange RecordCheckpoint(Playbook playbook, Factor factor, int level, string? note, Evidence? evidence,
        DateTimeOffset occurredAt, Guid actorId, DateTimeOffset now, OrgCalendar calendar)
    {
        EnsureNotClosed();
        var ladder = playbook.Factor(factor);
        var state = State(factor);
        occurredAt = occurredAt.ToUniversalTime();
        DateLimits.Ensure(occurredAt, "occurredAt");
        if (level < 0 || level > ladder.MaxLevel)
        {
            throw new DomainException("level", new(
                $"{ladder.Name.Zh}的等级是 0 到 {ladder.MaxLevel}；{level} 不在阶梯上。",
                $"{ladder.Name.En} has levels 0 to {ladder.MaxLevel}; {level} is outside the ladder."));
        }

        if (level == state.Level)
        {
            throw new DomainException("level", new(
                $"{ladder.Name.Zh}已经在 {level} 级；变化必须改变等级。",
                $"{ladder.Name.En} is already at level {level}; a change must move it."));
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            throw new DomainException("note", level < state.Level
                ? new("倒退必须写明原因。", "A regression needs a reason in the note.")
                : new("每次检查点变化都需要写说明。", "A note is required for every checkpoint change."));
        }

        if (occurredAt > now)
        {
            throw new DomainException("occurredAt", new("变化的发生时间不能晚于现在。", "The change cannot have happened in the future."));
        }

        EnsureNotBeforeStart(occurredAt, calendar, new("变化", "A change"));

        if (state.ChangedAt is { } latest && occurredAt < latest)
        {
            var at = latest.ToString("u", CultureInfo.InvariantCulture);
            throw new DomainException("occurredAt", new(
                $"{ladder.Name.Zh}上一次变化在 {at}；新的变化不能早于它。",
                $"{ladder.Name.En} last changed at {at}; a change cannot be dated before it."));
        }

        var change = new CheckpointChange(Id, factor, state.Level, level, occurredAt, now, actorId, note.Trim(), evidence, playbook.Version);
        SetState(factor, new FactorState(level, occurredAt));
        if (change.IsRegression)
        {
            LastRegression = new RegressionMark(factor, change.FromLevel, level, occurredAt, now);
        }
        else if (LastUpwardAt is null || occurredAt > LastUpwardAt)
        {
            LastUpwardAt = occurredAt;
        }

        _checkpoints.Add(change);
        Version++;
        return change;
    }

    /// <summary>Logs work done at <paramref name="occurredAt"/>, entered at <paramref name="now"/>.</summary>
    /// <exception cref="DomainException">On <c>occurredAt</c> in the future or before the deal's start date in <paramref name="calendar"/>'s zone.</exception>
    public Activity LogActivity(ActivityKind kind, DateTimeOffset occurredAt, string summary, Guid actorId, DateTimeOffset now, OrgCalendar calendar)
    {
        EnsureNotClosed();
        occurredAt = occurredAt.ToUniversalTime();
        DateLimits.Ensure(occurredAt, "occurredAt");
        if (occurredAt > now)
        {
            throw new DomainException("occurredAt", new("活动的发生时间不能晚于现在。", "The activity cannot have happened in the future."));
        }

        EnsureNotBeforeStart(occurredAt, calendar, new("活动", "An activity"));

        var activity = new Activity(Id, kind, occurredAt, now, actorId, summary.Trim());
        _activities.Add(activity);
        return activity;
    }

    /// <summary>Changes the editable facts; nothing happens when nothing differs.</summary>
    /// <param name="earliestRecordedOn">The organisation's day of the earliest checkpoint change or activity dated on the deal; null when
    /// there is none. History is not loaded with the deal, so the caller reads it.</param>
    /// <exception cref="DomainException">On <c>startedOn</c> when the start moves after <paramref name="earliestRecordedOn"/>: recorded work
    /// cannot predate the pursuit (METHOD.md, "Precise readings": dates).</exception>
    public void EditDetails(DealDetails details, Guid actorId, DateTimeOffset now, DateOnly? earliestRecordedOn)
    {
        EnsureNotClosed();
        details = details.Normalized();
        // Only a move is checked, so a deal stored before this rule can still have its other details edited.
        if (details.StartedOn != StartedOn && earliestRecordedOn is { } earliest && details.StartedOn > earliest)
        {
            var day = earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            throw new DomainException("startedOn", new(
                $"这个商机最早的检查点变化或活动发生在 {day}；开始日期不能晚于它。",
                $"The deal's earliest checkpoint change or activity is dated {day}; the start date cannot be after it."));
        }

        var changes = Compare(CurrentDetails, details);
        if (changes.Count == 0)
        {
            return;
        }

        SetDetails(details);
        _events.Add(new DealEvent(Id, DealEventKind.DetailsEdited, now, actorId, null, changes: changes));
        Version++;
    }

    public DealDetails CurrentDetails => new(Title, ServiceLine, AnnualValueFen, TargetCloseDate, StartedOn);

    /// <summary>Recomputes the key from the title: for rows stored before keys existed, or after the fold changed. Not a change to the deal: no history, no new version.</summary>
    public void RefreshTextKeys() => TitleKey = TextKey.Fold(Title);

    public void ChangeOwner(Guid ownerId, Guid actorId, DateTimeOffset now)
    {
        EnsureNotClosed();
        if (ownerId == OwnerId)
        {
            throw new DomainException("ownerId", new("这个商机的负责人已经是此人。", "The deal already has this owner."));
        }

        _events.Add(new DealEvent(Id, DealEventKind.OwnerChanged, now, actorId, null,
            changes: [new FieldChange("ownerId", OwnerId.ToString(), ownerId.ToString())]));
        OwnerId = ownerId;
        Version++;
    }

    public void PutOnHold(string? reason, Guid actorId, DateTimeOffset now)
    {
        EnsureNotClosed();
        if (Status == DealStatus.OnHold)
        {
            throw new DealConflictException(Id, new("这个商机已经暂停。", "The deal is already on hold."));
        }

        var why = RequireText(reason, "reason", new("请写明暂停的原因。", "Say why the deal is put on hold."));
        Status = DealStatus.OnHold;
        _events.Add(new DealEvent(Id, DealEventKind.PutOnHold, now, actorId, why));
        Version++;
    }

    public void Resume(string? reason, Guid actorId, DateTimeOffset now)
    {
        if (Status != DealStatus.OnHold)
        {
            throw new DealConflictException(Id, new("只有暂停中的商机可以恢复。", "Only a deal on hold can be resumed."));
        }

        Status = DealStatus.Open;
        _events.Add(new DealEvent(Id, DealEventKind.Resumed, now, actorId, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()));
        Version++;
    }

    public void Close(CloseOutcome outcome, CloseReason reason, string? note, Guid actorId, DateTimeOffset now)
    {
        EnsureNotClosed();
        Status = outcome == CloseOutcome.Won ? DealStatus.Won : DealStatus.Lost;
        var kind = outcome == CloseOutcome.Won ? DealEventKind.Won : DealEventKind.Lost;
        _events.Add(new DealEvent(Id, kind, now, actorId, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), reason));
        Version++;
    }

    /// <summary>A manager's coaching note: kept in the deal's history with its author. Closed deals take notes too (post-mortems).</summary>
    public DealEvent AddCoachingNote(string? text, Guid actorId, DateTimeOffset now)
    {
        var note = new DealEvent(Id, DealEventKind.CoachingNote, now, actorId,
            RequireText(text, "text", new("请写下辅导意见。", "Write the coaching note.")));
        _events.Add(note);
        return note;
    }

    public void Reopen(string? note, Guid actorId, DateTimeOffset now)
    {
        if (!IsClosed)
        {
            throw new DealConflictException(Id, new("只有赢单或丢单的商机可以重新打开。", "Only a won or lost deal can be reopened."));
        }

        Status = DealStatus.Open;
        _events.Add(new DealEvent(Id, DealEventKind.Reopened, now, actorId, string.IsNullOrWhiteSpace(note) ? null : note.Trim()));
        Version++;
    }

    public Stakeholder AddStakeholder(StakeholderDetails details, Guid actorId, DateTimeOffset now)
    {
        EnsureNotClosed();
        var stakeholder = new Stakeholder(Id, details);
        _stakeholders.Add(stakeholder);
        _events.Add(new DealEvent(Id, DealEventKind.StakeholderAdded, now, actorId, stakeholder.Name,
            changes: Compare(null, stakeholder.Details)));
        return stakeholder;
    }

    public Stakeholder ChangeStakeholder(Guid stakeholderId, StakeholderDetails details, Guid actorId, DateTimeOffset now)
    {
        EnsureNotClosed();
        var stakeholder = FindStakeholder(stakeholderId);
        var before = stakeholder.Details;
        stakeholder.Apply(details);
        var changes = Compare(before, stakeholder.Details);
        if (changes.Count > 0)
        {
            _events.Add(new DealEvent(Id, DealEventKind.StakeholderChanged, now, actorId, stakeholder.Name, changes: changes));
        }

        return stakeholder;
    }

    public void RemoveStakeholder(Guid stakeholderId, Guid actorId, DateTimeOffset now)
    {
        EnsureNotClosed();
        var stakeholder = FindStakeholder(stakeholderId);
        _stakeholders.Remove(stakeholder);
        _events.Add(new DealEvent(Id, DealEventKind.StakeholderRemoved, now, actorId, stakeholder.Name,
            changes: Compare(stakeholder.Details, null)));
    }

    private Stakeholder FindStakeholder(Guid stakeholderId) =>
        _stakeholders.FirstOrDefault(s => s.Id == stakeholderId)
        ?? throw new NotFoundException($"Stakeholder {stakeholderId} is not on this deal.");

    /// <summary>Nothing recorded on a deal can have happened before its pursuit started, in the organisation's days.</summary>
    private void EnsureNotBeforeStart(DateTimeOffset occurredAt, OrgCalendar calendar, Localized what)
    {
        if (calendar.LocalDate(occurredAt) < StartedOn)
        {
            var day = StartedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            throw new DomainException("occurredAt", new(
                $"这个商机开始于 {day}；{what.Zh}不能早于这一天。",
                $"The deal started on {day}; {what.En.ToLowerInvariant()} cannot be dated before it."));
        }
    }

    private void EnsureNotClosed()
    {
        if (IsClosed)
        {
            throw new DealConflictException(Id, Status == DealStatus.Won
                ? new("这个商机已赢单；修改前请先重新打开。", "The deal is won; reopen it before changing it.")
                : new("这个商机已丢单；修改前请先重新打开。", "The deal is lost; reopen it before changing it."));
        }
    }

    /// <exception cref="DomainException">A date outside <see cref="DateLimits"/>, named by its field.</exception>
    private void SetDetails(DealDetails details)
    {
        DateLimits.Ensure(details.StartedOn, "startedOn");
        DateLimits.Ensure(details.TargetCloseDate, "targetCloseDate");
        (Title, ServiceLine, AnnualValueFen, TargetCloseDate, StartedOn) = details with { Title = details.Title.Trim() };
        RefreshTextKeys();
    }

    private void SetState(Factor factor, FactorState state)
    {
        switch (factor)
        {
            case Factor.Need: Need = state; break;
            case Factor.Power: Power = state; break;
            case Factor.Goal: Goal = state; break;
            case Factor.Value: Value = state; break;
            case Factor.Collaboration: Collaboration = state; break;
            default: throw new ArgumentOutOfRangeException(nameof(factor), factor, null);
        }
    }

    private static string RequireText(string? text, string field, Localized message) =>
        string.IsNullOrWhiteSpace(text) ? throw new DomainException(field, message) : text.Trim();

    /// <summary>Field-by-field differences of two records of the same type, with camelCase field names.</summary>
    private static List<FieldChange> Compare<T>(T? before, T? after)
        where T : class
    {
        var changes = new List<FieldChange>();
        foreach (var property in typeof(T).GetProperties().Where(p => p.GetIndexParameters().Length == 0 && p.CanWrite))
        {
            var old = Format(before is null ? null : property.GetValue(before));
            var @new = Format(after is null ? null : property.GetValue(after));
            if (old != @new)
            {
                changes.Add(new FieldChange(JsonName(property.Name), old, @new));
            }
        }

        return changes;
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Enum e => JsonName(e.ToString()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>The latest downward change, kept on the deal so the board can flag it without reading history.</summary>
public sealed record RegressionMark(Factor Factor, int From, int To, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt);
