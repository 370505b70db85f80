using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>
/// A rep on a phone taps Power 4 meaning 3 and puts it right at once (METHOD.md, "Corrections are not regressions"): from the
/// save's snackbar (Undo) and from the timeline (Correct). The card on the board carries no regression flag and the review no
/// regression.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CorrectionTests(BrowserApp app)
{
    [Fact]
    public async Task UndoInTheSnackbarLeavesNoRegressionOnTheBoardOrInTheReview()
    {
        // At "reach the decision maker" (need 3, power 3, goal 2): Record checkpoint → Need opens on level 4.
        var customer = $"Undo Snackbar Foods {Guid.NewGuid():N}"[..30];
        var card = await app.DealOfAsync(BrowserApp.Rep, customer, ("need", 3), ("power", 3), ("goal", 2));
        var id = card["id"]!.GetValue<Guid>();
        var page = await app.OpenAsync($"/deals/{id}", user: BrowserApp.Rep, device: Device.Phone);

        await page.Locator("[data-test='record-checkpoint']").TapAsync();
        await page.Locator("[data-test='record-checkpoint-factor'][data-factor='need']").TapAsync();
        await page.Locator(".mud-dialog textarea").First.FillAsync("Tapped the wrong level");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Save" }).TapAsync();
        var snackbar = page.Locator(".mud-snackbar", new PageLocatorOptions { HasText = "Recorded:" });
        await snackbar.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Undo" }).TapAsync();

        await Expect(page.Locator("[data-test='timeline-entry'][data-corrected='true']")).ToContainTextAsync("Corrected by");
        await Expect(page.Locator(".mud-snackbar", new PageLocatorOptions { HasText = "Corrected:" })).ToBeVisibleAsync();
        var now = JsonNode.Parse(await app.Api.GetStringAsync($"/api/deals/{id}"))!["card"]!;
        Assert.Equal(3, now["levels"]!["need"]!.GetValue<int>());
        await AssertNoRegressionAsync(page, id, customer);
    }

    [Fact]
    public async Task CorrectOnTheTimelineStrikesTheSlipThroughInBothLanguages()
    {
        var customer = $"Timeline Slip Foods {Guid.NewGuid():N}"[..30];
        var card = await app.DealOfAsync(BrowserApp.Rep, customer, ("need", 3), ("power", 3));
        var id = card["id"]!.GetValue<Guid>();
        using var rep = await app.ApiAsAsync(BrowserApp.Rep);
        var slipped = await rep.PostAsJsonAsync($"/api/deals/{id}/checkpoints",
            new { factor = "power", level = 4, note = "Met the COO and the CFO", version = card["version"]!.GetValue<int>() });
        Assert.True(slipped.IsSuccessStatusCode, await slipped.Content.ReadAsStringAsync());
        var page = await app.OpenAsync($"/deals/{id}", user: BrowserApp.Rep, device: Device.Phone);

        var undo = page.Locator("[data-test='correct-undo']");
        await Fit.AssertTapTargetsAsync(undo);
        await undo.TapAsync();

        var struck = page.Locator("[data-test='timeline-entry'][data-corrected='true']");
        await Expect(struck).ToContainTextAsync("Corrected by");
        Assert.Equal("line-through", await struck.Locator(".entry-levels").EvaluateAsync<string>("e => getComputedStyle(e).textDecorationLine"));
        await AssertNoRegressionAsync(page, id, customer);

        foreach (var locale in new[] { "en-US", "zh-CN" })
        {
            var shown = await app.OpenAsync($"/deals/{id}", locale, BrowserApp.Rep, device: Device.Phone);
            var entry = shown.Locator("[data-test='timeline-entry'][data-corrected='true']");
            await Expect(entry).ToContainTextAsync(locale == "zh-CN" ? "更正" : "Corrected by");
            await entry.ScrollIntoViewIfNeededAsync();
            await shown.Locator("[data-test='timeline']").ScreenshotAsync(new LocatorScreenshotOptions { Path = BrowserApp.Screenshot($"timeline-corrected-390-{locale}.png") });
            await Fit.AssertNoSidewaysScrollAsync(shown);
            await shown.Context.CloseAsync();
        }
    }

    /// <summary>The board's card has no regression flag, and the review of today's changes counts no regression for the deal.</summary>
    private async Task AssertNoRegressionAsync(IPage page, Guid id, string customer)
    {
        await BrowserApp.GoAsync(page, $"/?q={Uri.EscapeDataString(customer)}");
        var onBoard = page.Locator($"[data-deal-id='{id}']").First;
        await Expect(onBoard).ToBeAttachedAsync();
        await Expect(onBoard.Locator("[data-flag='regressed']")).ToHaveCountAsync(0);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Date);
        var review = JsonNode.Parse(await app.Api.GetStringAsync($"/api/review/changes?since={today:yyyy-MM-dd}"))!;
        var deal = review["deals"]!.AsArray().Single(d => d!["card"]!["id"]!.GetValue<Guid>() == id)!;
        Assert.Equal(0, deal["regressions"]!.GetValue<int>());
        Assert.DoesNotContain(deal["changes"]!.AsArray(), c => c!["regression"]!.GetValue<bool>());
    }
}
