using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Data.Notifications;

/// <summary>
/// One notification for one person: the bell's row and the outbox's row at once (issue 17 §2, §5). It is written in the
/// same transaction as the change that caused it; <see cref="PlannedAt"/> stays null until the dispatcher has written its
/// <see cref="Delivery"/> rows (one per channel the person chose), so nothing is lost when the app stops in between.
/// <see cref="DedupeKey"/> is unique: the same event (or the same person's digest of the same week) is recorded once,
/// however many instances try.
/// </summary>
public sealed class Notification
{
    private Notification()
    {
        Facts = DedupeKey = string.Empty;
    }

    /// <param name="facts">What the message says, as JSON (<see cref="NotificationFacts"/>, or the digest's content), read
    /// when the message is rendered in the reader's language.</param>
    public Notification(Guid personId, NotificationKind kind, Guid? dealId, Guid? actorId, DateTimeOffset occurredAt, string facts, string dedupeKey)
    {
        Id = Guid.CreateVersion7(occurredAt);
        PersonId = personId;
        Kind = kind;
        DealId = dealId;
        ActorId = actorId;
        OccurredAt = occurredAt.ToUniversalTime();
        Facts = facts;
        DedupeKey = dedupeKey;
    }

    public Guid Id { get; private set; }

    /// <summary>Whom it is for.</summary>
    public Guid PersonId { get; private set; }

    public NotificationKind Kind { get; private set; }

    /// <summary>The deal it links to; null for the digest and for "confirm your email".</summary>
    public Guid? DealId { get; private set; }

    /// <summary>Who caused it; null when time did (a deal became stalled, an item fell due).</summary>
    public Guid? ActorId { get; private set; }

    /// <summary>UTC instant of the event.</summary>
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>JSON: what the message says (<see cref="NotificationFacts"/> for events; the digest's own shape).</summary>
    public string Facts { get; private set; }

    /// <summary>Unique: "kind:subject:occasion", e.g. "dealStalled:{dealId}:{stalledSince}" or "weeklyDigest:{personId}:{monday}".</summary>
    public string DedupeKey { get; private set; }

    /// <summary>UTC instant the person read it; null while unread.</summary>
    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>UTC instant its deliveries were planned; null while it waits in the outbox.</summary>
    public DateTimeOffset? PlannedAt { get; private set; }

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;

    public void MarkPlanned(DateTimeOffset now) => PlannedAt ??= now;
}

/// <summary>
/// The facts an event's message is rendered from, in any language: names and titles as they were at the event, levels,
/// an action item's text and due day (the organisation's calendar day). Serialised into <see cref="Notification.Facts"/>.
/// <see cref="Factor"/> is the factor's key ("power"); <see cref="FactorName"/> its name in both languages as the playbook
/// of the change named it, so a message names the factor in its reader's language as it read then.
/// </summary>
public sealed record NotificationFacts(
    string? DealTitle = null,
    string? Customer = null,
    string? ActorName = null,
    string? Factor = null,
    int? FromLevel = null,
    int? ToLevel = null,
    string? Note = null,
    string? ActionText = null,
    DateOnly? DueOn = null,
    string? Outcome = null,
    int? Days = null,
    string? OwnerName = null,
    Localized? FactorName = null);
