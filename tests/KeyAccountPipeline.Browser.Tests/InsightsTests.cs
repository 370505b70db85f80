using System.Text;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>The manager's insights page over the demo, and the CSV downloads from the board and the deal page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InsightsTests(BrowserApp app)
{
    [Fact]
    public async Task AManagerSeesEveryOpenDealOnTheHeatMapAndTheTeamsWeakestFactor()
    {
        var open = JsonNode.Parse(await app.Api.GetStringAsync("/api/deals"))!.AsArray();
        var insights = JsonNode.Parse(await app.Api.GetStringAsync("/api/insights"))!;
        var weakest = insights["weakestFactor"]!.GetValue<string>();
        var page = await app.OpenAsync("/");

        await page.Locator("[data-test='nav-insights']").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/insights$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Insights");
        var rows = page.Locator("[data-test='heat-row']");
        await Expect(rows).ToHaveCountAsync(open.Count);
        foreach (var deal in open.Take(3))
        {
            await Expect(page.Locator($"[data-test='heat-row'][data-deal-id='{deal!["id"]}'] .heat-customer")).ToHaveTextAsync(deal["customer"]!.GetValue<string>());
        }

        // Every cell carries its number, not only a colour.
        var firstId = await rows.First.GetAttributeAsync("data-deal-id");
        var first = open.Single(d => d!["id"]!.GetValue<string>() == firstId)!;
        await Expect(rows.First.Locator("[data-factor='power']")).ToHaveTextAsync(first["levels"]!["power"]!.ToString());
        var callout = page.Locator("[data-test='team-weakest']");
        await Expect(callout).ToHaveAttributeAsync("data-factor", weakest);
        await Expect(callout.Locator(".weakest-name")).ToHaveTextAsync(
            insights["factors"]!.AsArray().Single(f => f!["key"]!.GetValue<string>() == weakest)!["name"]!.GetValue<string>());
        await Expect(page.Locator("[data-test='funnel'] tbody tr")).ToHaveCountAsync(6);
        await Expect(page.Locator("[data-test='rep-row']").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot("insights-manager.png"), FullPage = true });

        await callout.Locator("[data-test='weakest-deals']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"\\?weakest={weakest}$"));
    }

    [Fact]
    public async Task TheInsightsPageReadsInChinese()
    {
        var page = await app.OpenAsync("/insights", locale: "zh-CN");

        await Expect(page.Locator("h1")).ToHaveTextAsync("洞察");
        await Expect(page.Locator("[data-test='heat-map'] thead")).ToContainTextAsync("需求");
        await Expect(page.Locator("[data-test='team-weakest'] h2")).ToHaveTextAsync("团队最弱的因素");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot("insights-manager-zh.png"), FullPage = true });
    }

    [Fact]
    public async Task ARepHasNoInsightsLink()
    {
        var page = await app.OpenAsync("/", user: BrowserApp.Rep);

        await Expect(page.Locator("[data-test='board']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test='download-board-csv']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test='nav-insights']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheBoardsDownloadButtonGivesOneRowPerDeal()
    {
        var deals = JsonNode.Parse(await app.Api.GetStringAsync("/api/deals?status=all"))!.AsArray();
        var page = await app.OpenAsync("/");
        await Expect(page.Locator("[data-test='board']")).ToBeVisibleAsync();

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot("board-download-button.png") });
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-test='download-board-csv']").ClickAsync());

        Assert.Matches(@"^board-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var lines = await LinesAsync(download);
        // The page's download speaks the reader's language (issue 15); the API's /api/... files keep the stable keys.
        Assert.StartsWith("Customer,Deal,Owner,Stage key,Stage,Status,", lines[0]);
        Assert.Equal(deals.Count, lines.Length - 1);
        Assert.Contains(lines, l => l.StartsWith(Quoted(deals[0]!["customer"]!.GetValue<string>()), StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheDealPagesDownloadGivesItsCheckpointHistory()
    {
        var deal = JsonNode.Parse(await app.Api.GetStringAsync("/api/deals"))!.AsArray()[0]!;
        var history = JsonNode.Parse(await app.Api.GetStringAsync($"/api/deals/{deal["id"]}/history"))!.AsArray();
        var page = await app.OpenAsync($"/deals/{deal["id"]}");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-test='download-history-csv']").ClickAsync());

        var lines = await LinesAsync(download);
        Assert.Equal("Occurred at,Recorded at,Factor,From level,To level,Regression,Checkpoint,By,Note,Evidence,Evidence detail", lines[0]);
        Assert.Equal(history.Count, lines.Length - 1);
        Assert.EndsWith(".csv", download.SuggestedFilename);
    }

    /// <summary>The file's lines after its byte order mark (the demo's texts hold no line breaks).</summary>
    private static async Task<string[]> LinesAsync(IDownload download)
    {
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    private static string Quoted(string cell) =>
        cell.IndexOfAny([',', '"']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
