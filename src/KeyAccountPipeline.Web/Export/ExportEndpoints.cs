using System.Globalization;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Time;
using KeyAccountPipeline.Web.Api;
using KeyAccountPipeline.Web.Auth;
using KeyAccountPipeline.Web.Texts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KeyAccountPipeline.Web.Export;

/// <summary>
/// The board and a deal's checkpoint history as CSV files. The same files twice: under /api for bearer tokens,
/// and under /export for the signed-in browser's cookie (the API refuses cookies), which the board's and the deal
/// page's download links use. Both are GET only and change nothing, so they need no antiforgery token.
/// </summary>
internal static class ExportEndpoints
{
    /// <summary>How many text elements of the customer's name a download's file name keeps.</summary>
    internal const int FileNameLimit = 60;

    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/export/board.csv", BoardAsync).WithTags("Export").Produces<string>(contentType: Csv.ContentType).RequireAuthorization(ApiPolicies.Member);
        app.MapGet("/api/deals/{id:guid}/history.csv", HistoryAsync).WithTags("Export").Produces<string>(contentType: Csv.ContentType).RequireAuthorization(ApiPolicies.Member);

        // The fallback policy applies: a signed-in cookie, as for every page; without one, off to the sign-in page like a page
        // (a link followed by the browser, not a script that could handle a 401).
        app.MapGet("/export/board.csv", BoardAsync).ExcludeFromDescription().AllowCookieRedirect();
        app.MapGet("/export/deals/{id:guid}/history.csv", HistoryAsync).ExcludeFromDescription().AllowCookieRedirect();
        app.MapImportDownloads();
        return app;
    }

    /// <summary>One row per deal in the board's order (stage columns, then won, then lost); every status unless <c>status</c> says otherwise.</summary>
    private static async Task<Results<FileContentHttpResult, ValidationProblem>> BoardAsync(
        [AsParameters] DealListQuery query, HttpRequest request, DealQueries queries, PlaybookStore playbooks, OrgCalendar calendar, CancellationToken ct)
    {
        var playbook = await playbooks.CurrentAsync(ct);
        query = query with { Status = query.Status ?? "all" };
        if (query.Errors(playbook) is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
        }

        var cards = Board.Of(await queries.CardsAsync(query.ToFilter(), ct), playbook).Cards;
        // One level column per factor, named and ordered as Factors.All (as the card's levels travel in JSON).
        var csv = new Csv(Headings(request,
        [
            ("customer", Ui.CustomerLabel), ("title", Ui.CsvTitle), ("owner", Ui.Owner), ("stage", Ui.CsvStage), ("stageName", Ui.StageLabel),
            ("status", Ui.StatusLabel), .. Factors.All.Select(f => (f.Key(), playbook.Factor(f).Name)),
            ("progress", Ui.ProgressLabel), ("flags", Ui.CsvFlags), ("daysSinceAdvance", Ui.CsvDaysSinceAdvance), ("annualValue", Ui.CsvAnnualValue),
            ("currency", Ui.CsvCurrency), ("id", Ui.CsvId),
        ]));
        foreach (var card in cards)
        {
            csv.Text(card.Customer).Text(card.Title).Text(card.Owner.Name).Text(card.Stage.Key).Text(card.Stage.Name.Current).Text(ApiEnum.Name(card.Status));
            foreach (var factor in Factors.All)
            {
                csv.Value(card.Levels[factor]);
            }

            csv.Value(card.Progress, "0.###").Text(string.Join(';', card.Flags.Select(ApiEnum.Name))).Value(card.DaysSinceAdvance)
                .Value(card.AnnualValue, "0.00").Text(card.Currency).Value(card.Id)
                .EndRow();
        }

        return TypedResults.File(csv.ToBytes(), Csv.ContentType, $"board-{Stamp(calendar.Today)}.csv");
    }

    /// <summary>Checkpoint changes oldest first; times in the organisation's zone, to the minute.</summary>
    private static async Task<Results<FileContentHttpResult, NotFound>> HistoryAsync(
        Guid id, HttpRequest request, DealQueries queries, OrgCalendar calendar, CancellationToken ct)
    {
        var card = await queries.CardAsync(id, ct);
        if (card is null || await queries.HistoryAsync(id, ct) is not { } history)
        {
            return TypedResults.NotFound();
        }

        var csv = new Csv(Headings(request,
        [
            ("occurredAt", Ui.CsvOccurredAt), ("recordedAt", Ui.CsvRecordedAt), ("factor", Ui.FactorLabel), ("from", Ui.CsvFrom), ("to", Ui.CsvTo),
            ("regression", Ui.Regression), ("checkpoint", Ui.CheckpointEntry), ("by", Ui.CsvBy), ("note", Ui.CsvNote), ("evidence", Ui.CsvEvidence),
            ("evidenceDetail", Ui.CsvEvidenceDetail),
        ]));
        foreach (var change in history)
        {
            csv.Value(Local(change.OccurredAt, calendar), "yyyy-MM-dd HH:mm").Value(Local(change.RecordedAt, calendar), "yyyy-MM-dd HH:mm")
                .Text(ApiEnum.Name(change.Factor)).Value(change.From).Value(change.To).Text(change.Regression ? "true" : "false")
                .Text(change.ToText.Current).Text(change.By.Name).Text(change.Note)
                .Text(change.Evidence is { } evidence ? ApiEnum.Name(evidence.Kind) : null).Text(change.Evidence?.Detail)
                .EndRow();
        }

        return TypedResults.File(csv.ToBytes(), Csv.ContentType, $"{FileNamePart(card.Customer)}-history-{Stamp(calendar.Today)}.csv");
    }

    /// <summary>
    /// The header row: the stable keys for the API (/api/..., what scripts read; the JSON's names), the reader's words
    /// for the browser's downloads (/export/..., opened in a spreadsheet by a person), in the request's UI culture
    /// (decision 0026-admin-phone). The cells below are the same either way.
    /// </summary>
    private static string[] Headings(HttpRequest request, IReadOnlyList<(string Key, Localized Text)> columns) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            ? columns.Select(c => c.Key).ToArray()
            : columns.Select(c => c.Text.Current).ToArray();

    /// <summary>The instant in the organisation's zone; one stored outside <see cref="DateLimits"/> is written clamped, never failing the file.</summary>
    private static DateTime Local(DateTimeOffset instant, OrgCalendar calendar) =>
        TimeZoneInfo.ConvertTime(DateLimits.Clamp(instant), calendar.Zone).DateTime;

    private static string Stamp(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The customer's name as a file name: no path or reserved characters, at most <see cref="FileNameLimit"/> text
    /// elements (what a reader counts as one character: an emoji with its skin tone or ZWJ joins, a letter with its
    /// accents), so the cut never splits one and the name never ends in "�".
    /// </summary>
    internal static string FileNamePart(string name)
    {
        var kept = new string(name.Select(c => char.IsControl(c) || "\\/:*?\"<>|".Contains(c, StringComparison.Ordinal) ? '_' : c).ToArray()).Trim();
        var elements = new StringInfo(kept);
        kept = elements.LengthInTextElements > FileNameLimit ? elements.SubstringByTextElements(0, FileNameLimit).TrimEnd() : kept;
        return kept.Length == 0 ? "deal" : kept.Replace(' ', '_');
    }
}
