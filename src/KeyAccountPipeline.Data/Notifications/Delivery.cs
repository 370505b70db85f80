using KeyAccountPipeline.Domain.Notifications;

namespace KeyAccountPipeline.Data.Notifications;

/// <summary>
/// One notification on its way to one channel (issue 17 §5): email to the person's confirmed address, or a group robot.
/// Unique per notification, channel and robot, so planning twice writes it once. A sender claims a row by taking its
/// lease (<see cref="LeaseUntil"/>; on PostgreSQL under <c>FOR UPDATE SKIP LOCKED</c>), delivers, and marks it sent, or
/// counts the attempt and sets <see cref="NextAttemptAt"/> (backoff), or marks it failed with <see cref="LastError"/>.
/// </summary>
public sealed class Delivery
{
    private Delivery()
    {
    }

    public Delivery(Guid notificationId, Guid personId, DeliveryChannel channel, Guid? channelId, string? address, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        NotificationId = notificationId;
        PersonId = personId;
        Channel = channel;
        ChannelId = channelId;
        Address = address;
        Status = DeliveryStatus.Pending;
        CreatedAt = NextAttemptAt = now;
    }

    public Guid Id { get; private set; }

    public Guid NotificationId { get; private set; }

    public Notification? Notification { get; private set; }

    /// <summary>Whom the notification is for (the robot posts it to a group, but it is still about this person).</summary>
    public Guid PersonId { get; private set; }

    public DeliveryChannel Channel { get; private set; }

    /// <summary>The robot's <see cref="ChannelRecord"/>; for email, the email channel's record.</summary>
    public Guid? ChannelId { get; private set; }

    /// <summary>The email address it goes to (as it was when planned); null for a robot.</summary>
    public string? Address { get; private set; }

    public DeliveryStatus Status { get; set; }

    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; set; }

    /// <summary>UTC: not tried before this instant (the backoff).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>UTC: the instance that claimed it owns it until then; after, another may take it over.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Which instance holds the lease (for the log).</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>The last failure, as the channel said it (never a URL or a secret).</summary>
    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; set; }
}
