using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using KeyAccountPipeline.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>The weekly review on a projector: paging with the keyboard, and a held review's action items reaching the deal and its owner.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ReviewModeTests(BrowserApp app)
{
    [Fact]
    public async Task TheManagerPagesThroughTheReviewWithTheArrowKeysAndEscapeGoesBackToTheBoard()
    {
        await app.DealAsync("Review Keys Alpha Logistics", ("need", 1));
        await app.DealAsync("Review Keys Beta Freight", ("need", 1), ("power", 1));
        var page = await app.OpenAsync("/review");
        await Expect(page.Locator("[data-test='review-overview']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test='review-deal-link']").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test='total-advanced']")).Not.ToHaveTextAsync("0");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot("review-overview-1920x1080.png") });

        await page.Keyboard.PressAsync("ArrowRight");
        var heading = page.Locator("[data-test='review-deal-heading']");
        await Expect(heading).ToBeVisibleAsync();
        var first = await heading.InnerTextAsync();
        await Expect(page.Locator("[data-test='review-position']")).ToContainTextAsync("1 of");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot("review-deal-1920x1080.png") });

        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(heading).Not.ToHaveTextAsync(first);
        await Expect(page.Locator("[data-test='review-position']")).ToContainTextAsync("2 of");

        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(heading).ToHaveTextAsync(first);

        await page.Locator("[data-test='review-theme']").ClickAsync();
        await Expect(page.Locator("main.review-shell")).ToHaveAttributeAsync("data-theme", "dark");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot("review-deal-dark-1920x1080.png") });
        var fontSize = await heading.Locator("xpath=ancestor::main").EvaluateAsync<string>("e => getComputedStyle(e).fontSize");
        Assert.Equal("24px", fontSize);
        var axe = await page.RunAxe();
        Assert.True(axe.Violations.All(v => v.Id != "color-contrast"),
            string.Join("\n", axe.Violations.Where(v => v.Id == "color-contrast").SelectMany(v => v.Nodes).Select(n => n.Html)));

        await page.Keyboard.PressAsync("Escape");
        await Expect(page).ToHaveURLAsync(BoardUrl());
        await Expect(page.Locator("section[data-stage]").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task HoldingAReviewWithAnActionItemShowsItOnTheDealAndOnTheOwnersActions()
    {
        const string customer = "Review Hold Cold Chain";
        const string action = "Book the meeting with the COO";
        var id = (await app.DealOfAsync(BrowserApp.Rep, customer, ("need", 1)))["id"]!.GetValue<Guid>();
        var page = await app.OpenAsync("/review");

        await page.Locator("[data-test='review-deal-link']", new PageLocatorOptions { HasText = customer }).ClickAsync();
        await Expect(page.Locator("[data-test='review-deal-heading']")).ToHaveTextAsync(customer);
        await page.Locator("[data-test='review-note']").FillAsync("The decision maker is still to be named");
        await page.Locator("[data-test='action-text']").FillAsync(action);
        await page.Locator("[data-test='action-add']").ClickAsync();
        await Expect(page.Locator("[data-test='pending-action']")).ToContainTextAsync(action);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Overview" }).ClickAsync();
        await page.Locator("[data-test='review-hold-step']").ClickAsync();
        await Expect(page.Locator("[data-test='review-hold']")).ToContainTextAsync("1 notes, 1 action items");
        await page.Locator("[data-test='review-save']").ClickAsync();

        await Expect(page.Locator("[data-test='review-summary']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test='summary-action']")).ToContainTextAsync(action);
        await Expect(page.Locator("[data-test='summary-note']")).ToContainTextAsync("The decision maker is still to be named");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot("review-summary.png") });
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await page.PdfAsync(new PagePdfOptions { Path = BrowserApp.Screenshot("review-summary.pdf") });
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        await BrowserApp.GoAsync(page, $"/deals/{id}");
        await Expect(page.Locator("[data-test='deal-action-items'] [data-test='action-item']")).ToContainTextAsync(action);

        var rep = await app.OpenAsync("/my/actions", user: BrowserApp.Rep);
        var item = rep.Locator("[data-test='action-item']", new PageLocatorOptions { HasText = action });
        await Expect(item).ToContainTextAsync(customer);
        await item.Locator("[data-test='mark-done']").ClickAsync();
        await Expect(item).ToHaveCountAsync(0);
    }

    [GeneratedRegex("^https?://[^/]+/$")]
    private static partial Regex BoardUrl();
}
