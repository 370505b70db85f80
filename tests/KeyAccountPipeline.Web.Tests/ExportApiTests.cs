using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Tests.Infrastructure;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>The board's and a deal's history's CSV files, read back as a spreadsheet would; on SQLite and PostgreSQL.</summary>
public abstract class ExportApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private static readonly string[] BoardHeader =
    [
        "customer", "title", "owner", "stage", "stageName", "status", "need", "power", "goal", "value", "collaboration",
        "progress", "flags", "daysSinceAdvance", "annualValue", "currency", "id",
    ];

    private readonly HttpClient _client = app.ClientFor(app.Manager);

    [Fact]
    public async Task BoardCsvHasTheHeaderAndOneRowPerDeal()
    {
        var deal = await CreateAsync($"Row Count Freight {Guid.NewGuid():N}", "Bonded warehouse");
        deal = await RecordAsync(deal, "need", 3, "Root cause written down");
        await RecordAsync(deal, "power", 1, "Contact told the owner");
        var closed = await CreateAsync($"Row Count Closed {Guid.NewGuid():N}", "Line haul");
        await _client.PostOkAsync($"/api/deals/{closed["id"]}/close", new { outcome = "won", reason = "relationship", version = 1 });

        var response = await _client.GetAsync("/api/export/board.csv");
        var rows = await ReadCsvAsync(response);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("board-2026-06-15.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(BoardHeader, rows[0]);
        var cards = (await _client.GetJsonAsync("/api/deals?status=all")).AsArray();
        Assert.Equal(cards.Count, rows.Count - 1);
        var row = Row(rows, deal["customer"]!.GetValue<string>());
        Assert.Equal(["qualify", "Qualify", "open", "3", "1", "0", "0", "0"], row[3..11]);
        Assert.Equal(app.Rep.Name, row[2]);
        Assert.Equal("12500000.50", row[14]);
        Assert.Equal(deal["id"]!.GetValue<string>(), row[16]);
        Assert.Equal("won", Row(rows, closed["customer"]!.GetValue<string>())[5]);
    }

    [Fact]
    public async Task BoardCsvHasALevelColumnPerFactorInFactorOrder()
    {
        var customer = $"Level Columns Freight {Guid.NewGuid():N}";
        var deal = await CreateAsync(customer, "Cold chain");
        foreach (var factor in Factors.All)
        {
            // Each factor at its own level (need 1 … collaboration 5), so a column filled from another factor shows.
            deal = await RecordAsync(deal, factor.Key(), factor.Position() + 1, $"{factor} reached");
        }

        var rows = await ReadCsvAsync(await _client.GetAsync("/api/export/board.csv"));

        var first = Array.IndexOf(rows[0], "status") + 1;
        var columns = first..(first + Factors.All.Count);
        Assert.Equal(Factors.All.Select(f => f.Key()), rows[0][columns]);
        Assert.Equal("progress", rows[0][columns.End]);
        var levels = deal["levels"]!;
        Assert.Equal(Factors.All.Select(f => levels[f.Key()]!.GetValue<int>().ToString(CultureInfo.InvariantCulture)), Row(rows, customer)[columns]);
        Assert.Equal(["1", "2", "3", "4", "5"], Row(rows, customer)[columns]);
    }

    [Fact]
    public async Task CellsWithCommasAndQuotesReadBackWhole()
    {
        // A title is one line (line breaks are refused at the door); notes carry them: HistoryCsvListsEveryChangeOldestFirst.
        var customer = $"Comma, \"Quoted\" Co {Guid.NewGuid():N}";
        var title = "Two parts; of \"title\", with a comma";
        await CreateAsync(customer, title);

        var rows = await ReadCsvAsync(await _client.GetAsync("/api/export/board.csv"));

        var row = Row(rows, customer);
        Assert.Equal(title, row[1]);
        Assert.All(rows, r => Assert.Equal(BoardHeader.Length, r.Length));
    }

    [Fact]
    public async Task ChineseTextSurvivesBehindAByteOrderMark()
    {
        var customer = $"顺达电子有限公司 {Guid.NewGuid():N}";
        await CreateAsync(customer, "华南区域配送，七仓变三仓");

        var response = await _client.GetAsync($"/api/export/board.csv?q={Uri.EscapeDataString(customer)}");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var rows = Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        Assert.Equal(2, rows.Count);
        Assert.Equal([customer, "华南区域配送，七仓变三仓"], rows[1][..2]);
    }

    [Fact]
    public async Task CellsThatWouldRunAsFormulasAreDefused()
    {
        var customer = $"=HYPERLINK(\"http://evil.example\",\"open\") {Guid.NewGuid():N}";
        await CreateAsync(customer, "-2+3 discount");
        await CreateAsync($"@SUM(A1) {Guid.NewGuid():N}", "+86 hotline");

        var rows = await ReadCsvAsync(await _client.GetAsync("/api/export/board.csv"));

        var row = Row(rows, "'" + customer);
        Assert.Equal("'-2+3 discount", row[1]);
        Assert.Contains(rows, r => r[0].StartsWith("'@SUM(A1)", StringComparison.Ordinal) && r[1] == "'+86 hotline");
        Assert.DoesNotContain(rows.Skip(1), r => r[0].Length > 0 && r[0][0] is '=' or '+' or '-' or '@');
    }

    [Fact]
    public async Task BoardCsvFollowsTheDealFilters()
    {
        var mine = await CreateAsync($"Filtered Freight {Guid.NewGuid():N}", "Cross-dock");

        var rows = await ReadCsvAsync(await _client.GetAsync($"/api/export/board.csv?q={mine["customer"]}&status=open"));
        var bad = await _client.GetAsync("/api/export/board.csv?flag=sleepy");

        Assert.Equal(mine["customer"]!.GetValue<string>(), Assert.Single(rows.Skip(1))[0]);
        await bad.AssertFieldErrorAsync("flag");
    }

    [Fact]
    public async Task HistoryCsvListsEveryChangeOldestFirst()
    {
        var deal = await CreateAsync($"历史 History Co {Guid.NewGuid():N}", "Contract logistics");
        var id = deal["id"]!.GetValue<Guid>();
        var firstAt = app.Clock.GetUtcNow().AddMinutes(1).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        deal = await RecordAsync(deal, "need", 1, "Interviewed the supply-chain director");
        deal = await RecordAsync(deal, "need", 2, "Root cause: \"late deliveries\", not capacity\nwritten up");
        deal = await RecordAsync(deal, "power", 1, "=told the owner");
        await RecordAsync(deal, "need", 1, "Director left; the new one disputes the need");

        var response = await _client.GetAsync($"/api/deals/{id}/history.csv");
        var rows = await ReadCsvAsync(response);

        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith("-history-2026-06-15.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? string.Empty);
        Assert.Equal(["occurredAt", "recordedAt", "factor", "from", "to", "regression", "checkpoint", "by", "note", "evidence", "evidenceDetail"], rows[0]);
        Assert.Equal(5, rows.Count);
        Assert.Equal(["need:0→1", "need:1→2", "power:0→1", "need:2→1"], rows.Skip(1).Select(r => $"{r[2]}:{r[3]}→{r[4]}"));
        Assert.Equal(["false", "false", "false", "true"], rows.Skip(1).Select(r => r[5]));
        Assert.Equal("Root cause: \"late deliveries\", not capacity\nwritten up", rows[2][8]);
        Assert.Equal("'=told the owner", rows[3][8]);
        Assert.Equal(app.Manager.Name, rows[1][7]);
        Assert.Equal("Interviewed the business contact on current operations and pain points", rows[1][6]);
        Assert.Equal(["meeting", "Minutes on file"], rows[1][9..]);
        // In Shanghai time (the clock starts at 10:00 there), occurred and recorded at the same minute.
        Assert.Equal([firstAt, firstAt], rows[1][..2]);
    }

    [Fact]
    public async Task HistoryCsvOfAnUnknownDealIsNotFound()
    {
        var response = await _client.GetAsync($"/api/deals/{Guid.NewGuid()}/history.csv");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TheBrowsersDownloadsNeedASignedInCookie()
    {
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });

        var board = await anonymous.GetAsync("/export/board.csv");
        var withToken = await app.ClientFor(app.Manager).GetAsync("/export/board.csv");

        Assert.Equal(HttpStatusCode.Redirect, board.StatusCode);
        Assert.StartsWith("/account/login", board.Headers.Location?.OriginalString ?? string.Empty);
        Assert.NotEqual(HttpStatusCode.OK, withToken.StatusCode);
    }

    [Fact]
    public async Task TheBrowsersDownloadsHaveHeadsInTheReadersLanguageWhileTheApiKeepsTheKeys()
    {
        var customer = $"表头 Heads Co {Guid.NewGuid():N}";
        var id = (await CreateAsync(customer, "Cold chain"))["id"]!.GetValue<Guid>();
        var browser = await SignInForm.BrowserAsync(app, app.Manager);

        await browser.GetAsync("/culture/en");
        var english = await ReadCsvAsync(await browser.GetAsync("/export/board.csv"));
        var englishHistory = await ReadCsvAsync(await browser.GetAsync($"/export/deals/{id}/history.csv"));
        await browser.GetAsync("/culture/zh-CN");
        var chinese = await ReadCsvAsync(await browser.GetAsync("/export/board.csv"));
        var chineseHistory = await ReadCsvAsync(await browser.GetAsync($"/export/deals/{id}/history.csv"));
        var api = await ReadCsvAsync(await _client.GetAsync("/api/export/board.csv"));

        Assert.Equal(["Customer", "Deal", "Owner", "Stage key", "Stage", "Status", "Need", "Power"], english[0][..8]);
        Assert.Equal(["客户", "商机", "负责人", "阶段代码", "阶段", "状态", "需求", "权力"], chinese[0][..8]);
        Assert.Equal(["Occurred at", "Recorded at", "Factor"], englishHistory[0][..3]);
        Assert.Equal(["发生时间", "记录时间", "因素"], chineseHistory[0][..3]);
        Assert.Equal(["customer", "title", "owner", "stage", "stageName", "status", "need", "power"], api[0][..8]);
        // Only the heads differ: the same columns, and the same cells under them.
        Assert.Equal(api[0].Length, chinese[0].Length);
        Assert.Equal(Row(api, customer)[..3], Row(chinese, customer)[..3]);
    }

    [Fact]
    public async Task ADownloadNameCutAtSixtyCharactersKeepsAnEmojiWhole()
    {
        var customer = new string('A', 59) + "👩🏽‍💻 Logistics";
        var id = (await CreateAsync(customer, "Cold chain"))["id"]!.GetValue<Guid>();

        var response = await _client.GetAsync($"/api/deals/{id}/history.csv");

        var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? string.Empty;
        Assert.Equal(new string('A', 59) + "👩🏽‍💻-history-2026-06-15.csv", name);
        Assert.DoesNotContain('\uFFFD', name);
    }

    private static string[] Row(List<string[]> rows, string customer) =>
        rows.Single(r => r[0] == customer);

    private async Task<JsonNode> CreateAsync(string customer, string title) =>
        await _client.PostOkAsync("/api/deals", new
        {
            customer, industry = "3C electronics", region = "South China", title, serviceLine = "warehousing",
            ownerId = app.Rep.Id, annualValue = 12_500_000.50m, targetCloseDate = new DateOnly(2026, 12, 31),
        });

    private async Task<JsonNode> RecordAsync(JsonNode card, string factor, int level, string note)
    {
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        return await _client.PostOkAsync($"/api/deals/{card["id"]}/checkpoints", new
        {
            factor, level, note, evidence = new { kind = "meeting", detail = "Minutes on file" }, version = card["version"]!.GetValue<int>(),
        });
    }

    private static async Task<List<string[]>> ReadCsvAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.EndsWith("\r\n", text);
        return Parse(text);
    }

    /// <summary>RFC 4180, strictly: quoted fields may hold commas, doubled quotes and line breaks; rows end in CRLF.</summary>
    private static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && cell.Length == 0)
            {
                i++;
                while (!(text[i] == '"' && (i + 1 == text.Length || text[i + 1] != '"')))
                {
                    cell.Append(text[i]);
                    i += text[i] == '"' ? 2 : 1;
                }

                i++;
            }
            else if (text[i] == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
                i++;
            }
            else if (text[i] == '\r' && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
                i += 2;
            }
            else
            {
                Assert.NotEqual('"', text[i]);
                Assert.NotEqual('\n', text[i]);
                cell.Append(text[i++]);
            }
        }

        return rows;
    }
}

public sealed class SqliteExportApiTests(SqliteApp app) : ExportApiTests<SqliteApp>(app);

public sealed class PostgresExportApiTests(PostgresApp app) : ExportApiTests<PostgresApp>(app);
