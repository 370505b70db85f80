using System.Globalization;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Time;

namespace KeyAccountPipeline.Domain.Deals;

/// <summary>A checkpoint a visit proved: <see cref="Factor"/> reached <see cref="Level"/>.</summary>
public sealed record ProvedCheckpoint(Factor Factor, int Level);

/// <summary>What recording a visit appended: the activity, and the checkpoint changes it is the evidence of (in factor order).</summary>
public sealed record RecordedVisit(Activity Activity, IReadOnlyList<CheckpointChange> Changes);

/// <summary>
/// The after-visit update (issue 15, UX.md situation 1): one visit, call or meeting, logged as an activity, and the
/// checkpoints it proved, each a change whose evidence is that activity's kind and date and whose note is the activity's
/// summary — the rep writes the story once. Every rule is checked before anything is appended, so a refused visit leaves
/// the deal as it was. Decision record: docs/decisions/0029-record-a-visit.md.
/// </summary>
public static class Visits
{
    /// <summary>The evidence kind a logged activity of <paramref name="kind"/> stands for on a checkpoint change.</summary>
    public static EvidenceKind Evidence(this ActivityKind kind) => kind switch
    {
        ActivityKind.Visit => EvidenceKind.Visit,
        ActivityKind.Call => EvidenceKind.Call,
        ActivityKind.Email => EvidenceKind.Email,
        ActivityKind.Meeting => EvidenceKind.Meeting,
        _ => EvidenceKind.Other,
    };

    /// <summary>
    /// Logs a <paramref name="kind"/> that happened at <paramref name="occurredAt"/> with <paramref name="note"/>, and records
    /// each of <paramref name="proved"/> as an upward checkpoint change dated then, with the same note and the visit as evidence.
    /// No checkpoint is allowed: a visit that proved nothing still counts toward "busy but stuck".
    /// </summary>
    /// <param name="proved">At most one per factor; each above the factor's current level (a visit proves progress: going down
    /// needs the checkpoint dialog and a reason). Errors name <c>checkpoints[i].factor</c> or <c>checkpoints[i].level</c>.</param>
    /// <exception cref="DomainException">No note; a factor twice; a level not above the current one or off the ladder;
    /// <c>occurredAt</c> in the future, before the deal's start or before a proved factor's latest change.</exception>
    /// <exception cref="DealConflictException">The deal is won or lost.</exception>
    public static RecordedVisit RecordVisit(this Deal deal, Playbook playbook, ActivityKind kind, string? note, IReadOnlyList<ProvedCheckpoint> proved,
        DateTimeOffset occurredAt, Guid actorId, DateTimeOffset now, OrgCalendar calendar)
    {
        if (!deal.IsClosed)
        {
            EnsureProvable(deal, playbook, note, proved, occurredAt.ToUniversalTime());
        }

        // LogActivity refuses a closed deal and every date the change would refuse too (the future, before the start).
        var activity = deal.LogActivity(kind, occurredAt, note!, actorId, now, calendar);
        var evidence = new Evidence(kind.Evidence(), null);
        var changes = proved.OrderBy(p => p.Factor.Position())
            .Select(p => deal.RecordCheckpoint(playbook, p.Factor, p.Level, note, evidence, activity.OccurredAt, actorId, now, calendar))
            .ToList();
        return new RecordedVisit(activity, changes);
    }

    /// <summary>Whatever <see cref="Deal.RecordCheckpoint"/> could refuse after the activity was appended, refused before it.</summary>
    private static void EnsureProvable(Deal deal, Playbook playbook, string? note, IReadOnlyList<ProvedCheckpoint> proved, DateTimeOffset occurredAt)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new DomainException("note", RuleTexts.VisitNeedsNote);
        }

        for (var i = 0; i < proved.Count; i++)
        {
            var (factor, level) = proved[i];
            var ladder = playbook.Factor(factor);
            var state = deal.State(factor);
            if (proved.Take(i).Any(p => p.Factor == factor))
            {
                throw new DomainException($"checkpoints[{i}].factor", RuleTexts.VisitFactorTwice(ladder.Name));
            }

            if (level > ladder.MaxLevel)
            {
                throw new DomainException($"checkpoints[{i}].level", RuleTexts.LevelOffLadder(ladder.Name, ladder.MaxLevel, level));
            }

            if (level <= state.Level)
            {
                throw new DomainException($"checkpoints[{i}].level", RuleTexts.VisitProvesAdvance(ladder.Name, state.Level, level));
            }

            if (state.ChangedAt is { } latest && occurredAt < latest)
            {
                throw new DomainException("occurredAt", RuleTexts.BeforeLatestChange(ladder.Name, latest.ToString("u", CultureInfo.InvariantCulture)));
            }
        }
    }
}
