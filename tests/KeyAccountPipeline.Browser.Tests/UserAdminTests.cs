using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using KeyAccountPipeline.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>
/// The admin's users page, in real Chromium. People added, disabled or signed in as here are the test's own:
/// the demo people other tests sign in as are never locked or changed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UserAdminTests(BrowserApp app)
{
    private const string Password = "harbour-lantern-2026";

    [Fact]
    public async Task AnAdminAddsAPersonOnTheUsersPageWhoThenSignsIn()
    {
        var page = await app.OpenAsync("/admin/users", user: BrowserApp.Admin);
        var email = NewEmail();

        await page.Locator("input[data-test='new-name']").FillAsync("孙丽 Sun Li");
        await page.Locator("input[data-test='new-email']").FillAsync(email);
        await page.Locator("input[data-test='new-password']").FillAsync(Password);
        await page.Locator("[data-test='add-person-submit']").ClickAsync();

        var row = page.Locator($"tr[data-email='{email}']");
        await Expect(row).ToContainTextAsync("孙丽 Sun Li");
        await Expect(row.Locator("[data-test='state']")).ToHaveTextAsync(new Regex("Active"));
        await Expect(page.Locator("input[data-test='new-email']")).ToHaveValueAsync(string.Empty);

        await using var context = await app.NewContextAsync();
        var newcomer = await context.NewPageAsync();
        await BrowserApp.SignInAsync(newcomer, email, Password);
        await newcomer.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await Expect(newcomer.Locator("[data-test='signed-in']")).ToContainTextAsync("孙丽 Sun Li · Rep");
    }

    [Fact]
    public async Task ABadNewPersonIsExplainedNextToEachFieldAndNothingIsAdded()
    {
        var page = await app.OpenAsync("/admin/users", user: BrowserApp.Admin);
        var rows = await page.Locator("tr[data-test='user-row']").CountAsync();

        await page.Locator("input[data-test='new-email']").FillAsync("not-an-email");
        await page.Locator("input[data-test='new-password']").FillAsync("short");
        await page.Locator("[data-test='add-person-submit']").ClickAsync();

        var form = page.Locator("[data-test='add-person']");
        await Expect(form.Locator(".mud-input-control", new() { Has = page.Locator("input[data-test='new-name']") })).ToContainTextAsync("Required.");
        await Expect(form.Locator(".mud-input-control", new() { Has = page.Locator("input[data-test='new-email']") }))
            .ToContainTextAsync("Enter a valid email address.");

        // The password policy's verdict comes from the server, once the other fields are right.
        await page.Locator("input[data-test='new-name']").FillAsync("Short Password");
        await page.Locator("input[data-test='new-email']").FillAsync(NewEmail());
        await page.Locator("[data-test='add-person-submit']").ClickAsync();
        await Expect(form.Locator(".mud-input-control", new() { Has = page.Locator("input[data-test='new-password']") }))
            .ToContainTextAsync("The password needs at least 10 characters");
        await Expect(page.Locator("tr[data-test='user-row']")).ToHaveCountAsync(rows);
    }

    [Fact]
    public async Task DisablingAfterConfirmingRefusesTheSignInAndEnablingRestoresIt()
    {
        var email = await NewPersonThroughTheApiAsync();
        var page = await app.OpenAsync("/admin/users", user: BrowserApp.Admin);
        var row = page.Locator($"tr[data-email='{email}']");

        await row.Locator("[data-test='disable']").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToContainTextAsync("Disable Api Made Person?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Disable", Exact = true }).ClickAsync();

        await Expect(row.Locator("[data-test='state']")).ToHaveTextAsync(new Regex("Disabled"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot("users-1920x1080.png") });
        await using (var context = await app.NewContextAsync())
        {
            var refused = await context.NewPageAsync();
            await BrowserApp.SignInAsync(refused, email, Password);
            // A disabled account answers as any failed sign-in does (decision 0014: no telling which emails have accounts).
            await Expect(refused.Locator("[data-test='sign-in-error']")).ToHaveTextAsync(KeyAccountPipeline.Web.Texts.Ui.SignInFailed.En);
        }

        await row.Locator("[data-test='enable']").ClickAsync();
        await Expect(dialog).ToContainTextAsync("Enable");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Enable", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(row.Locator("[data-test='state']")).ToHaveTextAsync(new Regex("Active"), new LocatorAssertionsToHaveTextOptions { Timeout = 15_000 });
        await using (var context = await app.NewContextAsync())
        {
            var signedIn = await context.NewPageAsync();
            await BrowserApp.SignInAsync(signedIn, email, Password);
            await signedIn.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ARepSeesNoUsersLinkAndIsNotShownTheUsersPage()
    {
        var page = await app.OpenAsync("/", user: BrowserApp.Rep);
        await Expect(page.Locator("[data-test='signed-in']")).ToBeVisibleAsync();
        await Expect(page.Locator("a[href='admin/users']")).ToHaveCountAsync(0);

        await page.GotoAsync("/admin/users");

        await Expect(page.Locator("[data-test='users-page']")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-test='not-allowed']")).ToBeVisibleAsync(); // still signed in: not the sign-in page
    }

    [Fact]
    public async Task AnAdminsOwnRowOffersNoDisableOrRoleChangeAndSaysWhy()
    {
        var page = await app.OpenAsync("/admin/users", user: BrowserApp.Admin);
        var own = page.Locator($"tr[data-email='{BrowserApp.Admin}']");
        await Expect(own).ToContainTextAsync("(you)");

        await Expect(own.Locator("[data-test='own-note']")).ToBeVisibleAsync();
        await Expect(own.Locator("[data-test='role']")).ToHaveCountAsync(0);
        await Expect(own.Locator("[data-test='disable']")).ToHaveCountAsync(0);
        await Expect(own.Locator("[data-test='enable']")).ToHaveCountAsync(0);
        await Expect(own.Locator("[data-test='own-role']")).ToHaveTextAsync("Admin");
        var other = page.Locator($"tr[data-email='{BrowserApp.Rep}']");
        await Expect(other.Locator("[data-test='disable']")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task TheUsersPageHasNoSeriousAccessibilityViolationsInEitherLanguage()
    {
        foreach (var locale in new[] { "en-US", "zh-CN" })
        {
            var page = await app.OpenAsync("/admin/users", locale, BrowserApp.Admin);
            await Expect(page.Locator("tr[data-test='user-row']").First).ToBeVisibleAsync();
            BoardTests.AssertNoSeriousViolations(await page.RunAxe());
        }
    }

    private static string NewEmail() => $"browser.{Guid.NewGuid():N}@test.cn";

    private async Task<string> NewPersonThroughTheApiAsync()
    {
        var email = NewEmail();
        using var admin = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(BrowserApp.Admin));
        var response = await admin.PostAsJsonAsync("/api/users", new { name = "Api Made Person", email, role = "rep", password = Password });
        Assert.True(response.IsSuccessStatusCode, $"POST /api/users answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return email;
    }
}
