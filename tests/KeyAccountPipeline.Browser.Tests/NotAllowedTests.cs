using System.Text.RegularExpressions;
using KeyAccountPipeline.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>
/// A signed-in person who opens a page their role does not allow sees "not allowed" in the app, with the way back to
/// the board — on a first load (answered 403) and when a live page navigates there — never the sign-in page
/// (decision 0017).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class NotAllowedTests(BrowserApp app)
{
    [Fact]
    public async Task ARepNavigatingToInsightsInALivePageSeesNotAllowedAndGoesBackToTheBoard()
    {
        var page = await app.OpenAsync("/", user: BrowserApp.Rep);
        await Expect(page.Locator("[data-test='nav-insights']")).ToHaveCountAsync(0);

        await page.EvaluateAsync("() => Blazor.navigateTo('/insights')");

        var notAllowed = page.Locator("[data-test='not-allowed']");
        await Expect(notAllowed).ToContainTextAsync("Your role (Rep) may not open this page.");
        await Expect(page).ToHaveURLAsync(new Regex("/insights$"));
        await Expect(page.Locator("[data-test='signed-in']")).ToContainTextAsync("Wang Lei");
        await Expect(page.Locator("[data-test='heat-map']")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot("not-allowed-rep.png") });

        await page.Locator("[data-test='back-to-board']").ClickAsync();
        await Expect(page).ToHaveURLAsync(BoardUrl());
        await Expect(page.Locator("[data-test='deal-card']").First).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("/insights", "en-US", "Not allowed")]
    [InlineData("/review", "zh-CN", "没有权限")]
    [InlineData("/admin/users", "en-US", "Not allowed")]
    public async Task ARepOpeningAForbiddenPageIsAnswered403WithNotAllowedNotTheSignInPage(string path, string locale, string title)
    {
        var page = await app.OpenAsync("/", locale, BrowserApp.Rep);

        var response = await page.GotoAsync(path);

        Assert.Equal(403, response!.Status);
        await Expect(page.Locator("[data-test='not-allowed'] h1")).ToHaveTextAsync(title);
        await Expect(page.Locator("[data-test='signed-in']")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToHaveCountAsync(0);
        Assert.DoesNotContain("/account/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SomeoneNotSignedInIsStillSentToSignIn()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/insights");

        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [GeneratedRegex("^https?://[^/]+/$")]
    private static partial Regex BoardUrl();
}
