using System.Text.Json.Nodes;
using Deque.AxeCore.Playwright;
using KeyAccountPipeline.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>The deal page as a rep uses it after a customer visit, in real Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DealPageTests(BrowserApp app)
{
    [Fact]
    public async Task OpeningADealFromTheBoardShowsWhereItStandsAndWhatIsLeft()
    {
        var page = await app.OpenAsync("/");
        var card = page.Locator("section[data-stage='access'] [data-test='deal-card']").First;
        var customer = await card.Locator(".card-customer").InnerTextAsync();

        await card.Locator(".card-customer").ClickAsync();

        await Expect(page.Locator("[data-test='deal-customer']")).ToHaveTextAsync(customer);
        await Expect(page.Locator("[data-test='deal-stage']")).ToContainTextAsync("Reach the decision maker");
        await Expect(page.Locator("[data-test='station-left']")).ToContainTextAsync("Solution and value");
        await Expect(page.Locator("[data-test='missing-item']").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test='timeline-entry']").First).ToBeVisibleAsync();
        await page.Locator("html[data-circuit='live']").WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot("deal-1920x1080.png") });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot("deal-full.png"), FullPage = true });
    }

    [Fact]
    public async Task RecordingTheLastMissingCheckpointOnTheDealPageCrossesTheGateOnTheBoard()
    {
        var card = await app.DealAsync("Deal Page Gate Co", ("need", 1), ("need", 2), ("need", 3));
        var id = card["id"]!.GetValue<Guid>();
        var page = await app.OpenAsync($"/deals/{id}");
        await Expect(page.Locator("[data-test='deal-stage']")).ToContainTextAsync("Discover");

        await page.Locator("[data-test='missing-item'][data-factor='power'] button").ClickAsync();
        await page.Locator(".mud-dialog textarea").First.FillAsync("The COO agreed to sponsor the project");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Save" }).ClickAsync();

        await Expect(page.Locator("[data-test='deal-stage']")).ToContainTextAsync("Qualify");
        await Expect(page.Locator("[data-test='timeline-entry'][data-type='checkpoint']").First).ToContainTextAsync("The COO agreed to sponsor the project");
        await BrowserApp.GoAsync(page, "/?q=Deal%20Page%20Gate");
        await Expect(page.Locator($"section[data-stage='qualify'] [data-deal-id='{id}']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AStaleTabGetsChangedBySomeoneElseAndOverwritesNothing()
    {
        var card = await app.DealAsync("Two Tabs Trading", ("need", 1));
        var id = card["id"]!.GetValue<Guid>();
        var page = await app.OpenAsync($"/deals/{id}");
        await page.Locator("[data-test='record-checkpoint']").ClickAsync();
        await page.Locator("[data-test='record-checkpoint-factor'][data-factor='need']").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();

        // Someone else records a change while the dialog is open.
        await app.PostAsync($"/api/deals/{id}/checkpoints", new { factor = "need", level = 2, note = "Other rep's visit", version = card["version"]!.GetValue<int>() });
        await page.Locator(".mud-dialog textarea").First.FillAsync("My stale change");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Save" }).ClickAsync();

        await Expect(page.Locator(".mud-dialog [data-test='conflict']")).ToContainTextAsync("changed by someone else");
        var history = JsonNode.Parse(await app.Api.GetStringAsync($"/api/deals/{id}/history"))!.AsArray();
        Assert.Equal(["Confirmed in the weekly call", "Other rep's visit"], history.Select(h => h!["note"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TheDealPageHasNoSeriousAccessibilityViolationsInEitherLanguage()
    {
        var board = JsonNode.Parse(await app.Api.GetStringAsync("/api/deals?flag=regressed"))!.AsArray();
        var id = board.First()!["id"]!.GetValue<Guid>();

        foreach (var locale in new[] { "en-US", "zh-CN" })
        {
            var page = await app.OpenAsync($"/deals/{id}", locale);
            await Expect(page.Locator("[data-test='timeline-entry']").First).ToBeVisibleAsync();
            BoardTests.AssertNoSeriousViolations(await page.RunAxe());
        }
    }

    [Fact]
    public async Task AnUnknownDealSaysSoWithAWayBack()
    {
        var page = await app.OpenAsync($"/deals/{Guid.NewGuid()}");

        await Expect(page.Locator("[data-test='deal-not-found']")).ToBeVisibleAsync();
        await page.Locator("[data-test='back-to-board']").ClickAsync();
        await Expect(page.Locator("section[data-stage='discover']")).ToBeVisibleAsync();
    }
}
