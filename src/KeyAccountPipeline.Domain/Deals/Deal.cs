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
public sealed partial class Deal
{
    private readonly List<CheckpointChange> _checkpoints = [];
    private readonly List<DealEvent> _events = [];
    private readonly List<Activity> _activities = [];
    private readonly List<Stakeholder> _stakeholders = [];

    // The five cached levels (decision 0001), kept by position in Factors.All so that State and SetState need no list of
    // their own; the named properties below are only how EF and queries reach them.
    private readonly FactorState[] _states = [.. Factors.All.Select(_ => FactorState.Initial)];

    private Deal()
    {
        Title = TitleKey = string.Empty;
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

    /// <summary>The deal's id in the team's own workbook or CRM, set by an import (re-imports match on it); null otherwise.</summary>
    public string? ExternalId { get; private set; }

    /// <summary>Incremented on every change to the deal's state; writers must send the version they read.</summary>
    public int Version { get; private set; }

    // One cached column group per factor, named after it (EF maps them by that name, looping over Factors.All).
    public FactorState Need { get => State(Factor.Need); private set => SetState(Factor.Need, value); }

    public FactorState Power { get => State(Factor.Power); private set => SetState(Factor.Power, value); }

    public FactorState Goal { get => State(Factor.Goal); private set => SetState(Factor.Goal, value); }

    public FactorState Value { get => State(Factor.Value); private set => SetState(Factor.Value, value); }

    public FactorState Collaboration { get => State(Factor.Collaboration); private set => SetState(Factor.Collaboration, value); }

    /// <summary>The latest occurred-at of an upward change; null while nothing has gone up.</summary>
    public DateTimeOffset? LastUpwardAt { get; private set; }

    public RegressionMark? LastRegression { get; private set; }

    public IReadOnlyCollection<CheckpointChange> Checkpoints => _checkpoints;

    public IReadOnlyCollection<DealEvent> Events => _events;

    public IReadOnlyCollection<Activity> Activities => _activities;

    public IReadOnlyCollection<Stakeholder> Stakeholders => _stakeholders;

    public Levels Levels => Levels.From(f => State(f).Level);

    public bool IsClosed => Status is DealStatus.Won or DealStatus.Lost;

    /// <exception cref="ArgumentOutOfRangeException">A value that is not one of the five factors.</exception>
    public FactorState State(Factor factor) => _states[factor.Position()];

    /// <summary>409 when the caller edited a version of the deal that is no longer current.</summary>
    public void EnsureVersion(int version)
    {
        if (version != Version)
        {
            throw new DealConflictException(Id, RuleTexts.StaleVersion(version, Version));
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
            throw new DomainException("level", RuleTexts.LevelOffLadder(ladder.Name, ladder.MaxLevel, level));
        }

        if (level == state.Level)
        {
            throw new DomainException("level", RuleTexts.LevelUnchanged(ladder.Name, level));
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            throw new DomainException("note", level < state.Level ? RuleTexts.RegressionNeedsReason : RuleTexts.ChangeNeedsNote);
        }

        if (occurredAt > now)
        {
            throw new DomainException("occurredAt", RuleTexts.ChangeInFuture);
        }

        EnsureNotBeforeStart(occurredAt, calendar, RuleTexts.AChange);

        if (state.ChangedAt is { } latest && occurredAt < latest)
        {
            var at = latest.ToString("u", CultureInfo.InvariantCulture);
            throw new DomainException("occurredAt", RuleTexts.BeforeLatestChange(ladder.Name, at));
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
            throw new DomainException("occurredAt", RuleTexts.ActivityInFuture);
        }

        EnsureNotBeforeStart(occurredAt, calendar, RuleTexts.AnActivity);

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
            throw new DomainException("startedOn", RuleTexts.StartAfterRecordedWork(day));
        }

        var changes = DealFields.Between(CurrentDetails, details);
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
            throw new DomainException("ownerId", RuleTexts.AlreadyOwner);
        }

        _events.Add(new DealEvent(Id, DealEventKind.OwnerChanged, now, actorId, null,
            changes: DealFields.OwnerChange(OwnerId, ownerId)));
        OwnerId = ownerId;
        Version++;
    }

    public void PutOnHold(string? reason, Guid actorId, DateTimeOffset now)
    {
        EnsureNotClosed();
        if (Status == DealStatus.OnHold)
        {
            throw new DealConflictException(Id, RuleTexts.AlreadyOnHold);
        }

        var why = RequireText(reason, "reason", RuleTexts.HoldNeedsReason);
        Status = DealStatus.OnHold;
        _events.Add(new DealEvent(Id, DealEventKind.PutOnHold, now, actorId, why));
        Version++;
    }

    public void Resume(string? reason, Guid actorId, DateTimeOffset now)
    {
        if (Status != DealStatus.OnHold)
        {
            throw new DealConflictException(Id, RuleTexts.OnlyHeldResume);
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
            RequireText(text, "text", RuleTexts.CoachingNeedsText));
        _events.Add(note);
        return note;
    }

    public void Reopen(string? note, Guid actorId, DateTimeOffset now)
    {
        if (!IsClosed)
        {
            throw new DealConflictException(Id, RuleTexts.OnlyClosedReopen);
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
            changes: StakeholderFields.Between(null, stakeholder.Details)));
        return stakeholder;
    }

    public Stakeholder ChangeStakeholder(Guid stakeholderId, StakeholderDetails details, Guid actorId, DateTimeOffset now)
    {
        EnsureNotClosed();
        var stakeholder = FindStakeholder(stakeholderId);
        var before = stakeholder.Details;
        stakeholder.Apply(details);
        var changes = StakeholderFields.Between(before, stakeholder.Details);
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
            changes: StakeholderFields.Between(stakeholder.Details, null)));
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
            throw new DomainException("occurredAt", RuleTexts.DatedBeforeStart(day, what));
        }
    }

    private void EnsureNotClosed()
    {
        if (IsClosed)
        {
            throw new DealConflictException(Id, Status == DealStatus.Won
                ? RuleTexts.WonReopenFirst
                : RuleTexts.LostReopenFirst);
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

    private void SetState(Factor factor, FactorState state) => _states[factor.Position()] = state;

    private static string RequireText(string? text, string field, Localized message) =>
        string.IsNullOrWhiteSpace(text) ? throw new DomainException(field, message) : text.Trim();
}

/// <summary>The latest downward change, kept on the deal so the board can flag it without reading history.</summary>
public sealed record RegressionMark(Factor Factor, int From, int To, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt);
