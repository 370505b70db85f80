namespace KeyAccountPipeline.Data.Playbooks;

/// <summary>One saved version of the playbook, as a JSON document. Versions are never overwritten.</summary>
public sealed class PlaybookRecord
{
    public int Version { get; set; }

    public required string Document { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
