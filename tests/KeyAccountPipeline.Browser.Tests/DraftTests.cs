using System.Net.Http.Json;
using System.Text.RegularExpressions;
using KeyAccountPipeline.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>
/// Typed work is never lost silently (issue 15 §5), in real Chromium: a dialog's text survives a click beside it, a
/// reload, a revoked sign-in and the tab limit (the browser keeps it per person, deal and dialog); the review's notes
/// survive a reload and a second browser (the server keeps them per manager). Tests that revoke or open six tabs use
/// their own people, made through the API.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DraftTests(BrowserApp app)
{
    private const string Summary = "Met the COO at the Dongguan warehouse; she wants the cold-chain quote by Friday";

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task LogActivityTextSurvivesAClickBesideTheDialogAndAReloadOnATablet(string locale)
    {
        // A touch tablet: there the dialog has a grey area beside it (on a phone it is a full-screen sheet, nothing beside it).
        var id = (await app.DealOfAsync(BrowserApp.Rep, $"Draft Tablet Logistics {locale}"))["id"]!.GetValue<Guid>();
        var page = await app.OpenAsync($"/deals/{id}", locale, BrowserApp.Rep, device: Device.Tablet);
        var summary = page.Locator("textarea[data-test='activity-summary']");

        await OpenLogActivityAsync(page, tap: true);
        await summary.FillAsync(Summary);
        // The grey area beside the dialog: at its top left corner.
        await page.Locator(".mud-overlay").First.ClickAsync(new() { Position = new() { X = 4, Y = 4 }, Force = true });
        await Expect(page.Locator("[data-test='activity-dialog']")).ToHaveCountAsync(0);

        await OpenLogActivityAsync(page, tap: true);
        await Expect(summary).ToHaveValueAsync(Summary);
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync(locale == "zh-CN" ? "上次没有保存的内容已放回表单" : "What you typed here last time");
        await page.ScreenshotAsync(new() { Path = BrowserApp.Screenshot($"dialog-draft-offered-768-{locale}.png") });

        // The server restarting reloads the page: the same as a reload here.
        await BrowserApp.GoAsync(page, $"/deals/{id}");
        await Expect(page.Locator("[data-test='draft-notice']")).ToContainTextAsync(
            locale == "zh-CN" ? "你在“记录活动”中有未保存的内容。" : "You have unsaved text in Log activity.");
        await page.ScreenshotAsync(new() { Path = BrowserApp.Screenshot($"dialog-draft-notice-768-{locale}.png") });
        await OpenLogActivityAsync(page, tap: true);
        await Expect(summary).ToHaveValueAsync(Summary);

        await page.Locator(".mud-dialog [data-test='save']").TapAsync();
        await Expect(page.Locator("[data-test='activity-dialog']")).ToHaveCountAsync(0);
        await OpenLogActivityAsync(page, tap: true);
        await Expect(summary).ToHaveValueAsync(string.Empty);
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Text typed and never handed to the server (a text field sends its value when it loses focus): a reload at once — as
    /// when the server restarts — keeps it, because the browser writes the draft on each input.
    /// </summary>
    [Fact]
    public async Task LogActivityTextTypedWithoutLeavingTheFieldSurvivesAnImmediateReload()
    {
        var id = (await app.DealOfAsync(BrowserApp.Rep, "Draft Unblurred Logistics"))["id"]!.GetValue<Guid>();
        var page = await app.OpenAsync($"/deals/{id}", user: BrowserApp.Rep, device: Device.Phone);
        var summary = page.Locator("textarea[data-test='activity-summary']");
        await OpenLogActivityAsync(page, tap: true);
        await summary.FillAsync(Summary);
        await Expect(summary).ToBeFocusedAsync();

        await BrowserApp.GoAsync(page, $"/deals/{id}");
        // The page offers the draft back; its button opens the dialog, with the text in it.
        var notice = page.Locator("[data-test='draft-notice']");
        await Expect(notice).ToContainTextAsync("You have unsaved text in Log activity.");
        await page.ScreenshotAsync(new() { Path = BrowserApp.Screenshot("dialog-draft-notice-390-en-US.png") });
        await notice.GetByRole(AriaRole.Button, new() { Name = "Open Log activity" }).TapAsync();
        await Expect(summary).ToHaveValueAsync(Summary);
        // The server has the text too: saving it records it, and the draft is gone.
        await page.Locator(".mud-dialog [data-test='save']").TapAsync();
        await Expect(page.Locator("[data-test='activity-dialog']")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-test='timeline']")).ToContainTextAsync(Summary);
        await Expect(notice).ToHaveCountAsync(0);
        await OpenLogActivityAsync(page, tap: true);
        await Expect(summary).ToHaveValueAsync(string.Empty);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RecordCheckpointTextComesBackAfterAClickBesideItAndDiscardEmptiesIt()
    {
        var id = (await app.DealOfAsync(BrowserApp.Rep, "Draft Checkpoint Freight"))["id"]!.GetValue<Guid>();
        var page = await app.OpenAsync($"/deals/{id}", user: BrowserApp.Rep);
        var note = page.Locator("textarea[data-test='note']");
        await page.Locator("[data-test='record-checkpoint']").ClickAsync();
        await page.Locator("[data-test='record-checkpoint-factor'][data-factor='need']").ClickAsync();
        await note.FillAsync("The warehouse director stated the need in writing");

        await page.Mouse.ClickAsync(4, 4);
        await Expect(page.Locator("[data-test='checkpoint-dialog']")).ToHaveCountAsync(0);
        await page.Locator("[data-test='record-checkpoint']").ClickAsync();
        await page.Locator("[data-test='record-checkpoint-factor'][data-factor='need']").ClickAsync();

        await Expect(note).ToHaveValueAsync("The warehouse director stated the need in writing");
        await page.Locator(".mud-snackbar").GetByRole(AriaRole.Button, new() { Name = "Discard draft" }).ClickAsync();
        await Expect(note).ToHaveValueAsync(string.Empty);
        await page.Context.CloseAsync();
    }

    /// <summary>A sign-in ended by a password reset while the rep types: after signing in again, the text is offered back.</summary>
    [Fact]
    public async Task APasswordResetWhileTypingLosesNoText()
    {
        var admin = People.For(app.BaseUrl, await app.TokenAsync(BrowserApp.Admin));
        var (personId, email) = await admin.NewAsync("rep");
        var id = (await app.DealOfAsync(email, "Draft Revoked Logistics"))["id"]!.GetValue<Guid>();
        var page = await app.OpenAsync($"/deals/{id}", user: email, password: People.Password);
        await OpenLogActivityAsync(page, tap: false);
        await page.Locator("textarea[data-test='activity-summary']").FillAsync(Summary);
        await WaitForDraftAsync(page, blur: false);

        using (var api = await app.ApiAsAsync(BrowserApp.Admin))
        {
            var reset = await api.PostAsJsonAsync($"/api/users/{personId}/password", new { password = "harbour-lantern-quiet-8" });
            Assert.True(reset.IsSuccessStatusCode, await reset.Content.ReadAsStringAsync());
        }

        await Expect(page).ToHaveURLAsync(new Regex("/account/login"), new() { Timeout = 10_000 });
        // The real reason, whichever closed the page (SessionGuard or the router's RedirectToLogin), not "disabled or role changed".
        await Expect(page.Locator(".notice")).ToContainTextAsync("an administrator reset your password");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("harbour-lantern-quiet-8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/deals/{id}"));
        await page.Locator("html[data-circuit='live']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await OpenLogActivityAsync(page, tap: false);
        await Expect(page.Locator("textarea[data-test='activity-summary']")).ToHaveValueAsync(Summary);
        await page.Context.CloseAsync();
    }

    /// <summary>Six tabs, the first with a half-written dialog: the sixth closes the longest idle tab without unsaved input.</summary>
    [Fact]
    public async Task ASixthTabClosesAnIdleCleanTabNotTheOneBeingTypedIn()
    {
        var admin = People.For(app.BaseUrl, await app.TokenAsync(BrowserApp.Admin));
        var (_, email) = await admin.NewAsync("rep");
        var id = (await app.DealOfAsync(email, "Draft Six Tabs Logistics"))["id"]!.GetValue<Guid>();
        var pages = new List<IPage> { await app.OpenAsync($"/deals/{id}", user: email, password: People.Password) };
        try
        {
            await OpenLogActivityAsync(pages[0], tap: false);
            await pages[0].Locator("textarea[data-test='activity-summary']").FillAsync(Summary);
            await WaitForDraftAsync(pages[0], blur: true);
            for (var i = 1; i < 6; i++)
            {
                pages.Add(await app.OpenAsync("/", user: email, password: People.Password));
            }

            await Expect(pages[1].Locator("[data-test='circuit-closed']")).ToBeVisibleAsync();
            await Expect(pages[0].Locator("[data-test='circuit-closed']")).ToHaveCountAsync(0);
            await WaitForDraftAsync(pages[0], blur: true);
            foreach (var page in pages.Skip(2))
            {
                await Expect(page.Locator("[data-test='circuit-closed']")).ToHaveCountAsync(0);
            }
        }
        finally
        {
            foreach (var page in pages)
            {
                await page.Context.CloseAsync();
            }
        }
    }

    /// <summary>
    /// The browser has written the dialog's draft. With <paramref name="blur"/> the server has heard the typing too (a
    /// text field hands its value to the server when it loses focus, MudBlazor's change event: Tab first), which the tab
    /// limit needs; without it only the browser has the text.
    /// </summary>
    private static async Task WaitForDraftAsync(IPage page, bool blur)
    {
        if (blur)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await page.WaitForFunctionAsync("() => Object.keys(localStorage).some(k => k.startsWith('kap.draft:'))");
    }

    private static async Task OpenLogActivityAsync(IPage page, bool tap)
    {
        var button = page.Locator("[data-test='log-activity']");
        await (tap ? button.TapAsync() : button.ClickAsync());
        await Expect(page.Locator("textarea[data-test='activity-summary']")).ToBeVisibleAsync();
    }
}
