using System.Globalization;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>
/// A notification as one channel shows it, in one language: the subject (the bell's line, the email's subject, the robot
/// message's title), plain text (the email's text part, a phone's preview), HTML (the email's HTML part), Markdown (the
/// group robots, which all read a Markdown subset), and the absolute link to open (its deal, the review, the settings).
/// </summary>
public sealed record NotificationMessage(string Subject, string Text, string Html, string Markdown, Uri? Link);

/// <summary>Renders some kinds of notification (events: <c>EventMessages</c>; the weekly digest: <c>DigestMessages</c>).</summary>
public interface INotificationRenderer
{
    /// <summary>Whether this renderer renders <paramref name="kind"/>; exactly one renderer does for each kind.</summary>
    bool Renders(NotificationKind kind);

    /// <summary>The message in <paramref name="culture"/> ("zh-CN" or "en-US"), from the notification's stored facts.</summary>
    NotificationMessage Render(Notification notification, CultureInfo culture);
}

/// <summary>Every kind's renderer, chosen by kind: what the bell, the senders and the digest call.</summary>
public sealed class NotificationMessages(IEnumerable<INotificationRenderer> renderers)
{
    private readonly INotificationRenderer[] _renderers = [.. renderers];

    /// <exception cref="InvalidOperationException">No renderer renders the notification's kind (a programming error).</exception>
    public NotificationMessage Render(Notification notification, CultureInfo culture) =>
        (_renderers.FirstOrDefault(r => r.Renders(notification.Kind))
         ?? throw new InvalidOperationException($"Nothing renders notifications of kind {notification.Kind}.")).Render(notification, culture);
}

/// <summary>What a sender made of one attempt (issue 17 §5).</summary>
public abstract record SendOutcome
{
    /// <summary>Delivered: the server accepted the message (an SMTP 250, a robot's errcode 0).</summary>
    public sealed record Sent : SendOutcome;

    /// <summary>Not now: try again later (a rate limit, a timeout, a server down); <paramref name="After"/> when the channel said when.</summary>
    public sealed record RetryLater(string Error, TimeSpan? After = null) : SendOutcome;

    /// <summary>Never: the channel refused the message for good (a bad address, a wrong signature, a removed robot).</summary>
    public sealed record Failed(string Error) : SendOutcome;
}

/// <summary>One channel's sender (email over SMTP; WeCom, DingTalk, Feishu robots). Never throws for a delivery problem: it answers an outcome.</summary>
public interface IDeliverySender
{
    DeliveryChannel Channel { get; }

    /// <summary>One attempt to deliver <paramref name="message"/> for <paramref name="delivery"/> (its address or its robot's channel id).</summary>
    Task<SendOutcome> SendAsync(Delivery delivery, NotificationMessage message, CancellationToken cancellationToken);
}
