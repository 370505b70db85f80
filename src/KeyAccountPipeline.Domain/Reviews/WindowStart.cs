using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Signals;
using KeyAccountPipeline.Domain.Time;

namespace KeyAccountPipeline.Domain.Reviews;

/// <summary>
/// How a deal stood at a past moment (a review window's start or end), rebuilt from its current state and what was
/// recorded after that moment, so "newly stalled" and "newly busy but stuck" mean the same rules (<see cref="DealSignals"/>)
/// read at two moments from the history as it had been recorded by each (METHOD.md, "Precise readings").
/// </summary>
public static class WindowStart
{
    /// <summary>
    /// Each factor's level before its first change recorded after the moment (the domain records a factor's
    /// changes in order, so that change's from-level is where the factor stood).
    /// </summary>
    public static Levels LevelsBefore(Levels now, IEnumerable<(Factor Factor, int From)> changesOldestFirst)
    {
        var levels = now;
        foreach (var (factor, from) in changesOldestFirst.Reverse())
        {
            levels = levels.With(factor, from);
        }

        return levels;
    }

    /// <summary>
    /// The status before the first status change recorded after the moment; null when the deal was created after it.
    /// A close does not say whether the deal was open or on hold before: taken as open.
    /// </summary>
    public static DealStatus? StatusBefore(DealStatus now, IEnumerable<DealEventKind> eventsOldestFirst)
    {
        foreach (var kind in eventsOldestFirst)
        {
            switch (kind)
            {
                case DealEventKind.Created: return null;
                case DealEventKind.PutOnHold: return DealStatus.Open;
                case DealEventKind.Resumed: return DealStatus.OnHold;
                case DealEventKind.Won or DealEventKind.Lost: return DealStatus.Open;
                case DealEventKind.Reopened: return DealStatus.Won;
            }
        }

        return now;
    }

    /// <summary>The flags the deal carried at the moment <paramref name="calendarAtStart"/> is stopped at; none when it did not exist yet.</summary>
    public static IReadOnlyList<Flag> FlagsAt(
        DealStatus? status, DateOnly startedOn, Levels levels, DateTimeOffset? lastUpwardAt, int activitiesInBusyWindow,
        Playbook playbook, OrgCalendar calendarAtStart)
    {
        if (status is not { } known)
        {
            return [];
        }

        var stage = playbook.Evaluate(levels).Stage;
        return DealSignals.Read(new SignalFacts(known, startedOn, lastUpwardAt, activitiesInBusyWindow, null), stage, playbook.Signals, calendarAtStart)
            .Flags;
    }
}
