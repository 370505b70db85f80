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
