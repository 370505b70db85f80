namespace KeyAccountPipeline.Domain.Deals;

/// <summary>
/// A factor's current level and when its latest change happened. A cache of the checkpoint
/// history, written in the same transaction as the history row (see docs/decisions/0001).
/// </summary>
public sealed record FactorState(int Level, DateTimeOffset? ChangedAt)
{
    public static FactorState Initial => new(0, null);
}
