using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain.Insights;

/// <summary>One recorded level change, as much of it as replaying a deal's stages needs.</summary>
public sealed record LevelStep(Factor Factor, int To, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt);

/// <summary>A deal's time in one stage, from the local day it entered to the local day it left.</summary>
public sealed record StageStay(string StageKey, DateOnly Entered, DateOnly Left)
{
    public int Days => Left.DayNumber - Entered.DayNumber;
}

/// <summary>
/// How long deals stay in each stage. Stages are never stored, so they are replayed: the deal starts at level 0
/// everywhere on its start date (or its first change, if that is earlier), each change in the order it happened
/// moves one level, and the stage after each change is the playbook's gate evaluation of the five levels. A stay
/// ends when the stage changes (up or down) or when the deal was closed; the stay a deal is still in has no end
/// yet and is not counted. A stage jumped over by one change was never entered, so it has no stay.
/// </summary>
public static class StageStays
{
    public static IReadOnlyList<StageStay> Of(
        Playbook playbook, DateOnly startedOn, IEnumerable<LevelStep> changes, DateOnly? closedOn, Func<DateTimeOffset, DateOnly> localDate)
    {
        var ordered = changes.OrderBy(c => c.OccurredAt).ThenBy(c => c.RecordedAt).ToList();
        var levels = Levels.Zero;
        var stage = playbook.Evaluate(levels).Stage.Key;
        var entered = ordered.Count > 0 && localDate(ordered[0].OccurredAt) < startedOn ? localDate(ordered[0].OccurredAt) : startedOn;
        var stays = new List<StageStay>();
        foreach (var change in ordered)
        {
            levels = levels.With(change.Factor, change.To);
            var now = playbook.Evaluate(levels).Stage.Key;
            if (now != stage)
            {
                var day = localDate(change.OccurredAt);
                stays.Add(new StageStay(stage, entered, day));
                (stage, entered) = (now, day);
            }
        }

        if (closedOn is { } closed)
        {
            stays.Add(new StageStay(stage, entered, closed < entered ? entered : closed));
        }

        return stays;
    }

    /// <summary>The middle value (the mean of the two middle values for an even count); null when there are none.</summary>
    public static double? Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}
