using System.Globalization;
using System.Net;
using System.Text.Json;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Web.Texts;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>What a "confirm your email" notification says: the address and the absolute link that confirms it (JSON in <see cref="Notification.Facts"/>).</summary>
public sealed record ConfirmEmailFacts(string Email, string Link);

/// <summary>
/// Renders <see cref="NotificationKind.ConfirmEmail"/> (issue 17 §4): the subject, the address to confirm and the link, in
/// text, HTML (a link a phone's mail app shows as a button) and Markdown. Written by <see cref="EmailConfirmation"/>,
/// delivered by the outbox by email only.
/// </summary>
public sealed class ConfirmEmailMessages : INotificationRenderer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool Renders(NotificationKind kind) => kind == NotificationKind.ConfirmEmail;

    /// <exception cref="JsonException">The facts are not a <see cref="ConfirmEmailFacts"/> (a programming error).</exception>
    public NotificationMessage Render(Notification notification, CultureInfo culture)
    {
        var facts = JsonSerializer.Deserialize<ConfirmEmailFacts>(notification.Facts, Json) ?? throw new JsonException("No facts.");
        var link = new Uri(facts.Link, UriKind.Absolute);
        var subject = Ui.ConfirmEmailSubject.For(culture);
        var body = string.Format(culture, Ui.ConfirmEmailBody.For(culture), facts.Email);
        var ignore = Ui.ConfirmEmailIgnore.For(culture);
        var button = Ui.ConfirmEmailButton.For(culture);
        var text = $"{body}\n\n{link.AbsoluteUri}\n\n{ignore}\n";
        var href = WebUtility.HtmlEncode(link.AbsoluteUri);
        var html = $"""
            <!DOCTYPE html><html lang="{culture.Name}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{WebUtility.HtmlEncode(subject)}</title></head>
            <body style="font-family:sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:560px;margin:0 auto;padding:16px">
            <h1 style="font-size:20px">{WebUtility.HtmlEncode(subject)}</h1>
            <p>{WebUtility.HtmlEncode(body)}</p>
            <p><a href="{href}" style="display:inline-block;background:#0d3b66;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none">{WebUtility.HtmlEncode(button)}</a></p>
            <p style="word-break:break-all;font-size:14px"><a href="{href}">{href}</a></p>
            <p style="color:#555;font-size:14px">{WebUtility.HtmlEncode(ignore)}</p>
            </body></html>
            """;
        var markdown = $"**{subject}**\n\n{body}\n\n[{button}]({link.AbsoluteUri})\n\n{ignore}";
        return new NotificationMessage(subject, text, html, markdown, link);
    }
}
