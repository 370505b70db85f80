namespace KeyAccountPipeline.Data.Playbooks;

/// <summary>One saved version of the playbook, as a JSON document. Versions are never overwritten.</summary>
public sealed class PlaybookRecord
{
    public int Version { get; set; }

    public required string Document { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The admin who saved this version; null for the version the system stored (METHOD.md's default).</summary>
    public Guid? CreatedById { get; set; }
}
