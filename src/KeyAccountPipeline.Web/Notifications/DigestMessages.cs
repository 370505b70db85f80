using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Domain.Signals;
using KeyAccountPipeline.Web.Texts;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>
/// Renders the weekly ladder digest (<see cref="NotificationKind.WeeklyDigest"/>) from its <see cref="DigestFacts"/> in the
/// reader's language: a subject with the counts, a plain-text part, an HTML part for a phone's mail app (one column at most
/// 600 px wide, inline styles, no image, font or stylesheet fetched from anywhere) and Markdown for the group robots. The
/// three are written from one outline, so they say the same things in the same order. Lists are cut at
/// <see cref="MailItems"/> items in mail and <see cref="ChatItems"/> in a group chat (WeCom refuses Markdown over 4,096
/// bytes), each cut saying how many more there are; the link opens the rest.
/// </summary>
public sealed class DigestMessages(NotificationPublicUrl links) : INotificationRenderer
{
    /// <summary>The longest list in the text and HTML parts.</summary>
    public const int MailItems = 20;

    /// <summary>The longest list in Markdown (a group robot's message).</summary>
    public const int ChatItems = 5;

    // Chinese stays as it is (UTF-8), not a numeric reference per character: half the size, and readable in a mail's source.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public bool Renders(NotificationKind kind) => kind == NotificationKind.WeeklyDigest;

