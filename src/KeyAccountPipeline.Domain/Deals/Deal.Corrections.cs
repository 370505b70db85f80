using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain.Deals;

/// <summary>How long after recording a checkpoint change its recorder may still correct it (setting <c>Corrections:WindowMinutes</c>).</summary>
public sealed record CorrectionWindow(TimeSpan Length)
{
    /// <summary>15 minutes: a slip put right at once (METHOD.md, "Corrections are not regressions").</summary>
    public static readonly CorrectionWindow Default = new(TimeSpan.FromMinutes(15));

    /// <summary>Whether a change recorded at <paramref name="recordedAt"/> may still be corrected at <paramref name="now"/>.</summary>
    public bool IsOpen(DateTimeOffset recordedAt, DateTimeOffset now) => now - recordedAt <= Length;

    /// <summary>The moment the window of a change recorded at <paramref name="recordedAt"/> closes.</summary>
    public DateTimeOffset ClosesAt(DateTimeOffset recordedAt) => recordedAt + Length;
}

// Corrections of checkpoint changes (METHOD.md, "Corrections are not regressions"; docs/decisions/0030-corrections.md).
public sealed partial class Deal
{
    /// <summary>
    /// Corrects a slip: the change <paramref name="changeId"/> is put right by a new history row that points to it. The pair reads
    /// as one change from the corrected change's from-level to <paramref name="level"/> (default: back to that from-level), dated
    /// when the corrected change happened, so the correction row carries exactly that: from, to, the original date, note and
    /// evidence, with who corrected and when. Readers leave out every corrected change (<see cref="IsCorrected"/>) and a row that
    /// moves nothing; the cached levels, latest advance and latest regression are recomputed from what stands.
    /// The deal's checkpoint history must be loaded.
    /// </summary>
    /// <exception cref="NotFoundException">No change <paramref name="changeId"/> on this deal.</exception>
    /// <exception cref="AccessDeniedException">Someone other than the change's recorder.</exception>
    /// <exception cref="DealConflictException">The deal is closed; the change is a correction, is already corrected, is not its
    /// factor's latest change, or its window has passed.</exception>
    /// <exception cref="DomainException">On <c>level</c>: off the ladder, the level the change already set, or below its from-level
    /// (going down is a regression with its reason).</exception>
    public CheckpointChange CorrectCheckpoint(Playbook playbook, Guid changeId, int? level, Guid actorId, DateTimeOffset now, CorrectionWindow window)
    {
        EnsureNotClosed();
        var slip = _checkpoints.FirstOrDefault(c => c.Id == changeId)
            ?? throw new NotFoundException($"Deal {Id} has no checkpoint change {changeId}.");
        if (slip.ActorId != actorId)
        {
            throw new AccessDeniedException(RuleTexts.OnlyRecorderCorrects);
        }

        if (slip.CorrectsChangeId is not null)
        {
            throw new DealConflictException(Id, RuleTexts.CorrectionNotCorrected);
        }

        if (IsCorrected(slip))
        {
            throw new DealConflictException(Id, RuleTexts.AlreadyCorrected);
        }

        if (!window.IsOpen(slip.RecordedAt, now))
        {
            throw new DealConflictException(Id, RuleTexts.CorrectionWindowPassed((int)Math.Round(window.Length.TotalMinutes)));
        }

        var latest = _checkpoints.Where(c => c.Factor == slip.Factor).MaxBy(c => (c.RecordedAt, c.OccurredAt, c.Id));
        if (latest != slip)
        {
            throw new DealConflictException(Id, RuleTexts.LaterChangeRecorded);
        }

        var ladder = playbook.Factor(slip.Factor);
        var meant = level ?? slip.FromLevel;
        if (meant < 0 || meant > ladder.MaxLevel)
        {
            throw new DomainException("level", RuleTexts.LevelOffLadder(ladder.Name, ladder.MaxLevel, meant));
        }

        if (meant == slip.ToLevel)
        {
            throw new DomainException("level", RuleTexts.CorrectionSameLevel(ladder.Name, meant));
        }

        if (meant < slip.FromLevel)
        {
            throw new DomainException("level", RuleTexts.CorrectionBelowFrom(ladder.Name, slip.FromLevel));
        }

        var evidence = slip.EvidenceKind is { } kind ? new Evidence(kind, slip.EvidenceDetail) : null;
        var correction = new CheckpointChange(Id, slip.Factor, slip.FromLevel, meant, slip.OccurredAt, now, actorId, slip.Note, evidence, playbook.Version)
        {
            CorrectsChangeId = slip.Id,
        };
        _checkpoints.Add(correction);
        // The factor's last change is the latest one that still moves it: an undone slip leaves the date it had before,
        // so a real change dated between the two is not refused as "before the latest change".
        var changedAt = _checkpoints.Where(c => c.Factor == slip.Factor && !IsCorrected(c) && c.ToLevel != c.FromLevel)
            .Max(c => (DateTimeOffset?)c.OccurredAt);
        SetState(slip.Factor, new FactorState(meant, changedAt));
        RecomputeMarks();
        Version++;
        return correction;
    }

    /// <summary>Whether a later row of this deal's loaded history corrects <paramref name="change"/>.</summary>
    public bool IsCorrected(CheckpointChange change) => _checkpoints.Any(c => c.CorrectsChangeId == change.Id);

    /// <summary>
    /// The latest advance and the latest regression from the changes that stand (not corrected, moving a level), as
    /// <see cref="RecordCheckpoint"/> would have left them had the slip never been recorded.
    /// </summary>
    private void RecomputeMarks()
    {
        var standing = _checkpoints.Where(c => !IsCorrected(c) && c.ToLevel != c.FromLevel).ToList();
        LastUpwardAt = standing.Where(c => c.ToLevel > c.FromLevel).Max(c => (DateTimeOffset?)c.OccurredAt);
        LastRegression = standing.Where(c => c.IsRegression).MaxBy(c => (c.RecordedAt, c.Id)) is { } fall
            ? new RegressionMark(fall.Factor, fall.FromLevel, fall.ToLevel, fall.OccurredAt, fall.RecordedAt)
            : null;
    }
}
