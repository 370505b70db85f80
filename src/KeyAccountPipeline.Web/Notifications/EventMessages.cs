using System.Globalization;
using System.Net;
using System.Text;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Texts;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>
/// Renders every event notification (issue 17 §1: every kind but the weekly digest and "confirm your email") in its reader's
/// language from the facts stored with it: a subject that says what happened on which deal and who did it, detail lines (the
/// note, the reason and levels of a regression with the factor named as the playbook named it, an action item's due day), and
/// the absolute link to the deal (<see cref="NotificationPublicUrl"/> + "deals/{id}"). The HTML is one column with
/// inline styles and a large link button, readable in a phone's mail app; the Markdown is the subset the group robots read.
/// Every text from people (names, titles, notes) is encoded for HTML and escaped for Markdown.
/// </summary>
public sealed class EventMessages(NotificationPublicUrl publicUrl) : INotificationRenderer
{
    public bool Renders(NotificationKind kind) => kind is not (NotificationKind.WeeklyDigest or NotificationKind.ConfirmEmail);

    /// <exception cref="ArgumentOutOfRangeException">A kind this renderer does not render.</exception>
    public NotificationMessage Render(Notification notification, CultureInfo culture)
    {
        var facts = EventNotifications.FactsOf(notification);
        var (subject, lines) = Compose(notification.Kind, facts, culture);
        var link = notification.DealId is { } dealId ? publicUrl.Link($"/deals/{dealId:D}") : null;
        var open = Ui.NotifiedOpenDeal.For(culture);
        return new NotificationMessage(subject, Text(subject, lines, open, link), Html(subject, lines, open, link, culture), Markdown(subject, lines, open, link), link);
    }

    private static (string Subject, List<string> Lines) Compose(NotificationKind kind, NotificationFacts facts, CultureInfo culture)
    {
        string T(Localized text, params object?[] args) => string.Format(culture, text.For(culture), args);
        var deal = T(Ui.NotifiedDeal, facts.Customer ?? string.Empty, facts.DealTitle ?? string.Empty);
        var actor = facts.ActorName ?? Ui.SomeoneNotified.For(culture);
        var owner = facts.OwnerName ?? Ui.SomeoneNotified.For(culture);
        var lines = new List<string>();
        void Line(Localized text, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                lines.Add(T(text, value));
            }
        }

        void ActionLines()
        {
            Line(Ui.NotifiedDealLine, deal);
            Line(Ui.NotifiedDue, facts.DueOn is { } due ? Display.Date(due, culture) : null);
        }

        void RegressionLines()
        {
            lines.Add(T(Ui.NotifiedLevels, FactorName(facts, culture), facts.FromLevel, facts.ToLevel));
            Line(Ui.NotifiedReason, facts.Note);
        }

        string subject;
        switch (kind)
        {
            case NotificationKind.CoachingNote:
                subject = T(Ui.NotifyCoachingNote, actor, deal);
                Line(Ui.NotifiedNote, facts.Note);
                break;
            case NotificationKind.DealAssigned:
                subject = T(Ui.NotifyDealAssigned, actor, deal);
                Line(Ui.NotifiedPreviousOwner, facts.OwnerName);
                break;
            case NotificationKind.DealTakenAway:
                subject = T(Ui.NotifyDealTakenAway, actor, deal, owner);
                break;
            case NotificationKind.ActionAssigned:
                subject = T(Ui.NotifyActionAssigned, actor, facts.ActionText);
                ActionLines();
                break;
            case NotificationKind.ActionDueTomorrow:
                subject = T(Ui.NotifyActionDueTomorrow, facts.ActionText);
                ActionLines();
                break;
            case NotificationKind.ActionOverdue:
                subject = T(Ui.NotifyActionOverdue, facts.ActionText);
                ActionLines();
                if (facts.Days is > 0 and var late)
                {
                    lines.Add(Ui.NotifiedOverdueBy.Format(culture, late));
                }

                break;
            case NotificationKind.DealRegressed:
                subject = T(Ui.NotifyDealRegressed, actor, deal, FactorName(facts, culture), facts.FromLevel, facts.ToLevel);
                RegressionLines();
                break;
            case NotificationKind.TeamRegression:
                subject = T(Ui.NotifyTeamRegression, owner, deal, FactorName(facts, culture), facts.FromLevel, facts.ToLevel);
                RegressionLines();
                break;
            case NotificationKind.DealStalled:
                subject = Ui.NotifyDealStalled.Format(culture, facts.Days ?? 0, deal);
                break;
            case NotificationKind.DealBusyButStuck:
                subject = Ui.NotifyDealBusyButStuck.Format(culture, facts.Days ?? 0, deal);
                break;
            case NotificationKind.TeamStalled:
                subject = Ui.NotifyTeamStalled.Format(culture, facts.Days ?? 0, deal, owner);
                break;
            case NotificationKind.DealClosed:
                subject = T(facts.Outcome == "won" ? Ui.NotifyDealWon : Ui.NotifyDealLost, actor, deal);
                Line(Ui.NotifiedNote, facts.Note);
                break;
            case NotificationKind.DealReopened:
                subject = T(Ui.NotifyDealReopened, actor, deal);
                Line(Ui.NotifiedNote, facts.Note);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an event this renderer renders.");
        }

