using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Data.Imports;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Issue 16, importing deals through <c>/api/imports</c>: every row checked by the API's rules before anything is written,
/// each error on its cell; the valid rows written as deals whose levels are history dated at the file's "as of" date (so the
/// stall clock runs from then, not from today); a re-import that changes nothing; updates and regressions; rows that match an
/// existing deal only merged when asked; cancelling between batches. Runs once on SQLite and once on PostgreSQL.
/// </summary>
public abstract class ImportApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private static readonly ImportField[] Columns = Enum.GetValues<ImportField>();

    private readonly HttpClient _manager = app.ClientFor(app.Manager);

    /// <summary>A valid row: a new customer of its own, owned by the fixture rep, started 2026-03-01, levels as of 2026-05-01.</summary>
    private Dictionary<ImportField, string> Row(string customer, string? externalId, params (ImportField Field, string Value)[] cells)
    {
        var row = new Dictionary<ImportField, string>
        {
            [ImportField.Customer] = customer,
            [ImportField.Industry] = "Retail",
            [ImportField.Region] = "East China",
            [ImportField.Title] = "Regional distribution",
            [ImportField.ServiceLine] = "Warehousing",
            [ImportField.OwnerEmail] = app.Rep.Email,
            [ImportField.AnnualValue] = "1200000",
            [ImportField.TargetCloseDate] = "2026-12-31",
            [ImportField.StartedOn] = "2026-03-01",
            [ImportField.LevelsAsOf] = "2026-05-01",
        };
        if (externalId is not null)
        {
            row[ImportField.ExternalId] = externalId;
        }

        foreach (var (field, value) in cells)
        {
            row[field] = value;
        }

        return row;
    }

    /// <summary>A UTF-8 CSV with every field's English template header, one line per row.</summary>
    private static byte[] Csv(params Dictionary<ImportField, string>[] rows)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', Columns.Select(f => Quote(ImportColumns.Header(f).En))));
        foreach (var row in rows)
        {
            text.AppendLine(string.Join(',', Columns.Select(f => Quote(row.GetValueOrDefault(f, string.Empty)))));
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Quote(string value) => $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static MultipartFormDataContent Form(byte[] file, string name = "deals.csv")
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { content, "file", name } };
    }

    private async Task<JsonNode> UploadAsync(byte[] file, string name = "deals.csv")
    {
        var response = await _manager.PostAsync("/api/imports", Form(file, name));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Upload: {(int)response.StatusCode} {text}");
        Assert.NotNull(response.Headers.Location);
        return JsonNode.Parse(text)!;
    }

    private Task<JsonNode> CommitAsync(JsonNode preview, object? body = null) =>
        _manager.PostOkAsync($"/api/imports/{preview["id"]}/commit", body ?? new { });

    private static int Count(JsonNode preview, string outcome) => preview[outcome]!.GetValue<int>();

    private static JsonNode RowOf(JsonNode preview, int number) => preview["shown"]!.AsArray().Single(r => r!["number"]!.GetValue<int>() == number)!;

    /// <summary>The errors of a previewed row: each one's column index, field and message.</summary>
    private static List<(int? Column, string? Field, string Message)> ErrorsOf(JsonNode row) =>
    [
        .. row["errors"]!.AsArray().Select(e => (e!["column"]?.GetValue<int>(), e["field"]?.GetValue<string>(), e["message"]!.GetValue<string>())),
    ];

    private static int ColumnOf(ImportField field) => Array.IndexOf(Columns, field);

    private async Task<JsonNode?> CardAsync(string customer) =>
        (await _manager.GetJsonAsync("/api/board"))["columns"]!.AsArray().SelectMany(c => c!["deals"]!.AsArray())
        .SingleOrDefault(d => d!["customer"]!.GetValue<string>() == customer);

    /// <summary>Rows of everything an import could write (the import records aside).</summary>
    private Task<string> WrittenAsync() => app.QueryAsync(async db => string.Join(",",
        await db.Deals.CountAsync(), await db.Deals.SumAsync(d => d.Version), await db.Accounts.CountAsync(), await db.CheckpointChanges.CountAsync(),
        await db.DealEvents.CountAsync()));

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    [Fact]
    public async Task FiveRowsThreeValidTwoWithErrorsImportTheThreeAtTheStagesTheirLevelsGive()
    {
        var (a, b, c, d, e) = (Unique("Import Alpha"), Unique("Import Beta"), Unique("Import Gamma"), Unique("Import Delta"), Unique("Import Eps"));
        var file = Csv(
            Row(a, Unique("EXT"), (ImportField.Need, "3"), (ImportField.Power, "1")),
            Row(b, Unique("EXT"), (ImportField.Need, "4"), (ImportField.Power, "4"), (ImportField.Goal, "4"), (ImportField.Value, "3"), (ImportField.Collaboration, "2")),
            Row(c, Unique("EXT")),
            Row(d, Unique("EXT"), (ImportField.Power, "7")),
            Row(e, Unique("EXT"), (ImportField.OwnerEmail, "nobody.here@test.cn")));
        var before = await WrittenAsync();

        var preview = await UploadAsync(file, "team-east.csv");

        Assert.Equal(before, await WrittenAsync());
        Assert.Equal((5, 3, 2), (Count(preview, "rows"), Count(preview, "new"), Count(preview, "errors")));
        var power = Assert.Single(ErrorsOf(RowOf(preview, 5)));
        Assert.Equal((ColumnOf(ImportField.Power), "power"), (power.Column, power.Field));
        Assert.Contains("0 to 6", power.Message, StringComparison.Ordinal);
        var owner = Assert.Single(ErrorsOf(RowOf(preview, 6)));
        Assert.Equal((ColumnOf(ImportField.OwnerEmail), "ownerEmail"), (owner.Column, owner.Field));
        Assert.Contains("nobody.here@test.cn", owner.Message, StringComparison.Ordinal);

        var outcome = await CommitAsync(preview);

        Assert.Equal((3, 0, 2, false), (outcome["created"]!.GetValue<int>(), outcome["updated"]!.GetValue<int>(), outcome["errors"]!.GetValue<int>(),
            outcome["cancelled"]!.GetValue<bool>()));
        Assert.Equal("qualify", (await CardAsync(a))!["stage"]!["key"]!.GetValue<string>());
        Assert.Equal("solution", (await CardAsync(b))!["stage"]!["key"]!.GetValue<string>());
        Assert.Equal("discover", (await CardAsync(c))!["stage"]!["key"]!.GetValue<string>());
        Assert.Null(await CardAsync(d));
        Assert.Null(await CardAsync(e));

        // Levels dated at the file's "as of" day, not today: 45 days without an advance, so Qualify's 21 days have run out.
        var card = (await CardAsync(a))!;
        Assert.Equal(PipelineApp.StartDate.DayNumber - new DateOnly(2026, 5, 1).DayNumber, card["daysSinceAdvance"]!.GetValue<int>());
        Assert.Contains("stalled", card["flags"]!.AsArray().Select(f => f!.GetValue<string>()));
        var id = card["id"]!.GetValue<Guid>();
        var history = (await _manager.GetJsonAsync($"/api/deals/{id}/history")).AsArray();
        Assert.Equal(2, history.Count);
        Assert.All(history, change =>
        {
            Assert.Equal(new DateOnly(2026, 5, 1), DateOnly.FromDateTime(change!["occurredAt"]!.GetValue<DateTimeOffset>().ToOffset(TimeSpan.FromHours(8)).Date));
            Assert.Equal("Imported from team-east.csv", change["note"]!.GetValue<string>());
            Assert.False(change["regression"]!.GetValue<bool>());
            Assert.Equal(app.Manager.Id, change["by"]!["id"]!.GetValue<Guid>());
        });
        var timeline = (await _manager.GetJsonAsync($"/api/deals/{id}/timeline")).AsArray();
        var imported = Assert.Single(timeline, t => t!["event"]?["kind"]?.GetValue<string>() == "imported")!;
        Assert.Equal("team-east.csv", imported["event"]!["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task ImportingTheSameFileAgainChangesNothingAndSaysSo()
    {
        var file = Csv(Row(Unique("Again One"), Unique("EXT"), (ImportField.Need, "2")), Row(Unique("Again Two"), Unique("EXT"), (ImportField.Power, "3")));
        await CommitAsync(await UploadAsync(file));
        var before = await WrittenAsync();

        var again = await UploadAsync(file);
        var outcome = await CommitAsync(again);

        Assert.Equal((0, 0, 2), (Count(again, "new"), Count(again, "updates"), Count(again, "unchanged")));
        Assert.Equal((0, 0, 2), (outcome["created"]!.GetValue<int>(), outcome["updated"]!.GetValue<int>(), outcome["unchanged"]!.GetValue<int>()));
        Assert.Equal(before, await WrittenAsync());
    }

    [Fact]
    public async Task AChangedRowUpdatesTheDealAndALowerLevelIsARegressionWithTheImportAsItsReason()
    {
        var (customer, externalId) = (Unique("Update Freight"), Unique("EXT"));
        await CommitAsync(await UploadAsync(Csv(Row(customer, externalId, (ImportField.Need, "3"), (ImportField.Power, "4")))));

        var changed = await UploadAsync(Csv(Row(customer, externalId, (ImportField.Need, "4"), (ImportField.Power, "2"),
            (ImportField.AnnualValue, "1500000"), (ImportField.LevelsAsOf, "2026-06-01"))), "update.csv");
        Assert.Equal((1, 0), (Count(changed, "updates"), Count(changed, "new")));
        var outcome = await CommitAsync(changed);

        Assert.Equal(1, outcome["updated"]!.GetValue<int>());
        var card = (await CardAsync(customer))!;
        Assert.Equal(1_500_000m, card["annualValue"]!.GetValue<decimal>());
        Assert.Contains("regressed", card["flags"]!.AsArray().Select(f => f!.GetValue<string>()));
        var history = (await _manager.GetJsonAsync($"/api/deals/{card["id"]}/history")).AsArray();
        var regression = Assert.Single(history, h => h!["regression"]!.GetValue<bool>())!;
        Assert.Equal(("power", 4, 2, "Import: update.csv"), (regression["factor"]!.GetValue<string>(), regression["from"]!.GetValue<int>(),
            regression["to"]!.GetValue<int>(), regression["note"]!.GetValue<string>()));
        Assert.Single(history, h => h!["factor"]!.GetValue<string>() == "need" && h["to"]!.GetValue<int>() == 4);

        // An "as of" day before the factor's latest change is the row's error, found in the preview.
        var earlier = await UploadAsync(Csv(Row(customer, externalId, (ImportField.Need, "5"), (ImportField.Power, "2"),
            (ImportField.AnnualValue, "1500000"), (ImportField.LevelsAsOf, "2026-05-15"))));
        Assert.Equal(ColumnOf(ImportField.LevelsAsOf), Assert.Single(ErrorsOf(RowOf(earlier, 2))).Column);
    }

    [Fact]
    public async Task ARowWithoutExternalIdMatchingCustomerAndTitleIsMergedOnlyWhenAsked()
    {
        var customer = Unique("Match Cargo");
        await _manager.PostOkAsync("/api/deals", new
        {
            customer, industry = "Retail", title = "Regional distribution", serviceLine = "warehousing", ownerId = app.Rep.Id,
            annualValue = 1_200_000m, targetCloseDate = new DateOnly(2026, 12, 31), startedOn = new DateOnly(2026, 3, 1),
        });
        var preview = await UploadAsync(Csv(Row(customer.ToUpperInvariant(), null, (ImportField.Need, "2"))));
        Assert.Equal(1, Count(preview, "matches"));
        Assert.Equal("match", RowOf(preview, 2)["outcome"]!.GetValue<string>());
        var before = await WrittenAsync();

        await (await _manager.PostAsJsonAsync($"/api/imports/{preview["id"]}/commit", new { })).AssertFieldErrorAsync("matches");
        Assert.Equal(before, await WrittenAsync());

        var outcome = await CommitAsync(preview, new { matches = "merge" });
        Assert.Equal((0, 1), (outcome["created"]!.GetValue<int>(), outcome["updated"]!.GetValue<int>()));
        Assert.Equal(2, (await CardAsync(customer))!["levels"]!["need"]!.GetValue<int>());
    }

    [Fact]
    public async Task EachBadRowIsRefusedOnItsOwnCellAndNeverWritten()
    {
        var disabled = await app.NewPersonAsync(Role.Rep);
        await app.RevokeAsync(disabled, disable: true);
        var twice = Unique("EXT");
        var file = Csv(
            Row(Unique("Bad Disabled"), Unique("EXT"), (ImportField.OwnerEmail, disabled.Email)),
            Row(Unique("Bad Twice A"), twice),
            Row(Unique("Bad Twice B"), twice),
            Row(Unique("Bad Future Start"), Unique("EXT"), (ImportField.StartedOn, "2026-07-01"), (ImportField.LevelsAsOf, "")),
            Row(Unique("Bad Future AsOf"), Unique("EXT"), (ImportField.LevelsAsOf, "2026-07-01")),
            Row(Unique("Bad Range"), Unique("EXT"), (ImportField.TargetCloseDate, "2101-01-01")),
            Row(Unique("Bad Date"), Unique("EXT"), (ImportField.TargetCloseDate, "soon")),
            Row(Unique("Bad AsOf Before Start"), Unique("EXT"), (ImportField.LevelsAsOf, "2026-02-01")),
            Row(Unique("Bad No Industry"), Unique("EXT"), (ImportField.Industry, "")));
        var before = await WrittenAsync();

        var preview = await UploadAsync(file);

        Assert.Equal((9, 1, 8), (Count(preview, "rows"), Count(preview, "new"), Count(preview, "errors")));
        Assert.Contains("disabled", Assert.Single(ErrorsOf(RowOf(preview, 2))).Message, StringComparison.Ordinal);
        Assert.Equal("new", RowOf(preview, 3)["outcome"]!.GetValue<string>());
        var second = Assert.Single(ErrorsOf(RowOf(preview, 4)));
        Assert.Equal((ColumnOf(ImportField.ExternalId), "externalId"), (second.Column, second.Field));
        Assert.Contains("row 3", second.Message, StringComparison.Ordinal);
        Assert.Equal("startedOn", Assert.Single(ErrorsOf(RowOf(preview, 5))).Field);
        Assert.Equal("levelsAsOf", Assert.Single(ErrorsOf(RowOf(preview, 6))).Field);
        Assert.Equal(("targetCloseDate", ColumnOf(ImportField.TargetCloseDate)), ErrorsOf(RowOf(preview, 7)).Select(x => (x.Field, x.Column)).Single());
        var unreadable = Assert.Single(ErrorsOf(RowOf(preview, 8)));
        Assert.Equal("targetCloseDate", unreadable.Field);
        Assert.Contains("\"soon\"", unreadable.Message, StringComparison.Ordinal);
        Assert.Equal("levelsAsOf", Assert.Single(ErrorsOf(RowOf(preview, 9))).Field);
        Assert.Equal("industry", Assert.Single(ErrorsOf(RowOf(preview, 10))).Field);
        Assert.Equal(before, await WrittenAsync());

        // The rows to fix, as a workbook with an "error" column in the reader's language, read back as the import reads it.
        var errors = await _manager.GetAsync($"/api/imports/{preview["id"]}/errors.xlsx");
        Assert.Equal(HttpStatusCode.OK, errors.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", errors.Content.Headers.ContentType?.MediaType);
        var table = ImportFiles.Read(await errors.Content.ReadAsStreamAsync(), "errors.xlsx");
        Assert.Equal("error", table.Headers[^1]);
        Assert.Equal(8, table.Rows.Count);
        Assert.Contains("disabled", ImportCells.Text(table.Rows[0].Cells[^1]), StringComparison.Ordinal);
        using var chinese = new HttpRequestMessage(HttpMethod.Get, $"/api/imports/{preview["id"]}/errors.xlsx");
        chinese.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var zh = ImportFiles.Read(await (await _manager.SendAsync(chinese)).Content.ReadAsStreamAsync(), "errors.xlsx");
        Assert.Equal("错误", zh.Headers[^1]);
        Assert.Contains("停用", ImportCells.Text(zh.Rows[0].Cells[^1]), StringComparison.Ordinal);

        var outcome = await CommitAsync(preview);
        Assert.Equal((1, 8), (outcome["created"]!.GetValue<int>(), outcome["errors"]!.GetValue<int>()));
    }

    [Fact]
    public async Task ACustomerStartingWithEqualsIsImportedAsTheApiTakesIt()
    {
        var name = $"=1+1 Formula {Guid.NewGuid():N}";
        var api = await _manager.PostOkAsync("/api/deals", new
        {
            customer = name, industry = "Retail", title = "Via the API", serviceLine = "warehousing", ownerId = app.Rep.Id,
            annualValue = 1_000_000m, targetCloseDate = new DateOnly(2026, 12, 31),
        });

        var preview = await UploadAsync(Csv(Row(name, Unique("EXT"), (ImportField.Title, "Via the import"))));
        Assert.Equal(1, Count(preview, "new"));
        await CommitAsync(preview);

        var cards = (await _manager.GetJsonAsync("/api/board"))["columns"]!.AsArray().SelectMany(c => c!["deals"]!.AsArray())
            .Where(d => d!["customer"]!.GetValue<string>() == api["customer"]!.GetValue<string>()).ToList();
        Assert.Equal(2, cards.Count);
        Assert.Equal(name, api["customer"]!.GetValue<string>());
    }

    [Fact]
    public async Task ARefusedUploadWritesNothing()
    {
        var before = await WrittenAsync();
        var imports = await app.QueryAsync(db => db.Imports.CountAsync());

        await (await _manager.PostAsync("/api/imports", Form([], "empty.csv"))).AssertFieldErrorAsync("file");
        await (await _manager.PostAsync("/api/imports", new MultipartFormDataContent { { new StringContent("x"), "other" } })).AssertFieldErrorAsync("file");
        await (await _manager.PostAsync("/api/imports", Form("%PDF-1.7\n%âãÏÓ\n1 0 obj"u8.ToArray(), "deals.xlsx"))).AssertFieldErrorAsync("file");
        var tooLarge = await _manager.PostAsync("/api/imports", Form(new byte[ImportFiles.MaxBytes + (256 * 1024)], "big.csv"));
        var text = await tooLarge.Content.ReadAsStringAsync();
        Assert.True(tooLarge.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)tooLarge.StatusCode} {text}");
        Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType?.MediaType);
        Assert.Contains("10 MB", JsonNode.Parse(text)!["errors"]!["file"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal(before, await WrittenAsync());
        Assert.Equal(imports, await app.QueryAsync(db => db.Imports.CountAsync()));
    }

    [Fact]
    public async Task TheMappingIsThePersonsToChange()
    {
        var preview = await UploadAsync(Csv(Row(Unique("Mapped Power"), Unique("EXT"), (ImportField.Power, "7"))));
        Assert.Equal(1, Count(preview, "errors"));
        var mapping = preview["mapping"]!.AsArray().Select(m => m?.GetValue<string>()).ToList();
        Assert.Equal(Columns.Select(f => char.ToLowerInvariant(f.ToString()[0]) + f.ToString()[1..]), mapping);
        var url = $"/api/imports/{preview["id"]}/mapping";

        await (await _manager.PutAsJsonAsync(url, new { mapping = mapping.Take(3) })).AssertFieldErrorAsync("mapping");
        await (await _manager.PutAsJsonAsync(url, new { mapping = mapping.Select(m => m == "power" ? "customer" : m) })).AssertFieldErrorAsync("mapping");
        var remapped = await _manager.SendOkAsync(HttpMethod.Put, url, new { mapping = mapping.Select(m => m == "power" ? null : m) });

        Assert.Equal((1, 0), (Count(remapped, "new"), Count(remapped, "errors")));
        Assert.Equal((1, 0), (Count(await _manager.GetJsonAsync($"/api/imports/{preview["id"]}"), "new"), 0));
    }

    [Fact]
    public async Task ACommittedImportIsNotCommittedTwiceAndIsListed()
    {
        var preview = await UploadAsync(Csv(Row(Unique("Twice Commit"), Unique("EXT"))), "twice.csv");
        await CommitAsync(preview);

        var again = await _manager.PostAsJsonAsync($"/api/imports/{preview["id"]}/commit", new { });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        var listed = (await _manager.GetJsonAsync("/api/imports")).AsArray().Single(i => i!["id"]!.GetValue<Guid>() == preview["id"]!.GetValue<Guid>())!;
        Assert.Equal(("twice.csv", "committed", 1), (listed["fileName"]!.GetValue<string>(), listed["status"]!.GetValue<string>(),
            listed["outcome"]!["created"]!.GetValue<int>()));
        Assert.Equal(app.Manager.Name, listed["importedBy"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public async Task TheTemplateIsInTheReadersLanguageAndItsHeadersAreMatchedBack(string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/imports/template.xlsx");
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await _manager.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var template = ImportFiles.Read(await response.Content.ReadAsStreamAsync(), "template.xlsx");
        var customer = ImportColumns.Header(ImportField.Customer);
        Assert.Equal(language == "en" ? customer.En : customer.Zh, template.Headers[0]);
        Assert.Equal(Columns.Select(f => (ImportField?)f), ImportColumns.Guess(template.Headers));
    }

    [Fact]
    public async Task ARepMayNotImport()
    {
        var rep = app.ClientFor(app.Rep);
        var before = await WrittenAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await rep.PostAsync("/api/imports", Form(Csv(Row(Unique("Rep Import"), Unique("EXT")))))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await rep.GetAsync("/api/imports/template.xlsx")).StatusCode);
        Assert.Equal(before, await WrittenAsync());
    }

    [Fact]
    public async Task CancellingAfterTheFirstBatchKeepsWhatWasCommittedAndSaysSo()
    {
        var prefix = Unique("Batch");
        var rows = Enumerable.Range(1, ImportService.BatchRows + 20).Select(i => Row($"{prefix} {i}", $"{prefix}-{i}")).ToArray();
        var service = app.Services.GetRequiredService<ImportService>();
        var actor = app.Manager.AsActor();
        var preview = await service.UploadAsync(new MemoryStream(Csv(rows)), "batches.csv", actor);
        using var cancel = new CancellationTokenSource();
        var reports = new List<ImportProgress>();

        var outcome = await service.CommitAsync(preview.Id, new ImportCommitRequest(null), actor, new Reported(p =>
        {
            reports.Add(p);
            cancel.Cancel();
        }), cancel.Token);

        Assert.Equal(new ImportOutcome(ImportService.BatchRows, 0, 0, 0, 0, Cancelled: true), outcome);
        Assert.Equal([new ImportProgress(ImportService.BatchRows, ImportService.BatchRows + 20)], reports);
        Assert.Equal(ImportService.BatchRows, await app.QueryAsync(db => db.Deals.CountAsync(d => d.ExternalId!.StartsWith(prefix))));
        Assert.Equal(ImportStatus.Cancelled, (await service.PreviewAsync(preview.Id, actor)).Status);
        await Assert.ThrowsAsync<ImportConflictException>(() => service.CommitAsync(preview.Id, new ImportCommitRequest(null), actor));
    }

    /// <summary>Progress reported on the committing thread, at once (<see cref="Progress{T}"/> posts it later).</summary>
    private sealed class Reported(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}

public sealed class SqliteImportApiTests(SqliteApp app) : ImportApiTests<SqliteApp>(app);

public sealed class PostgresImportApiTests(PostgresApp app) : ImportApiTests<PostgresApp>(app);
