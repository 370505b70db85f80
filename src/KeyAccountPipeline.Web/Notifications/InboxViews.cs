using System.Globalization;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Web.Texts;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>
/// One notification as the bell, the list and <c>GET /api/notifications</c> show it, in the reader's language.
/// </summary>
/// <param name="Subject">The line the bell shows (the message's subject).</param>
/// <param name="Text">The message's plain text.</param>
/// <param name="Path">Where it opens in the app, relative to its base: the deal ("deals/{id}"), the review, the settings.</param>
/// <param name="Link">The same as an absolute address (from <c>Notifications:PublicUrl</c>), as the email and robots carry it.</param>
/// <param name="ReadAt">UTC instant it was read; null while unread.</param>
public sealed record NotificationView(
    Guid Id, NotificationKind Kind, Guid? DealId, DateTimeOffset OccurredAt, DateTimeOffset? ReadAt, string Subject, string Text, string Path, string Link)
{
    public bool Read => ReadAt is not null;
}

/// <summary>A page of <c>GET /api/notifications</c>: the caller's own, newest first; <c>unread</c> is the bell's number.</summary>
public sealed record NotificationsPage(int Unread, int Total, int Page, int PageSize, IReadOnlyList<NotificationView> Items);

/// <summary>
/// Turns stored notifications into <see cref="NotificationView"/>s through <see cref="NotificationMessages"/>. A row whose
/// facts cannot be rendered (a kind without a renderer on this version, facts of an older shape) still shows, with the
/// event's name as its line and a link to its deal, and is logged: one odd row never empties a person's bell.
/// </summary>
public sealed class InboxViews(NotificationMessages messages, NotificationPublicUrl publicUrl, ILogger<InboxViews> logger)
{
    public NotificationView View(Notification notification, CultureInfo culture)
    {
        var fallbackPath = notification.DealId is { } deal ? $"deals/{deal:D}" : "notifications";
        NotificationMessage message;
        try
        {
            message = messages.Render(notification, culture);
        }
        catch (Exception error) when (error is InvalidOperationException or System.Text.Json.JsonException or FormatException or ArgumentException)
        {
            logger.LogWarning(error, "Notification {NotificationId} of kind {Kind} could not be rendered; shown by its kind", notification.Id, notification.Kind);
            var label = notification.Kind.Label().For(culture);
            message = new NotificationMessage(label, label, label, label, null);
        }

        // The app's own address of the message's link (the deal, the review): the bell opens it in this tab.
        var path = notification.DealId is { } id ? $"deals/{id:D}"
            : message.Link is { } link && publicUrl.Base.IsBaseOf(link) ? publicUrl.Base.MakeRelativeUri(link).OriginalString
            : fallbackPath;
        return new NotificationView(notification.Id, notification.Kind, notification.DealId, notification.OccurredAt, notification.ReadAt,
            message.Subject, message.Text, path, (message.Link ?? publicUrl.Link(path)).AbsoluteUri);
    }

    public IReadOnlyList<NotificationView> Views(IEnumerable<Notification> notifications, CultureInfo culture) =>
        [.. notifications.Select(n => View(n, culture))];
}