        return (subject, lines);
    }

    /// <summary>The factor as the playbook of the change named it, in the reader's language; its key when that was not kept.</summary>
    private static string FactorName(NotificationFacts facts, CultureInfo culture) => facts.FactorName?.For(culture) ?? facts.Factor ?? string.Empty;

    private static string Text(string subject, List<string> lines, string open, Uri? link)
    {
        var text = new StringBuilder(subject).Append("\n\n");
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        if (link is not null)
        {
            text.Append('\n').Append(open).Append(": ").Append(link.AbsoluteUri).Append('\n');
        }

        return text.ToString();
    }

    private static string Html(string subject, List<string> lines, string open, Uri? link, CultureInfo culture)
    {
        static string Encode(string text) => WebUtility.HtmlEncode(text).ReplaceLineEndings("<br>");
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(culture.Name).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").Append(Encode(subject)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:0;background:#f5f6f8;\">")
            .Append("<div style=\"max-width:600px;margin:0 auto;padding:20px 16px;background:#ffffff;color:#1f2328;")
            .Append("font-family:-apple-system,'PingFang SC','Microsoft YaHei','Segoe UI',Arial,sans-serif;font-size:16px;line-height:1.6;\">")
            .Append("<p style=\"margin:0 0 16px;font-size:18px;font-weight:600;\">").Append(Encode(subject)).Append("</p>");
        foreach (var line in lines)
        {
            html.Append("<p style=\"margin:0 0 8px;\">").Append(Encode(line)).Append("</p>");
        }

        if (link is not null)
        {
            html.Append("<p style=\"margin:24px 0 0;\"><a href=\"").Append(WebUtility.HtmlEncode(link.AbsoluteUri))
                .Append("\" style=\"display:inline-block;padding:12px 20px;background:#1565c0;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600;\">")
                .Append(Encode(open)).Append("</a></p>");
        }

        return html.Append("</div></body></html>").ToString();
    }

    private static string Markdown(string subject, List<string> lines, string open, Uri? link)
    {
        var markdown = new StringBuilder("**").Append(Escape(subject)).Append("**\n\n");
        foreach (var line in lines)
        {
            markdown.Append(Escape(line)).Append("\n\n");
        }

        if (link is not null)
        {
            markdown.Append('[').Append(Escape(open)).Append("](").Append(link.AbsoluteUri).Append(")\n");
        }

        return markdown.ToString();
    }

    /// <summary>
    /// People's text as plain Markdown text: the characters that would start emphasis, a link, code or HTML are escaped, and
    /// its line breaks become spaces, so a note cannot make a heading, a list or a link of its own in a group chat.
    /// </summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            if (c is '\\' or '*' or '_' or '`' or '[' or ']' or '(' or ')' or '<' or '>' or '#' or '~' or '|')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
