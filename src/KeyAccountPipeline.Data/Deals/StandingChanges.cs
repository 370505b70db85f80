using KeyAccountPipeline.Domain.Deals;

namespace KeyAccountPipeline.Data.Deals;

/// <summary>
/// The checkpoint changes that count (METHOD.md, "Corrections are not regressions"): every row but those a later row corrects.
/// A correction row carries the pair's net change (from the corrected change's from-level to the level meant, dated at the
/// corrected change), so counting it and leaving out the corrected row reads the pair as one change; a correction back to
/// the from-level moves nothing, and readers that count changes leave out rows whose from and to are equal.
/// </summary>
public static class StandingChanges
{
    /// <summary>The deal history's rows that no correction corrects, as one query (NOT EXISTS over the unique correction index).</summary>
    public static IQueryable<CheckpointChange> StandingCheckpointChanges(this PipelineDbContext db) =>
        db.CheckpointChanges.Where(c => !db.CheckpointChanges.Any(k => k.CorrectsChangeId == c.Id));
}
