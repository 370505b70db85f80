using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using KeyAccountPipeline.Browser.Tests.Infrastructure;
using KeyAccountPipeline.Data;
using KeyAccountPipeline.Data.Imports;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>
/// Issue 16's "done when", in a real browser as the demo manager: download the template, upload 50 deals of which the
/// preview flags 3 (each error beside its cell), upload the fixed file, import, see the deals on the board at the stages
/// their levels reach and with the flags their dates give, and importing the same file again changes nothing. In English
/// with an .xlsx written like Excel's, and in Chinese with a GB18030 CSV (what Excel on Chinese Windows writes), at 1366;
/// the preview on a 390 px phone. Each test's customers carry a run id of their own. The imports run on an app of their
/// own: a hundred imported deals would push the shared board's columns past the length at which they are virtualized,
/// and the board tests count drawn cards.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportTests(ImportApp app) : IClassFixture<ImportApp>
{
    private const int Deals = 50;

    /// <summary>The rows (zero-based among the data rows) that the first upload gets wrong, and the field each gets wrong.</summary>
    private static readonly (int Row, ImportField Field)[] Broken = [(4, ImportField.Power), (17, ImportField.OwnerEmail), (33, ImportField.AnnualValue)];

    private static readonly ImportField[] Columns = Enum.GetValues<ImportField>();

    static ImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// After an import has brought thousands of customers, "New deal" still becomes interactive and still suggests them:
    /// its lists were once carried through the page as prerendered state, which outgrew the circuit's first message.
    /// </summary>
    [Fact]
    public async Task TheNewDealPageStaysUsableWithThousandsOfCustomers()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PipelineDbContext>>().CreateDbContextAsync())
        {
            db.Accounts.AddRange(Enumerable.Range(0, 3_000).Select(i =>
                new Account(Guid.CreateVersion7(), $"导入客户 Imported Customer {run} {i:D4}", "Cold chain", "East China")));
            await db.SaveChangesAsync();
        }

        var page = await app.OpenAsync("/deals/new"); // waits for the live circuit
        // The field's test id sits on the autocomplete's input or on its wrapper, depending on MudBlazor's version.
        await page.Locator("[data-test='customer']").Locator("xpath=descendant-or-self::input").First.FillAsync($"{run} 2999");

        await Expect(page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = $"{run} 2999" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task AManagerImportsFiftyDealsFixesTheThreeFlaggedRowsAndSeesThemOnTheBoard(string locale)
    {
        var culture = CultureInfo.GetCultureInfo(locale);
        var zh = locale == "zh-CN";
        var run = Guid.NewGuid().ToString("N")[..10];
        var page = await app.OpenAsync("/", locale, device: Device.Laptop);

        // The app bar leads a manager to the page.
        await page.Locator("[data-test='nav-imports']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/imports$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(zh ? "导入" : "Import");

        // The template arrives as an .xlsx with the columns in the page's language and an example row to copy from.
        var template = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-test='download-template']").ClickAsync());
        Assert.EndsWith(".xlsx", template.SuggestedFilename, StringComparison.Ordinal);
        var (headers, example) = ReadTemplate(await template.PathAsync());
        foreach (var field in Columns)
        {
            Assert.Contains(ImportColumns.Header(field).For(culture), headers);
        }

        var serviceLine = example[ImportColumns.Header(ImportField.ServiceLine).For(culture)];

        // The first file: 3 rows wrong, each in one cell.
        var rows = DealRows(run, serviceLine, broken: true);
        await UploadAsync(page, FileOf(rows, culture, zh, $"pipeline-{run}"));

        var summary = page.Locator("[data-test='import-summary']");
        await Expect(summary).ToContainTextAsync(zh ? "47 行可导入" : "47 ready");
        await Expect(summary).ToContainTextAsync(zh ? "3 行有错误" : "3 with errors");
        await Expect(page.Locator("[data-test='cell-error']")).ToHaveCountAsync(Broken.Length);
        foreach (var (row, field) in Broken)
        {
            // Row numbers as Excel shows them (the header is row 1); the column the field is in.
            var cell = page.Locator($"[data-test='preview-row'][data-row='{row + 2}'] [data-test='cell-error'][data-column='{Array.IndexOf(Columns, field)}']");
            await Expect(cell).ToBeVisibleAsync();
            await Expect(cell.Locator("[data-test='cell-message']")).Not.ToBeEmptyAsync();
        }

        await Expect(page.Locator("[data-test='commit-import']")).ToHaveTextAsync(zh ? "导入 47 行" : "Import 47 rows");
        var errors = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-test='download-errors']").ClickAsync());
        Assert.EndsWith(".xlsx", errors.SuggestedFilename, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot($"import-preview-errors-1366-{locale}.png"), FullPage = true });
        await page.Locator("[data-test='import-preview']").ScreenshotAsync(new() { Path = BrowserApp.Screenshot($"import-preview-panel-1366-{locale}.png") });
        BoardTests.AssertNoSeriousViolations(await page.Locator("[data-test='imports-page']").RunAxe());

        // Fixed in "Excel" and uploaded again: every row ready; imported with the progress shown until the result.
        var fixedFile = FileOf(DealRows(run, serviceLine, broken: false), culture, zh, $"pipeline-{run}-fixed");
        await UploadAsync(page, fixedFile);
        await Expect(summary).ToHaveTextAsync(zh ? "50 行可导入" : "50 ready");
        await Expect(page.Locator("[data-test='cell-error']")).ToHaveCountAsync(0);
        await page.Locator("[data-test='commit-import']").ClickAsync();
        var result = page.Locator("[data-test='import-result']");
        await Expect(result).ToContainTextAsync(zh ? "已导入：新建 50 个，更新 0 个，0 个无变化。" : "Imported: 50 new, 0 updated, 0 unchanged.");
        await Expect(page.Locator($"[data-test='import-row'][data-status='Committed']").First).ToContainTextAsync(fixedFile.Name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot($"import-done-1366-{locale}.png"), FullPage = true });

        // On the board: each deal in the stage its levels reach; the ones whose levels were reached two months ago stalled.
        await result.Locator("[data-test='see-board']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await BrowserApp.GoAsync(page, $"/?q={run}");
        await Expect(page.Locator("[data-test='deal-card']")).ToHaveCountAsync(Deals);
        var playbook = DefaultPlaybook.Create();
        foreach (var stage in DealRows(run, serviceLine, broken: false).GroupBy(r => playbook.Evaluate(r.Levels).Stage.Key))
        {
            await Expect(page.Locator($"section[data-stage='{stage.Key}'] [data-test='deal-card']")).ToHaveCountAsync(stage.Count());
        }

        await Expect(page.Locator("[data-test='deal-card'] [data-flag='stalled']")).ToHaveCountAsync(Deals / Groups.Length);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot($"import-board-1366-{locale}.png") });

        // The same file again: nothing to change, and nothing to press.
        await BrowserApp.GoAsync(page, "/imports");
        await UploadAsync(page, fixedFile);
        await Expect(page.Locator("[data-test='nothing-to-change']")).ToBeVisibleAsync();
        await Expect(summary).ToContainTextAsync(zh ? "50 行无变化" : "50 unchanged");
        await Expect(page.Locator("[data-test='commit-import']")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task OnAPhoneThePreviewWithErrorsFitsTheScreenAndItsControlsTakeAFinger(string locale)
    {
        var culture = CultureInfo.GetCultureInfo(locale);
        var zh = locale == "zh-CN";
        var run = Guid.NewGuid().ToString("N")[..10];
        var page = await app.OpenAsync("/imports", locale, device: Device.Phone);

        await UploadAsync(page, FileOf(DealRows(run, ServiceLineName(culture), broken: true), culture, zh, $"phone-{run}"));

        await Expect(page.Locator("[data-test='cell-error']")).ToHaveCountAsync(Broken.Length);
        await Fit.AssertNoSidewaysScrollAsync(page);
        await Fit.AssertNoSidewaysScrollAsync(page, "[data-test='imports-page']");
        await Fit.AssertTapTargetsAsync(page.Locator(
            "[data-test='download-template'], [data-test='upload-label'], [data-test='mapping-field'], [data-test='download-errors'], [data-test='commit-import']"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot($"import-preview-390-{locale}.png"), FullPage = true });
        await page.Locator("[data-test='import-preview']").ScreenshotAsync(new() { Path = BrowserApp.Screenshot($"import-preview-panel-390-{locale}.png") });
        BoardTests.AssertNoSeriousViolations(await page.Locator("[data-test='imports-page']").RunAxe());
    }

    /// <summary>A row without an external id that names an existing deal's customer and title asks before anything is written.</summary>
    [Fact]
    public async Task ARowMatchingADealOnCustomerAndTitleAsksMergeCreateOrSkipBeforeImporting()
    {
        var customer = $"Matched Logistics {Guid.NewGuid().ToString("N")[..10]}";
        await app.DealAsync(customer);
        var culture = CultureInfo.GetCultureInfo("en-US");
        var row = DealRows(customer, ServiceLineName(culture), broken: false)[0];
        row.Cells[ImportField.Customer] = customer;
        row.Cells[ImportField.Title] = "Regional distribution centre";
        row.Cells.Remove(ImportField.ExternalId);
        var page = await app.OpenAsync("/imports", device: Device.Laptop);

        await UploadAsync(page, FileOf([row], culture, csv: true, $"match-{customer[^10..]}"));

        var commit = page.Locator("[data-test='commit-import']");
        await Expect(page.Locator("[data-test='match-choice']")).ToContainTextAsync("1 row has no external id");
        await Expect(commit).ToBeDisabledAsync();
        await page.Locator("[data-test='match-Skip']").CheckAsync();
        await Expect(commit).ToBeDisabledAsync();
        await page.Locator("[data-test='match-Merge']").CheckAsync();
        await Expect(commit).ToBeEnabledAsync();
        await Expect(commit).ToHaveTextAsync("Import 1 row");
        await commit.ClickAsync();
        await Expect(page.Locator("[data-test='import-result']")).ToContainTextAsync("Imported: 0 new, 1 updated");
    }

    [Fact]
    public async Task ARepHasNoImportLinkAndTheImportPageSaysNotAllowed()
    {
        var page = await app.OpenAsync("/", user: BrowserApp.Rep);
        await Expect(page.Locator("[data-test='nav-board']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test='nav-imports']")).ToHaveCountAsync(0);

        await page.EvaluateAsync("() => Blazor.navigateTo('/imports')");

        await Expect(page.Locator("[data-test='not-allowed']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test='imports-page']")).ToHaveCountAsync(0);
    }

    /// <summary>A refused file is said beside the upload, in the page's language, and the page goes on.</summary>
    [Fact]
    public async Task APdfRenamedXlsxIsRefusedBesideTheUpload()
    {
        var page = await app.OpenAsync("/imports", device: Device.Laptop);

        await UploadAsync(page, new FilePayload { Name = "deals.xlsx", MimeType = "application/octet-stream", Buffer = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"u8.ToArray() }, wait: false);

        await Expect(page.Locator("[data-test='file-error']")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("[data-test='import-preview']")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-test='upload']")).ToBeEnabledAsync();
    }

    /// <summary>A deal's row: its cells by field, and the levels it reaches.</summary>
    private sealed record DealRow(Dictionary<ImportField, object> Cells, Levels Levels);

    /// <summary>The level sets the deals cycle through, and whether their levels were reached long ago (a stalled deal).</summary>
    private static readonly (Levels Levels, bool Old)[] Groups =
    [
        (new(0, 0, 0, 0, 0), false), (new(3, 1, 0, 0, 0), false), (new(3, 3, 2, 0, 0), false), (new(4, 4, 4, 3, 2), false), (new(3, 2, 1, 0, 0), true),
    ];

    /// <summary>
    /// 50 deals of run <paramref name="run"/>, five stages' worth of levels in turn; the levels as of five days ago on a deal started
    /// ten days ago (nothing stalls that soon), or as of 60 days ago on one started 100 days ago (past every stage's allowance).
    /// <paramref name="broken"/>: Power 7 (its ladder ends lower), an owner nobody has, and a negative value, in three rows.
    /// </summary>
    private static List<DealRow> DealRows(string run, string serviceLine, bool broken)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var rows = new List<DealRow>();
        for (var i = 0; i < Deals; i++)
        {
            var (levels, old) = Groups[i % Groups.Length];
            var cells = new Dictionary<ImportField, object>
            {
                [ImportField.Customer] = $"Imported Logistics {run} {i:00}",
                [ImportField.Industry] = "Retail",
                [ImportField.Region] = "East China",
                [ImportField.Title] = $"Regional warehouse {i:00}",
                [ImportField.ServiceLine] = serviceLine,
                [ImportField.OwnerEmail] = i % 2 == 0 ? BrowserApp.Rep : BrowserApp.OtherRep,
                [ImportField.AnnualValue] = 1_000_000 + (i * 10_000),
                [ImportField.TargetCloseDate] = today.AddMonths(5),
                [ImportField.StartedOn] = today.AddDays(old ? -100 : -10),
                [ImportField.Need] = levels.Need,
                [ImportField.Power] = levels.Power,
                [ImportField.Goal] = levels.Goal,
                [ImportField.Value] = levels.Value,
                [ImportField.Collaboration] = levels.Collaboration,
                [ImportField.LevelsAsOf] = today.AddDays(old ? -60 : -5),
                [ImportField.ExternalId] = $"{run}-{i:00}",
            };
            rows.Add(new DealRow(cells, levels));
        }

        if (broken)
        {
            rows[Broken[0].Row].Cells[ImportField.Power] = 7;
            rows[Broken[1].Row].Cells[ImportField.OwnerEmail] = $"nobody-{run}@example.com";
            rows[Broken[2].Row].Cells[ImportField.AnnualValue] = -5;
        }

        return rows;
    }

    /// <summary>
    /// The file a person would upload: in English an .xlsx (dates as Excel dates); in Chinese a GB18030 CSV with Chinese
    /// headers and dates written 2026/11/30. Columns in <see cref="ImportField"/> order (those the rows have), headed as the template heads them.
    /// </summary>
    private static FilePayload FileOf(List<DealRow> rows, CultureInfo culture, bool csv, string name)
    {
        var columns = Columns.Where(f => rows[0].Cells.ContainsKey(f)).ToList();
        var headers = columns.Select(f => ImportColumns.Header(f).For(culture)).ToList();
        if (csv)
        {
            var text = new StringBuilder(string.Join(',', headers)).Append("\r\n");
            foreach (var row in rows)
            {
                text.Append(string.Join(',', columns.Select(f => row.Cells[f] switch
                {
                    DateOnly day => day.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture),
                    var cell => Convert.ToString(cell, CultureInfo.InvariantCulture),
                }))).Append("\r\n");
            }

            return new FilePayload { Name = name + ".csv", MimeType = "text/csv", Buffer = Encoding.GetEncoding("GB18030").GetBytes(text.ToString()) };
        }

        var sheet = rows.Select(row => columns.Select((f, i) => (headers[i], row.Cells[f] switch
        {
            DateOnly day => (object)day.ToDateTime(TimeOnly.MinValue),
            var cell => cell,
        })).ToDictionary(c => c.Item1, c => c.Item2)).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, excelType: ExcelType.XLSX);
        return new FilePayload { Name = name + ".xlsx", MimeType = ImportXlsx, Buffer = stream.ToArray() };
    }

    private const string ImportXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The template's header row and its example row (by header).</summary>
    private static (List<string> Headers, Dictionary<string, string> Example) ReadTemplate(string path)
    {
        var rows = MiniExcel.Query(path, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().Take(2).ToList();
        var headers = rows[0].Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty).ToList();
        var example = rows[0].Keys.ToDictionary(k => Convert.ToString(rows[0][k], CultureInfo.InvariantCulture) ?? k,
            k => Convert.ToString(rows[1][k], CultureInfo.InvariantCulture) ?? string.Empty);
        return (headers, example);
    }

    /// <summary>Warehousing, as a person writes it in <paramref name="culture"/>'s language.</summary>
    private static string ServiceLineName(CultureInfo culture) => culture.TwoLetterISOLanguageName == "zh" ? "仓储" : "Warehousing";

    /// <summary>Chooses the file as a person does and waits for the preview (or, when <paramref name="wait"/> is false, for nothing).</summary>
    private static async Task UploadAsync(IPage page, FilePayload file, bool wait = true)
    {
        await page.Locator("[data-test='upload']").SetInputFilesAsync(file);
        if (wait)
        {
            await Expect(page.Locator("[data-test='import-preview'] .file-name")).ToContainTextAsync(file.Name);
        }
    }
}

/// <summary>The import tests' own app: what they import never reaches the shared app's board.</summary>
public sealed class ImportApp : BrowserApp;