    /// <exception cref="System.Text.Json.JsonException">The notification's facts are not a digest's.</exception>
    public NotificationMessage Render(Notification notification, CultureInfo culture)
    {
        var facts = DigestFacts.FromJson(notification.Facts);
        // The catalogue and Display read the current culture (as a page does); a render is synchronous, so setting it here
        // and putting it back is seen by this render alone.
        var (ui, formatting) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = culture;
        try
        {
            var link = links.Link(facts.Team is null ? "/" : "/review");
            var subject = Subject(facts);
            return new NotificationMessage(
                subject,
                Text(subject, Outline(facts, link, MailItems)),
                Html(subject, culture, Outline(facts, link, MailItems)),
                Markdown(subject, Outline(facts, link, ChatItems)),
                link);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formatting);
        }
    }

    private static string Subject(DigestFacts facts)
    {
        var counts = new List<string>();
        void Count(Plural text, int count)
        {
            if (count > 0)
            {
                counts.Add(text.Format(count));
            }
        }

        Count(Ui.DigestStuckCount, facts.StuckDeals.Count);
        Count(Ui.DigestActionCount, facts.Actions.Count);
        if (facts.Team is { } team)
        {
            Count(Ui.DigestRegressionCount, team.Regressions.Count);
            Count(Ui.DigestNewlyStalledCount, team.NewlyStalled.Count);
            Count(Ui.DigestOverdueCount, team.Overdue.Count);
        }

        var title = Ui.DigestTitle.Format(Display.Date(facts.Week));
        return counts.Count == 0 ? title : Ui.DigestTitleWithCounts.Format(title, string.Join(Ui.ListSeparator.Current, counts));
    }

    /// <summary>What the digest says, in order: the greeting, the person's stuck deals and action items, the team's window.</summary>
    private IEnumerable<Block> Outline(DigestFacts facts, Uri link, int limit)
    {
        yield return new Paragraph(Ui.DigestGreeting.Format(facts.PersonName));
        if (facts.StuckDeals.Count > 0)
        {
            yield return new Heading(Ui.DigestYourStuckDeals.Format(facts.StuckDeals.Count), Accent.Stalled);
            foreach (var block in Cut(facts.StuckDeals, limit, DealItem))
            {
                yield return block;
            }
        }
        else if (facts.Team is null)
        {
            yield return new Paragraph(Ui.DigestNothingStuck.Current);
        }

        if (facts.Actions.Count > 0)
        {
            yield return new Heading(Ui.DigestYourActions.Format(facts.Actions.Count), Accent.Plain);
            foreach (var block in Cut(facts.Actions, limit, a => new Item(Due(a, facts.Today), [], a.DueOn < facts.Today ? Accent.Stalled : Accent.Plain)))
            {
                yield return block;
            }

            yield return new Button(Ui.DigestOpenMyActions.Current, links.Link("/my/actions"));
        }

        if (facts.Team is not { } team)
        {
            yield return new Button(Ui.DigestOpenBoard.Current, link);
            yield break;
        }

        var since = team.SinceReview ? Ui.DigestSinceLastReview.Format(Display.Date(team.Since)) : Ui.DigestSinceDate.Format(Display.Date(team.Since));
        yield return new Heading(Ui.DigestTeam.Format(since), Accent.Plain);
        if (team.IsEmpty)
        {
            yield return new Paragraph(Ui.DigestTeamQuiet.Current);
        }

        foreach (var block in Section(Ui.DigestRegressions, team.Regressions, limit, r => new Item(Ui.DigestRegressionItem.Format(
                     r.Customer, r.Title, r.OwnerName, r.FactorName.Current, r.From, r.To, r.By, Flat(r.Reason)), [], Accent.Regressed, links.Link($"/deals/{r.DealId}")))
                 .Concat(Section(Ui.DigestNewlyStalled, team.NewlyStalled, limit, s => new Item(Ui.DigestStalledItem.Format(
                     s.Customer, s.Title, s.OwnerName, s.Stage.Current), [], Accent.Stalled, links.Link($"/deals/{s.DealId}"))))
                 .Concat(Section(Ui.DigestOverdue, team.Overdue, limit, a => new Item(Ui.DigestTeamOverdueItem.Format(
                     Display.Date(a.DueOn), a.OwnerName, a.Customer, Flat(a.Text)), [], Accent.Stalled))))
        {
            yield return block;
        }

        yield return new Button(Ui.DigestOpenReview.Current, link);
    }

    private Item DealItem(DigestDeal deal)
    {
        var lines = new List<string>();
        if (deal.StalledDays is { } days)
        {
            lines.Add(Ui.DigestFlagLine.Format(Display.Glyph(Flag.Stalled), Ui.Label(Flag.Stalled).Current, Ui.StalledReason.Format(days, deal.Stage.Current, deal.AllowedDays)));
        }

        if (deal.BusyActivities is { } activities)
        {
            lines.Add(Ui.DigestFlagLine.Format(Display.Glyph(Flag.BusyButStuck), Ui.Label(Flag.BusyButStuck).Current, Ui.BusyReason.Format(activities, deal.BusyWindowDays)));
        }

        if (deal.FactorName is { } factor && deal.NextCheckpoint is { } checkpoint && deal.Level is { } level)
        {
            var where = Ui.MissingItemText.Format(factor.Current, level, deal.Needs);
            lines.Add(Ui.DigestNextCheckpoint.Format(where, checkpoint.Numbered(level + 1).Current));
        }
        else
        {
            lines.Add(Ui.DigestLaddersFull.Current);
        }

        if (deal.Question is { } question)
        {
            lines.Add(Ui.DigestAsk.Format(question.Current));
        }

        return new Item($"{deal.Customer} · {deal.Title} — {deal.Stage.Current}", lines, Accent.Stalled, links.Link($"/deals/{deal.DealId}"));
    }

    private static string Due(DigestAction action, DateOnly today) =>
        (action.DueOn < today ? Ui.DigestOverdueItem : Ui.DigestDue).Format(Display.Date(action.DueOn), action.Customer, Flat(action.Text));

    private static IEnumerable<Block> Section<T>(Domain.Playbooks.Localized heading, IReadOnlyList<T> items, int limit, Func<T, Item> item)
    {
        if (items.Count == 0)
        {
            return [];
        }

        return Cut(items, limit, item).Prepend(new Heading(heading.Format(items.Count), Accent.Plain, Minor: true));
    }

    private static IEnumerable<Block> Cut<T>(IReadOnlyList<T> items, int limit, Func<T, Item> item)
    {
        foreach (var each in items.Take(limit))
        {
            yield return item(each);
        }

        if (items.Count > limit)
        {
            yield return new Paragraph(Ui.DigestMore.Format(items.Count - limit));
        }
    }

    /// <summary>A person's text on one line: a note or action typed with line breaks must not break a list item apart.</summary>
    private static string Flat(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Text(string subject, IEnumerable<Block> blocks)
    {
        var text = new StringBuilder(subject).Append('\n');
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Heading heading:
                    text.Append('\n').Append(heading.Text).Append('\n');
                    break;
                case Paragraph paragraph:
                    text.Append('\n').Append(paragraph.Text).Append('\n');
                    break;
                case Item item:
                    text.Append("- ").Append(item.Head).Append('\n');
                    foreach (var line in item.Lines)
                    {
                        text.Append("  ").Append(line).Append('\n');
                    }

                    if (item.Link is { } url)
                    {
                        text.Append("  ").Append(url).Append('\n');
                    }

                    break;
                case Button button:
                    text.Append('\n').Append(button.Text).Append(": ").Append(button.Link).Append('\n');
                    break;
            }
        }

        return text.ToString();
    }

    private static string Html(string subject, CultureInfo culture, IEnumerable<Block> blocks)
    {
        var e = Encoder;
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"").Append(culture.Name).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").Append(e.Encode(subject)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:0;background:#f3f4f6;\">")
            .Append("<div style=\"max-width:600px;margin:0 auto;padding:16px;background:#ffffff;color:#1f2937;")
            .Append("font-family:-apple-system,'PingFang SC','Microsoft YaHei','Segoe UI',Roboto,Arial,sans-serif;font-size:16px;line-height:1.5;\">")
            .Append("<h1 style=\"font-size:20px;line-height:1.3;margin:0 0 12px;\">").Append(e.Encode(subject)).Append("</h1>");
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Heading heading:
                    html.Append(heading.Minor ? "<h3 style=\"font-size:16px;margin:16px 0 8px;\">" : "<h2 style=\"font-size:18px;margin:24px 0 8px;padding-bottom:4px;border-bottom:2px solid ")
                        .Append(heading.Minor ? string.Empty : Colour(heading.Accent) + ";\">").Append(e.Encode(heading.Text)).Append(heading.Minor ? "</h3>" : "</h2>");
                    break;
                case Paragraph paragraph:
                    html.Append("<p style=\"margin:8px 0;\">").Append(e.Encode(paragraph.Text)).Append("</p>");
                    break;
                case Item item:
                    html.Append("<div style=\"margin:0 0 12px;padding:8px 12px;background:#f9fafb;border-left:4px solid ").Append(Colour(item.Accent)).Append(";\">")
                        .Append("<p style=\"margin:0;font-weight:600;\">").Append(e.Encode(item.Head)).Append("</p>");
                    foreach (var line in item.Lines)
                    {
                        html.Append("<p style=\"margin:4px 0 0;\">").Append(e.Encode(line)).Append("</p>");
                    }

                    if (item.Link is { } url)
                    {
                        // Padded to a 44 px tap target without looking like a second button.
                        html.Append("<p style=\"margin:0;\"><a href=\"").Append(e.Encode(url.AbsoluteUri))
                            .Append("\" style=\"display:inline-block;padding:10px 0;min-height:24px;color:#1d4ed8;\">")
                            .Append(e.Encode(Ui.DigestOpenDeal.Current)).Append("</a></p>");
                    }

                    html.Append("</div>");
                    break;
                case Button button:
                    // A large tap target (≥ 44 px high), white on dark blue (contrast 8.6:1).
                    html.Append("<p style=\"margin:16px 0;\"><a href=\"").Append(e.Encode(button.Link.AbsoluteUri))
                        .Append("\" style=\"display:inline-block;padding:12px 20px;background:#1e40af;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600;\">")
                        .Append(e.Encode(button.Text)).Append("</a></p>");
                    break;
            }
        }

        return html.Append("</div></body></html>").ToString();
    }

    private static string Markdown(string subject, IEnumerable<Block> blocks)
    {
        var markdown = new StringBuilder("### ").Append(Escape(subject)).Append('\n');
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Heading heading:
                    markdown.Append("\n**").Append(Escape(heading.Text)).Append("**\n");
                    break;
                case Paragraph paragraph:
                    markdown.Append('\n').Append(Escape(paragraph.Text)).Append('\n');
                    break;
                case Item item:
                    markdown.Append("\n- ").Append(Escape(item.Head)).Append('\n');
                    foreach (var line in item.Lines)
                    {
                        markdown.Append("  ").Append(Escape(line)).Append('\n');
                    }

                    if (item.Link is { } url)
                    {
                        markdown.Append("  [").Append(Escape(Ui.DigestOpenDeal.Current)).Append("](").Append(url.AbsoluteUri).Append(")\n");
                    }

                    break;
                case Button button:
                    markdown.Append("\n[").Append(Escape(button.Text)).Append("](").Append(button.Link.AbsoluteUri).Append(")\n");
                    break;
            }
        }

        return markdown.ToString();
    }

    /// <summary>
    /// A person's words (a customer's name, a note) as literal text in the robots' Markdown: the characters that would start
    /// emphasis, a link, code or a tag (WeCom reads &lt;font&gt;) get a backslash, so "A*B Logistics" stays itself.
    /// </summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '[' or ']' or '`' or '<' or '>')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>The edge of an item: red for stalled or overdue, darker red for a regression, grey otherwise (the word says it too).</summary>
    private static string Colour(Accent accent) => accent switch
    {
        Accent.Stalled => "#c62828",
        Accent.Regressed => "#8e0000",
        _ => "#9ca3af",
    };

    private enum Accent
    {
        Plain,
        Stalled,
        Regressed,
    }

    private abstract record Block;

    private sealed record Heading(string Text, Accent Accent, bool Minor = false) : Block;

    private sealed record Paragraph(string Text) : Block;

    private sealed record Item(string Head, IReadOnlyList<string> Lines, Accent Accent, Uri? Link = null) : Block;

    private sealed record Button(string Text, Uri Link) : Block;
}
