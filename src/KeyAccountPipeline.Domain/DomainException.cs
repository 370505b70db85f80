using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain;

/// <summary>A broken rule caused by the input: answered as 400 naming <see cref="Field"/>.</summary>
public class DomainException(string field, Localized text) : Exception(text.En)
{
    public string Field { get; } = field;

    /// <summary>The message in both languages; <see cref="Exception.Message"/> is the English one, for logs.</summary>
    public Localized Text { get; } = text;
}

/// <summary>A change the deal's current state does not allow (closed deal, stale version): answered as 409.</summary>
public class DealConflictException(Guid dealId, Localized text) : Exception(text.En)
{
    /// <summary>The deal whose current state the client should be shown.</summary>
    public Guid DealId { get; } = dealId;

    public Localized Text { get; } = text;
}

/// <summary>The signed-in person may not do this (a rep on another's deal, a rep editing the playbook): answered as 403.</summary>
public class AccessDeniedException(Localized text) : Exception(text.En)
{
    public Localized Text { get; } = text;
}
