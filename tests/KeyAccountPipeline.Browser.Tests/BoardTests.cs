using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using KeyAccountPipeline.Browser.Tests.Infrastructure;
using KeyAccountPipeline.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>The board as a manager and a rep use it, in real Chromium against the running app.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BoardTests(BrowserApp app)
{
    private static readonly string[] StageNames =
        ["Discover", "Qualify", "Reach the decision maker", "Solution and value", "Joint plan", "Verbal commitment", "Won", "Lost"];

    [Fact]
    public async Task TheBoardShowsEveryStageAndTheSeededCards()
    {
        var page = await app.OpenAsync("/");
        var board = JsonNode.Parse(await app.Api.GetStringAsync("/api/board"))!;

        await Expect(page.Locator("section.board-column h2")).ToHaveTextAsync(StageNames);
        foreach (var column in board["columns"]!.AsArray())
        {
            var key = column!["stage"]!["key"]!.GetValue<string>();
            var cards = page.Locator($"section[data-stage='{key}'] [data-test='deal-card']");
            await Expect(page.Locator($"section[data-stage='{key}'] [data-test='column-count']")).ToHaveTextAsync(new Regex($"^{column["count"]} deals?$"));
            var first = column["deals"]!.AsArray().First()!;
            await Expect(cards.First.Locator(".card-customer")).ToHaveTextAsync(first["customer"]!.GetValue<string>());
        }

        await Expect(page.Locator("[data-test='deal-card'] [data-flag='stalled']").First).ToContainTextAsync("Stalled");
        await Expect(page.Locator("[data-test='deal-card'] [data-flag='busyButStuck']").First).ToContainTextAsync("Busy but stuck");
        await Expect(page.Locator("[data-test='deal-card'] [data-flag='onHold']")).ToHaveCountAsync(1);
        await Expect(page.Locator("section[data-stage='won'] [data-test='deal-card']")).ToHaveCountAsync(0);

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot("board-1920x1080.png") });

        await page.Locator("[data-test='fold-won']").ClickAsync();
        await Expect(page.Locator("section[data-stage='won'] [data-test='deal-card']")).ToHaveCountAsync(board["won"]!.AsArray().Count);
    }

    [Fact]
    public async Task AWarmBoardOpensWithoutReadingACardNotEvenWhenThePageTurnsInteractive()
    {
        await app.OpenAsync("/"); // a first board puts the instance's shared board in memory
        app.Sql.Reset();

        var page = await app.OpenAsync("/");
        await Expect(page.Locator("section[data-stage='discover'] [data-test='deal-card']").First).ToBeVisibleAsync();
        await page.Locator("[data-test='fold-won']").ClickAsync(); // one more round trip on the live circuit
        var filtered = await app.OpenAsync("/?flag=stalled"); // a filter is applied to the cards in memory too

        await Expect(page.Locator("section[data-stage='won'] [data-test='deal-card']").First).ToBeVisibleAsync();
        await Expect(filtered.Locator("section.board-column:not(.closed-column) [data-test='deal-card']").First).ToBeVisibleAsync();
        Assert.Equal(0, app.Sql.CardReads);
    }

    [Fact]
    public async Task ThePrerenderedBoardAlreadyCarriesTheFirstCardsOfEveryColumn()
    {
        var page = await app.OpenAsync("/");
        var board = JsonNode.Parse(await app.Api.GetStringAsync("/api/board"))!;

        // The page as the server first sends it, before any script runs: the same cookies, no circuit.
        var html = await (await page.APIRequest.GetAsync(app.BaseUrl + "/")).TextAsync();
        foreach (var column in board["columns"]!.AsArray().Where(c => c!["count"]!.GetValue<int>() > 0))
        {
            var first = column!["deals"]!.AsArray()[0]!["id"]!.GetValue<string>();
            Assert.Contains($"data-deal-id=\"{first}\"", html);
        }

        var drawn = Regex.Count(html, "data-test=\"deal-card\"");
        Assert.InRange(drawn, 1, 2 * board["columns"]!.AsArray().Count);
    }

    [Fact]
    public async Task AChangeWhoseNotificationWasLostStillReachesAnOpenBoardWithinSeconds()
    {
        var deal = await app.DealAsync("Unannounced Change Logistics");
        var id = deal["id"]!.GetValue<Guid>();
        var page = await app.OpenAsync($"/?q=Unannounced");
        var card = page.Locator($"[data-deal-id='{id}']");
        await Expect(card).ToContainTextAsync("Unannounced Change Logistics");

        // Committed as every write is (the version goes up), and nobody told: a crash between commit and notify.
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PipelineDbContext>>().CreateDbContextAsync())
        {
            await db.Deals.Where(d => d.Id == id).ExecuteUpdateAsync(d => d.SetProperty(x => x.Title, "Renamed without a word").SetProperty(x => x.Version, x => x.Version + 1));
        }

        await Expect(card).ToContainTextAsync("Renamed without a word", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
    }

    [Fact]
    public async Task FilteringByFlagKeepsOnlyFlaggedCardsAndPutsTheFilterInTheUrl()
    {
        var page = await app.OpenAsync("/");
        var stalled = JsonNode.Parse(await app.Api.GetStringAsync("/api/deals?flag=stalled"))!.AsArray();

        await page.Locator("[data-test='filter-flag']").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "Stalled" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("flag=stalled"));
        var cards = page.Locator("section.board-column:not(.closed-column) [data-test='deal-card']");
        await Expect(cards).ToHaveCountAsync(stalled.Count);
        await Expect(page.Locator("section.board-column:not(.closed-column) [data-test='deal-card']:not(.is-stalled)")).ToHaveCountAsync(0);

        // The link is shareable: opening it fresh shows the same board.
        var shared = await app.OpenAsync(page.Url);
        await Expect(shared.Locator("section.board-column:not(.closed-column) [data-test='deal-card']")).ToHaveCountAsync(stalled.Count);
    }

    /// <summary>A malformed value in the URL (an edited or stale link) is ignored; the good filters still apply.</summary>
    [Fact]
    public async Task MalformedFiltersInTheUrlAreIgnoredAndTheGoodOnesApply()
    {
        var stalled = JsonNode.Parse(await app.Api.GetStringAsync("/api/deals?flag=stalled"))!.AsArray();

        var page = await app.OpenAsync("/?ownerId=abc&serviceLine=teleport&weakest=-1&q=%00&flag=stalled");

        var cards = page.Locator("section.board-column:not(.closed-column) [data-test='deal-card']");
        await Expect(cards).ToHaveCountAsync(stalled.Count);
        await Expect(page.Locator("section.board-column:not(.closed-column) [data-test='deal-card']:not(.is-stalled)")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-test='download-board-csv']")).ToHaveAttributeAsync("href", "export/board.csv?flag=stalled");
    }

    /// <summary>
    /// The board's URL speaks the API's query names and rules: a digit is no service line (the API answers it 400, the page
    /// ignores it), a name filters, an old "?line=" link still does, and the CSV link carries the filters under the same names.
    /// </summary>
    [Fact]
    public async Task TheBoardsUrlAndItsCsvLinkSpeakTheApisQueryNames()
    {
        var all = JsonNode.Parse(await app.Api.GetStringAsync("/api/deals"))!.AsArray().Count;
        var transport = JsonNode.Parse(await app.Api.GetStringAsync("/api/deals?serviceLine=transport"))!.AsArray().Count;
        Assert.InRange(transport, 1, all - 1); // the seeded board has transport deals and others
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await app.Api.GetAsync("/api/deals?serviceLine=1")).StatusCode);
        const string csv = "[data-test='download-board-csv']";

        var digit = await app.OpenAsync("/?serviceLine=1");
        await ExpectOpenDealsAsync(digit, all);
        await Expect(digit.Locator(csv)).ToHaveAttributeAsync("href", "export/board.csv");

        foreach (var url in new[] { "/?serviceLine=transport", "/?line=transport" })
        {
            var page = await app.OpenAsync(url);
            await ExpectOpenDealsAsync(page, transport);
            await Expect(page.Locator(csv)).ToHaveAttributeAsync("href", "export/board.csv?serviceLine=transport");
        }

        // Choosing a filter writes the API's name and drops the old alias.
        var old = await app.OpenAsync("/?line=transport");
        await old.Locator("[data-test='filter-flag']").ClickAsync();
        await old.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "Stalled" }).ClickAsync();
        await Expect(old).ToHaveURLAsync(new Regex(@"\?serviceLine=transport&flag=stalled$"));
        await Expect(old.Locator(csv)).ToHaveAttributeAsync("href", "export/board.csv?flag=stalled&serviceLine=transport");
    }

    /// <summary>
    /// The open columns' deal counts, as their headings say, add up to <paramref name="expected"/>. Headings, not drawn cards:
    /// a column of more than <see cref="Web.Components.Board.BoardPage.VirtualizeAbove"/> deals draws its cards as they
    /// scroll into view, and the shared board grows as the other tests add deals.
    /// </summary>
    private static async Task ExpectOpenDealsAsync(IPage page, int expected)
    {
        var counts = page.Locator("section.board-column:not(.closed-column) [data-test='column-count']");
        var until = DateTime.UtcNow.AddSeconds(10);
        int shown;
        while ((shown = (await counts.AllInnerTextsAsync()).Sum(text => int.Parse(Regex.Match(text, @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture))) != expected
               && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }

        Assert.Equal(expected, shown);
    }

    [Fact]
    public async Task TheBoardsOwnIndustryOptionFindsAFullWidthIndustryOnce()
    {
        var rep = JsonNode.Parse(await app.Api.GetStringAsync("/api/people"))!.AsArray().First(p => p!["role"]!.GetValue<string>() == "rep")!;
        foreach (var (customer, industry, value) in new[] { ("ＴＣＬ华星物流（全角）", "ＩＴ与电子", 3_000_000m), ("Huaxing Components", "it与电子", 2_000_000m) })
        {
            await app.PostAsync("/api/deals", new
            {
                customer, industry, region = "South China", title = "Bonded warehouse", serviceLine = "warehousing",
                ownerId = rep["id"]!.GetValue<Guid>(), annualValue = value, targetCloseDate = DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(5)),
            });
        }

        var page = await app.OpenAsync("/");
        await page.Locator("[data-test='filter-industry']").ClickAsync();
        var options = page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasTextRegex = new Regex("(ＩＴ|it)与电子") });
        await Expect(options).ToHaveCountAsync(1);
        await options.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("industry="));
        var cards = page.Locator("section.board-column [data-test='deal-card'] .card-customer");
        await Expect(cards).ToHaveTextAsync(["ＴＣＬ华星物流（全角）", "Huaxing Components"], new LocatorAssertionsToHaveTextOptions { UseInnerText = true });
        await Expect(page.GetByText("No deals match these filters.")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task RecordingTheMissingCheckpointMovesTheCardToTheNextColumn()
    {
        var card = await app.DealAsync("Gate Crossing Logistics", ("need", 1), ("need", 2), ("need", 3));
        var id = card["id"]!.GetValue<Guid>();
        var page = await app.OpenAsync("/?q=Gate%20Crossing");
        await Expect(page.Locator($"section[data-stage='discover'] [data-deal-id='{id}']")).ToBeVisibleAsync();

        await page.Locator($"[data-deal-id='{id}'] [data-test='move-to']").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Qualify", Exact = true }).ClickAsync();
        await Expect(dialog.Locator("[data-test='missing-title']")).ToHaveTextAsync("To reach Qualify this deal still needs:");
        await dialog.Locator("[data-factor='power']").ClickAsync();

        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Record checkpoint");
        await page.Locator(".mud-dialog textarea").First.FillAsync("Met the logistics director; she owns the budget");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Save" }).ClickAsync();

        await Expect(page.Locator($"section[data-stage='qualify'] [data-deal-id='{id}']")).ToBeVisibleAsync();
        await Expect(page.Locator($"section[data-stage='discover'] [data-deal-id='{id}']")).ToHaveCountAsync(0);
        await Expect(page.Locator($"[data-deal-id='{id}'] [data-factor='power']")).ToHaveAttributeAsync("data-level", "1");
    }

    [Fact]
    public async Task ARegressionWithoutAReasonIsRefusedWithAVisibleMessage()
    {
        var card = await app.DealAsync("Regression Reason Freight", ("need", 2), ("power", 1));
        var id = card["id"]!.GetValue<Guid>();
        var page = await app.OpenAsync("/?q=Regression%20Reason");

        await page.Locator($"[data-deal-id='{id}'] [data-test='move-to']").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Reach the decision maker" }).ClickAsync();
        await page.Locator(".mud-dialog [data-factor='power']").ClickAsync();
        await page.Locator(".mud-dialog [data-test='level']").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "0." }).First.ClickAsync();
        await Expect(page.Locator(".mud-dialog [data-test='regression-warning']")).ToBeVisibleAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Save" }).ClickAsync();

        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("A regression needs a reason in the note.");
        var history = JsonNode.Parse(await app.Api.GetStringAsync($"/api/deals/{id}/history"))!.AsArray();
        Assert.Equal(2, history.Count);
    }

    [Fact]
    public async Task DroppingACardOnALaterColumnShowsWhatIsStillMissing()
    {
        var card = await app.DealAsync("Drag And Drop Shipping", ("need", 1));
        var id = card["id"]!.GetValue<Guid>();
        var page = await app.OpenAsync("/?q=Drag%20And%20Drop");

        await page.DragAndDropAsync($"[data-deal-id='{id}']", "section[data-stage='access']");

        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog.Locator("[data-test='missing-title']")).ToHaveTextAsync("To reach Reach the decision maker this deal still needs:");
        await Expect(dialog.Locator("[data-test='missing-items'] button")).ToHaveTextAsync(["Need 1 → 3", "Power 0 → 3", "Goal 0 → 2"]);
        await dialog.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Close" }).ClickAsync();
        await Expect(page.Locator($"section[data-stage='discover'] [data-deal-id='{id}']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheLanguageFollowsTheBrowserAndTheSwitchIsRemembered()
    {
        var page = await app.OpenAsync("/", locale: "zh-CN");
        await Expect(page.Locator("section[data-stage='access'] h2")).ToHaveTextAsync("接触决策人");
        await Expect(page.Locator("section[data-stage='discover'] [data-test='deal-card']").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot("board-zh-1920x1080.png") });

        await page.Locator("[data-test='language-switch']").ClickAsync();
        await page.Locator("html[lang='en'][data-circuit='live']").WaitForAsync();
        await Expect(page.Locator("section[data-stage='access'] h2")).ToHaveTextAsync("Reach the decision maker");

        await BrowserApp.GoAsync(page, "/?flag=stalled");
        await Expect(page.Locator("section[data-stage='qualify'] h2")).ToHaveTextAsync("Qualify");
        await Expect(page.Locator("[data-test='language-switch']")).ToHaveTextAsync("中文");
    }

    [Fact]
    public async Task TheBoardHasNoSeriousAccessibilityViolations()
    {
        var page = await app.OpenAsync("/");
        await page.Locator("[data-test='fold-won']").ClickAsync();

        var results = await page.RunAxe();

        AssertNoSeriousViolations(results);
    }

    internal static void AssertNoSeriousViolations(AxeResult results)
    {
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}")));
    }
}
