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

/// <summary>One broken rule: the field it belongs to and the message in both languages.</summary>
public sealed record FieldError(string Field, Localized Text);

/// <summary>
/// Every broken rule of an edited playbook at once, so a form can mark each field. As a
/// <see cref="DomainException"/> its <see cref="DomainException.Field"/> and <see cref="DomainException.Text"/> are the first error.
/// </summary>
public sealed class PlaybookValidationException : DomainException
{
    public PlaybookValidationException(IReadOnlyList<FieldError> errors)
        : base(errors.Count > 0 ? errors[0].Field : throw new ArgumentException("At least one error is needed.", nameof(errors)), errors[0].Text)
    {
        Errors = errors;
    }

    public IReadOnlyList<FieldError> Errors { get; }
}

/// <summary>A playbook saved over a version that is no longer the current one: answered as 409.</summary>
public sealed class PlaybookConflictException(int currentVersion, Localized text) : Exception(text.En)
{
    /// <summary>The version the client should reload and edit instead.</summary>
    public int CurrentVersion { get; } = currentVersion;

    public Localized Text { get; } = text;
}
