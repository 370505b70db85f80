using System.Diagnostics;
using System.Globalization;
using Deque.AxeCore.Playwright;
using KeyAccountPipeline.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>
/// Issue 15, the rep after a customer visit on a 390×844 touch phone (UX.md situation 1): open the deal, record the visit
/// that proved Power 3 with a note. The test counts the taps (at most three, plus typing) and times the update from opening
/// the deal to the "saved" snackbar, and prints both for the closing note.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneVisitTests(BrowserApp app, ITestOutputHelper output)
{
    /// <summary>How long a step may take on a loaded test machine; the time printed is what it really took.</summary>
    private const float Patience = 20_000;

    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("zh-CN", "zh")]
    public async Task AVisitThatProvedPower3TakesThreeTapsOnAPhone(string locale, string tag)
    {
        var card = await app.DealOfAsync(BrowserApp.Rep, $"Phone Visit {tag} {Guid.NewGuid():N}"[..24], ("need", 1));
        var id = card["id"]!.GetValue<Guid>();
        var note = tag == "zh" ? "在仓库见到了陈总（老板），他拍板物流预算。" : "Met Mr Chen, the owner, at the warehouse: he signs off logistics spend.";
        var taps = 0;
        async Task TapAsync(ILocator target)
        {
            await target.TapAsync();
            taps++;
        }

        var clock = Stopwatch.StartNew();
        var page = await app.OpenAsync($"/deals/{id}", locale, BrowserApp.Rep, device: Device.Phone);
        var visit = page.Locator("[data-test='record-visit']");
        await Expect(visit).ToBeVisibleAsync();

        // Where the deal stands and the action come first: both on the first screen, no scrolling.
        var action = (await visit.BoundingBoxAsync())!;
        Assert.True(action.Y + action.Height <= Device.Phone.Height, $"'Record a visit' ends at {action.Y + action.Height} px, below the first screen");
        Assert.True((await page.Locator("[data-test='deal-stage']").BoundingBoxAsync())!.Y < action.Y);
        Assert.True((await page.Locator("[data-test='deal-progress']").BoundingBoxAsync())!.Y < action.Y);
        await Fit.AssertNoSidewaysScrollAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot($"phone-visit-deal-390-{tag}.png") });

        await TapAsync(visit);
        var sheet = page.Locator("[data-test='visit-dialog']");
        await Expect(sheet).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = Patience });
        await TapAsync(sheet.Locator("[data-test='visit-option'][data-factor='power'][data-level='3']"));
        await sheet.Locator("textarea[data-test='visit-note']").FillAsync(note);
        await Fit.AssertNoSidewaysScrollAsync(page);
        var save = page.Locator(".mud-dialog [data-test='save']");
        await Fit.AssertTapTargetsAsync(page.Locator(".mud-dialog button:visible, .mud-dialog [data-test='visit-option']:visible"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot($"phone-visit-sheet-390-{tag}.png") });
        BoardTests.AssertNoSeriousViolations(await page.RunAxe());
        await TapAsync(save);

        await Expect(page.Locator(".mud-snackbar").Filter(new LocatorFilterOptions { HasText = "0 → 3" }))
            .ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = Patience });
        clock.Stop();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"After-visit update on a 390×844 phone ({locale}): {taps} taps plus typing; {clock.Elapsed.TotalSeconds:F1} s from opening the deal to the saved snackbar."));
        Assert.Equal(3, taps);

        await Expect(sheet).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-test='ladder-power']")).ToHaveAttributeAsync("data-level", "3", new LocatorAssertionsToHaveAttributeOptions { Timeout = Patience });
        await Expect(page.Locator("[data-test='timeline-entry'][data-type='activity']")).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = Patience });
        await Expect(page.Locator("[data-test='timeline-entry'][data-type='activity']")).ToContainTextAsync(note);
        await Fit.AssertTapTargetsAsync(page.Locator(".deal-page button:visible"));
        await Fit.SnackbarsSettledAsync(page);
        BoardTests.AssertNoSeriousViolations(await page.RunAxe());
        await page.Context.CloseAsync();
    }
}
