namespace KeyAccountPipeline.Domain.Playbooks;

/// <summary>The five factors of the method, in METHOD.md order (the order breaks ties).</summary>
public enum Factor
{
    Need,
    Power,
    Goal,
    Value,
    Collaboration,
}

/// <summary>
/// The one list of the five factors, in METHOD.md order. Every mapping, header, validator, colour and chart that
/// needs all five loops over <see cref="All"/> rather than spelling them out.
/// </summary>
public static class Factors
{
    /// <summary>Need, Power, Goal, Value, Collaboration: five items, in METHOD.md order.</summary>
    public static IReadOnlyList<Factor> All { get; } = [Factor.Need, Factor.Power, Factor.Goal, Factor.Value, Factor.Collaboration];
}
