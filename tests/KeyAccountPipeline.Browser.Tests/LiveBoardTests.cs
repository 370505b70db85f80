using KeyAccountPipeline.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>A change made by anyone shows on every open board and deal page, without a reload.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveBoardTests(BrowserApp app)
{
    [Fact]
    public async Task ACheckpointRecordedInOneBrowserMovesTheCardOnAnotherBrowsersBoardWithoutAReload()
    {
        var card = await app.DealAsync("Live Board Freight", ("need", 1), ("need", 2), ("need", 3));
        var id = card["id"]!.GetValue<Guid>();
        var board = await app.OpenAsync("/");
        await Expect(board.Locator($"section[data-stage='discover'] [data-deal-id='{id}']")).ToBeVisibleAsync();
        var dealPage = await app.OpenAsync($"/deals/{id}");
        await Expect(dealPage.Locator("[data-test='deal-stage']")).ToContainTextAsync("Discover");
        await Live.MarkAsync(board);
        await Live.MarkAsync(dealPage);

        var working = await app.OpenAsync($"/deals/{id}");
        await working.Locator("[data-test='missing-item'][data-factor='power'] button").ClickAsync();
        await working.Locator(".mud-dialog textarea").First.FillAsync("The COO agreed to sponsor the project");
        await working.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Save" }).ClickAsync();

        await Expect(board.Locator($"section[data-stage='qualify'] [data-deal-id='{id}']")).ToBeVisibleAsync();
        await Expect(board.Locator($"[data-deal-id='{id}'] [data-factor='power']")).ToHaveAttributeAsync("data-level", "1");
        await Expect(board.Locator($"section[data-stage='discover'] [data-deal-id='{id}']")).ToHaveCountAsync(0);
        await Expect(dealPage.Locator("[data-test='deal-stage']")).ToContainTextAsync("Qualify");
        await Expect(dealPage.Locator("[data-test='timeline-entry'][data-type='checkpoint']").First).ToContainTextAsync("The COO agreed");
        await Live.AssertNotReloadedAsync(board);
        await Live.AssertNotReloadedAsync(dealPage);
    }

    [Fact]
    public async Task ADealPageBehindAnOpenDialogShowsTheChangeAndTheDialogStillMeetsItAsAConflict()
    {
        var card = await app.DealAsync("Dialog Open Trading", ("need", 1));
        var id = card["id"]!.GetValue<Guid>();
        var page = await app.OpenAsync($"/deals/{id}");
        await page.Locator("[data-test='record-need']").ClickAsync();
        await page.Locator(".mud-dialog textarea").First.FillAsync("Typed before the other change");

        await app.PostAsync($"/api/deals/{id}/checkpoints", new { factor = "need", level = 2, note = "Other rep's visit", version = card["version"]!.GetValue<int>() });

        await Expect(page.Locator("[data-test='timeline-entry'][data-type='checkpoint']").First).ToContainTextAsync("Other rep's visit");
        await Expect(page.Locator(".mud-dialog textarea").First).ToHaveValueAsync("Typed before the other change");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Save" }).ClickAsync();
        await Expect(page.Locator(".mud-dialog [data-test='conflict']")).ToContainTextAsync("changed by someone else");
    }

    [Fact]
    public async Task AnOpenReviewScreenListsADealChangedDuringTheMeetingWithoutAReload()
    {
        const string customer = "Mid Meeting Freight";
        var page = await app.OpenAsync("/review");
        await Expect(page.Locator("[data-test='review-overview']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test='review-deal-link']", new PageLocatorOptions { HasText = customer })).ToHaveCountAsync(0);
        await Live.MarkAsync(page);

        await app.DealAsync(customer, ("need", 1), ("need", 2));

        await Expect(page.Locator("[data-test='review-deal-link']", new PageLocatorOptions { HasText = customer })).ToBeVisibleAsync();
        await Live.AssertNotReloadedAsync(page);
    }
}

/// <summary>
/// Two app instances as separate processes on one PostgreSQL database: a change made through one shows on the
/// other's open pages (LISTEN/NOTIFY), and a sign-in on one is valid on the other (Data Protection keys in the database).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoInstanceTests(BrowserApp app, TwoInstances instances) : IClassFixture<TwoInstances>
{
    [Fact]
    public async Task ChangesMadeThroughInstanceBShowOnInstanceAsOpenBoardWithoutAReload()
    {
        await using var context = await SignedInOnAAsync();
        var board = await context.NewPageAsync();
        await BrowserApp.GoAsync(board, "/");
        await Expect(board.Locator("[data-test='deal-card']").First).ToBeVisibleAsync();
        await Live.MarkAsync(board);
        using var b = await TwoInstances.ApiAsync(instances.B);

        var card = await BrowserApp.CreateDealAsync(b, null, "Two Instances Freight", ("need", 1), ("need", 2), ("need", 3));
        var id = card["id"]!.GetValue<Guid>();
        await Expect(board.Locator($"section[data-stage='discover'] [data-deal-id='{id}']")).ToBeVisibleAsync();
        await BrowserApp.PostAsync(b, $"/api/deals/{id}/checkpoints",
            new { factor = "power", level = 1, note = "Met the COO", version = card["version"]!.GetValue<int>() });

        await Expect(board.Locator($"section[data-stage='qualify'] [data-deal-id='{id}']")).ToBeVisibleAsync();
        await Expect(board.Locator($"[data-deal-id='{id}'] [data-factor='power']")).ToHaveAttributeAsync("data-level", "1");
        await Live.AssertNotReloadedAsync(board);
    }

    [Fact]
    public async Task ASignInOnInstanceAIsValidOnInstanceBWhoseDealPageFollowsChangesMadeThroughA()
    {
        using var a = await TwoInstances.ApiAsync(instances.A);
        var card = await BrowserApp.CreateDealAsync(a, null, "Shared Keys Logistics", ("need", 1), ("need", 2), ("need", 3));
        var id = card["id"]!.GetValue<Guid>();
        await using var context = await SignedInOnAAsync();

        // The same cookie, sent to the other instance (as a proxy would after a failover).
        var page = await context.NewPageAsync();
        await BrowserApp.GoAsync(page, $"{instances.B.BaseUrl}/deals/{id}");
        await Expect(page.Locator("[data-test='deal-customer']")).ToHaveTextAsync("Shared Keys Logistics");
        await Expect(page.Locator("[data-test='deal-stage']")).ToContainTextAsync("Discover");
        await Live.MarkAsync(page);
        await BrowserApp.PostAsync(a, $"/api/deals/{id}/checkpoints",
            new { factor = "power", level = 1, note = "Met the COO", version = card["version"]!.GetValue<int>() });

        await Expect(page.Locator("[data-test='deal-stage']")).ToContainTextAsync("Qualify");
        await Live.AssertNotReloadedAsync(page);
    }

    /// <summary>A browser that signed in through instance A's sign-in page.</summary>
    private Task<IBrowserContext> SignedInOnAAsync() => app.SignedInContextAsync(instances.A.BaseUrl);
}

/// <summary>Proves a page was updated in place: a mark set in its window survives only if it was not reloaded.</summary>
internal static class Live
{
    public static Task MarkAsync(IPage page) => page.EvaluateAsync("() => { window.__kapMarker = 1; }");

    public static async Task AssertNotReloadedAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => window.__kapMarker === 1"), "The page was reloaded.");
}
