using KeyAccountPipeline.Data.Deals;

namespace KeyAccountPipeline.Data.Playbooks;

/// <summary>One line of the playbook's history: which version, when, and by whom (null: the system's default).</summary>
public sealed record PlaybookVersionInfo(int Version, DateTimeOffset CreatedAt, PersonRef? CreatedBy);
