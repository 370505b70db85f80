using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using KeyAccountPipeline.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>
/// The board on a phone (issue 15 §2) and a tablet: one stage at a time through the stage switcher, "Mine", a tap on a
/// card's body opens the deal, "Move to…" fits the screen and hands the exact factor and level to the checkpoint
/// dialog, back to the board keeps the filters; nothing scrolls sideways.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneBoardTests(BrowserApp app)
{
    [Theory]
    [InlineData("en-US", BrowserApp.Rep)]
    [InlineData("zh-CN", BrowserApp.Manager)]
    public async Task ThePhoneShowsOneStageAtATimeWithItsCountAndTheChosenStageStaysInTheUrl(string locale, string user)
    {
        var board = JsonNode.Parse(await app.Api.GetStringAsync("/api/board"))!;
        var page = await app.OpenAsync("/", locale, user, device: Device.Phone);

        var chips = page.Locator("[data-test='stage-switcher'] a");
        var expected = board["columns"]!.AsArray().Select(c => c!["count"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Append(board["won"]!.AsArray().Count.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Append(board["lost"]!.AsArray().Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(chips.Locator("[data-test='chip-count']")).ToHaveTextAsync(expected.ToArray());
        await Expect(page.Locator("section.board-column:visible")).ToHaveCountAsync(1);

        var qualify = page.Locator("[data-stage-chip='qualify']");
        await qualify.TapAsync();
        await Expect(page).ToHaveURLAsync(new Regex("show=qualify"));
        await Expect(qualify).ToHaveAttributeAsync("aria-current", "true");
        var visible = page.Locator("section.board-column:visible");
        await Expect(visible).ToHaveCountAsync(1);
        await Expect(visible).ToHaveAttributeAsync("data-stage", "qualify");
        var card = visible.Locator("[data-test='deal-card']").First;
        await Expect(card).ToBeVisibleAsync();
        Assert.True((await card.BoundingBoxAsync())!.Width >= 0.85 * Device.Phone.Width, "a card takes the phone's width");
        await Fit.AssertNoSidewaysScrollAsync(page);
        await AssertLaddersLegibleAsync(card);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot($"board-phone-390-{locale}.png"), FullPage = false });

        await page.Locator("[data-stage-chip='won']").TapAsync();
        await Expect(page.Locator("section.board-column:visible")).ToHaveAttributeAsync("data-stage", "won");
        await Expect(page.Locator("section[data-stage='won'] [data-test='deal-card']")).ToHaveCountAsync(board["won"]!.AsArray().Count);

        await page.GoBackAsync(); // Back returns to the stage shown before
        await Expect(page.Locator("section.board-column:visible")).ToHaveAttributeAsync("data-stage", "qualify");
        await page.ReloadAsync();
        await page.Locator("html[data-circuit='live']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await Expect(page.Locator("section.board-column:visible")).ToHaveAttributeAsync("data-stage", "qualify");
    }

    [Theory]
    [InlineData("en-US", BrowserApp.Rep)]
    [InlineData("zh-CN", BrowserApp.Manager)]
    public async Task MineShowsOnlyTheSignedInPersonsDeals(string locale, string user)
    {
        var people = JsonNode.Parse(await app.Api.GetStringAsync("/api/people"))!.AsArray();
        var me = people.Single(p => p!["email"]!.GetValue<string>() == user)!;
        await app.DealOfAsync(user, $"Mine Only Logistics {Guid.NewGuid():N}", ("need", 1));
        var page = await app.OpenAsync("/", locale, user, device: Device.Phone);

        await page.Locator("[data-test='mine']").TapAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"ownerId={me["id"]!.GetValue<Guid>()}"));
        await Expect(page.Locator("[data-test='mine']")).ToHaveAttributeAsync("aria-pressed", "true");
        var owners = page.Locator("[data-test='deal-card'] .card-owner");
        await Expect(owners.First).ToBeAttachedAsync();
        Assert.All(await owners.AllTextContentsAsync(), owner => Assert.Equal(me["name"]!.GetValue<string>(), owner));
        await Expect(page.Locator("section.board-column:visible [data-test='deal-card']").First).ToBeVisibleAsync();

        await page.Locator("[data-test='mine']").TapAsync();
        await Expect(page.Locator("[data-test='mine']")).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(page).Not.ToHaveURLAsync(new Regex("ownerId="));
    }

    [Fact]
    public async Task ATapOnACardsBodyOpensTheDealAndBackToTheBoardKeepsItsFilters()
    {
        var card = await app.DealAsync($"Tap Anywhere Freight {Guid.NewGuid():N}", ("need", 1));
        var id = card["id"]!.GetValue<Guid>();
        var page = await app.OpenAsync($"/?q={Uri.EscapeDataString(card["customer"]!.GetValue<string>())}", device: Device.Phone);
        var ladders = page.Locator($"[data-deal-id='{id}'] .ladders");
        await Expect(ladders).ToBeVisibleAsync();

        var box = (await ladders.BoundingBoxAsync())!;
        await page.Touchscreen.TapAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2)); // the ladders, not the name

        await Expect(page).ToHaveURLAsync(new Regex($"/deals/{id}$"));
        await page.Locator("html[data-circuit='live']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await Expect(page.Locator("[data-test='back-to-board-link']")).ToHaveAttributeAsync("href", new Regex(@"\?q="));
        await page.Locator("[data-test='back-to-board-link']").TapAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/\?q=Tap"));
        await Expect(page.Locator($"[data-deal-id='{id}']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task BackToTheBoardFromADealKeepsTheStalledFilter()
    {
        var page = await app.OpenAsync("/?flag=stalled", device: Device.Phone);
        var card = page.Locator("section.board-column:visible [data-test='deal-card']").First;
        await Expect(card).ToBeVisibleAsync();

        await card.Locator(".card-customer").TapAsync();
        await page.Locator("[data-test='deal-page']").WaitForAsync();
        await page.Locator("html[data-circuit='live']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await Expect(page.Locator("[data-test='back-to-board-link']")).ToHaveAttributeAsync("href", new Regex(@"\?flag=stalled"));
        await page.Locator("[data-test='back-to-board-link']").TapAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/\?flag=stalled"));
        await Expect(page.Locator("section.board-column:visible [data-test='deal-card']:not(.is-stalled)")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("phone", "en-US")]
    [InlineData("phone", "zh-CN")]
    [InlineData("tablet", "en-US")]
    public async Task MoveToFitsTheScreenAndOpensTheCheckpointOnTheFactorAndLevelItNames(string device, string locale)
    {
        var screen = Device.Named(device);
        var card = await app.DealOfAsync(BrowserApp.Rep, $"Move On Phone Cold Chain {Guid.NewGuid():N}", ("need", 1), ("need", 2), ("need", 3));
        var id = card["id"]!.GetValue<Guid>();
        var page = await app.OpenAsync($"/?q={Uri.EscapeDataString(card["customer"]!.GetValue<string>())}", locale, BrowserApp.Rep, device: screen);

        var move = page.Locator($"[data-deal-id='{id}'] [data-test='move-to']");
        var moveBox = (await move.BoundingBoxAsync())!;
        Assert.True(moveBox.Height >= 44 && moveBox.Width >= 44, $"Move to… is {moveBox.Width}×{moveBox.Height}");
        var fold = page.Locator("[data-test='fold-won']");
        if (await fold.IsVisibleAsync())
        {
            var foldBox = (await fold.BoundingBoxAsync())!;
            Assert.True(foldBox.Height >= 44 && foldBox.Width >= 44, $"Show is {foldBox.Width}×{foldBox.Height}");
        }

        await Fit.AssertNoSidewaysScrollAsync(page);
        await move.TapAsync();

        var dialog = page.Locator(".mud-dialog");
        var stages = dialog.Locator(".stage-choices button");
        await Expect(stages).ToHaveCountAsync(6);
        foreach (var stage in await stages.AllAsync())
        {
            await stage.ScrollIntoViewIfNeededAsync();
            var box = (await stage.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= screen.Width, $"a stage button reaches {box.X + box.Width} of {screen.Width}");
            Assert.True(box.Height >= 44, $"a stage button is {box.Height} high");
        }

        var dialogBox = (await dialog.BoundingBoxAsync())!;
        Assert.True(dialogBox.X >= 0 && dialogBox.X + dialogBox.Width <= screen.Width, $"the dialog spans {dialogBox.X}–{dialogBox.X + dialogBox.Width} of {screen.Width}");
        await dialog.Locator(".stage-choices button[data-stage='access']").TapAsync();
        var power = dialog.Locator("[data-test='missing-items'] [data-factor='power']");
        await Expect(power).ToHaveAttributeAsync("data-level", "3");
        await Expect(power).ToContainTextAsync("0 → 3");
        if (device == "phone")
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot($"board-move-to-phone-390-{locale}.png") });
        }

        await power.TapAsync();

        // The checkpoint dialog opens on the factor and the level the shortcut named: its first two fields.
        var fields = page.Locator(".mud-dialog").GetByRole(AriaRole.Combobox);
        await Expect(fields.First).ToBeVisibleAsync();
        var chosen = await fields.EvaluateAllAsync<string[]>("fields => fields.map(f => f.value || f.textContent)");
        Assert.Matches("^(Power|权力)", chosen[0]);
        Assert.Matches("^3", chosen[1]);
        await Fit.AssertNoSidewaysScrollAsync(page);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task ThePhoneBoardHasNoSeriousAccessibilityViolations(string locale)
    {
        var page = await app.OpenAsync("/", locale, BrowserApp.Rep, device: Device.Phone);
        await page.Locator("[data-test='filters-toggle']").TapAsync();
        await Expect(page.Locator("[data-test='filters']")).ToBeVisibleAsync();
        await Fit.AssertNoSidewaysScrollAsync(page);

        // The board's own content: the top bar at phone size is the layout's (issue 15 §1, collapsed into a menu there).
        BoardTests.AssertNoSeriousViolations(await page.Locator("main.page").RunAxe());
    }

    [Fact]
    public async Task TheBoardFitsTheSmallestPhoneAndTheTabletKeepsItsColumnsWithoutSidewaysScroll()
    {
        var small = await app.OpenAsync("/", "zh-CN", BrowserApp.Rep, device: Device.SmallPhone);
        await Expect(small.Locator("section.board-column:visible [data-test='deal-card']").First).ToBeVisibleAsync();
        await Fit.AssertNoSidewaysScrollAsync(small);

        var tablet = await app.OpenAsync("/", "en-US", BrowserApp.Rep, device: Device.Tablet);
        await Expect(tablet.Locator("section[data-stage='discover'] [data-test='deal-card']").First).ToBeVisibleAsync();
        await Expect(tablet.Locator("[data-test='stage-switcher']")).ToBeHiddenAsync();
        Assert.True(await tablet.Locator("section.board-column:visible").CountAsync() > 2, "the tablet shows the columns");
        await Fit.AssertNoSidewaysScrollAsync(tablet);
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task LadderSegmentsOnTheProjectorAreAsWideInEnglishAsInChinese(string locale)
    {
        var page = await app.OpenAsync("/", locale);
        var card = page.Locator("section[data-stage='discover'] [data-test='deal-card']").First;
        await Expect(card).ToBeVisibleAsync();

        await AssertLaddersLegibleAsync(card);
    }

    /// <summary>Every ladder's segments on <paramref name="card"/> are wide enough to count from the back of a room.</summary>
    private static async Task AssertLaddersLegibleAsync(ILocator card)
    {
        var widths = await card.Locator(".ladder .seg").EvaluateAllAsync<double[]>("segs => segs.map(s => s.getBoundingClientRect().width)");
        Assert.True(widths.Min() >= 14, $"the narrowest ladder segment is {widths.Min():0.#} px");
    }
}
