using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Components.Deals;

/// <summary>What the deal page reads from a deal's checkpoint history.</summary>
public static class LevelHistory
{
    /// <summary>
    /// When each level from 1 up to <paramref name="current"/> was reached: the latest upward change
    /// that reached it. After a fall below a level and a climb back, the climb back is the date,
    /// because that is when the level reached today was reached.
    /// </summary>
    public static IReadOnlyDictionary<int, DateTimeOffset> ReachedAt(IEnumerable<CheckpointView> history, Factor factor, int current)
    {
        var reached = new Dictionary<int, DateTimeOffset>();
        foreach (var change in Of(history, factor).Where(c => c.To > c.From))
        {
            for (var level = change.From + 1; level <= Math.Min(change.To, current); level++)
            {
                reached[level] = change.OccurredAt;
            }
        }

        return reached;
    }

    /// <summary>One factor's changes in the order they happened; a corrected change is left out (its correction carries the pair).</summary>
    public static IReadOnlyList<CheckpointView> Of(IEnumerable<CheckpointView> history, Factor factor) =>
        history.Where(c => c.Factor == factor && c.CorrectedBy is null).OrderBy(c => c.OccurredAt).ThenBy(c => c.RecordedAt).ToList();
}
