using KeyAccountPipeline.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>Signed in as a rep: their own deal is theirs to change; a colleague's is for reading.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RoleTests(BrowserApp app)
{
    [Fact]
    public async Task ARepEditsTheirOwnDealAndFindsNoControlsOnAnotherRepsDeal()
    {
        var own = (await app.DealOfAsync(BrowserApp.Rep, "Own Climb Logistics", ("need", 1)))["id"]!.GetValue<Guid>();
        var others = (await app.DealOfAsync(BrowserApp.OtherRep, "Colleague Freight", ("need", 1)))["id"]!.GetValue<Guid>();
        var page = await app.OpenAsync($"/deals/{own}", user: BrowserApp.Rep);
        await Expect(page.Locator("[data-test='signed-in']")).ToContainTextAsync("Wang Lei");

        await page.Locator("[data-test='edit-details']").ClickAsync();
        var title = page.Locator(".mud-dialog").GetByLabel("Deal title");
        await title.FillAsync("Regional distribution centre, phase 2");
        await page.Locator(".mud-dialog [data-test='save']").ClickAsync();

        await Expect(page.Locator("[data-test='deal-title']")).ToHaveTextAsync("Regional distribution centre, phase 2");
        await Expect(page.Locator("[data-test='timeline-entry']").First).ToContainTextAsync("Wang Lei");

        await BrowserApp.GoAsync(page, $"/deals/{others}");
        await Expect(page.Locator("[data-test='deal-customer']")).ToHaveTextAsync("Colleague Freight");
        await Expect(page.Locator("[data-test='read-only-notice']")).ToContainTextAsync("Li Na");
        foreach (var control in new[] { "record-visit", "record-checkpoint", "log-activity", "edit-details", "hold", "close", "reassign", "add-coaching-note" })
        {
            await Expect(page.Locator($"[data-test='{control}']")).ToHaveCountAsync(0);
        }

        await Expect(page.Locator("[data-test='missing-item'] button")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-test='ladders'] button")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot("deal-read-only-rep.png") });

        await BrowserApp.GoAsync(page, "/?q=Freight");
        await Expect(page.Locator($"[data-deal-id='{others}']")).ToHaveAttributeAsync("draggable", "false");
        await Expect(page.Locator($"[data-deal-id='{others}'] [data-test='move-to']")).ToHaveCountAsync(0);
        await BrowserApp.GoAsync(page, "/?q=Own%20Climb");
        await Expect(page.Locator($"[data-deal-id='{own}'] [data-test='move-to']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AManagerLeavesACoachingNoteTheOwnerThenReads()
    {
        var id = (await app.DealOfAsync(BrowserApp.Rep, "Coached Cold Chain", ("need", 2)))["id"]!.GetValue<Guid>();
        var manager = await app.OpenAsync($"/deals/{id}");

        await manager.Locator("[data-test='add-coaching-note']").ClickAsync();
        await manager.Locator(".mud-dialog textarea").First.FillAsync("Ask the COO who signs off the tender");
        await manager.Locator(".mud-dialog [data-test='save']").ClickAsync();
        await Expect(manager.Locator("[data-test='coaching-note']")).ToContainTextAsync("Ask the COO who signs off the tender");

        var rep = await app.OpenAsync($"/deals/{id}", user: BrowserApp.Rep);
        var note = rep.Locator("[data-test='coaching-note']");
        await Expect(note).ToContainTextAsync("Ask the COO who signs off the tender");
        await Expect(note).ToContainTextAsync("Zhao Jianguo");
        await Expect(rep.Locator("[data-test='add-coaching-note']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task SigningOutEndsTheSessionInThatBrowser()
    {
        // A sign-in of its own: signing out ends the session on the server, and other tests share the cached one.
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, BrowserApp.Manager, Data.Seed.DemoSeeder.Password);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await BrowserApp.GoAsync(page, "/");

        await page.Locator("[data-test='sign-out']").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login$"));
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AWrongPasswordKeepsThePersonOnTheSignInPageWithAMessage()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        await BrowserApp.SignInAsync(page, BrowserApp.Rep, "not-the-password-1");

        await Expect(page.Locator("[data-test='sign-in-error']")).ToHaveTextAsync(KeyAccountPipeline.Web.Texts.Ui.SignInFailed.En);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot("sign-in-1920x1080.png") });
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login\\?ReturnUrl=%2F"));
    }
}
