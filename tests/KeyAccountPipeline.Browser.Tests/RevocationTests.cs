using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KeyAccountPipeline.Browser.Tests.Infrastructure;
using KeyAccountPipeline.Data.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>
/// Decision 0016 in real Chromium: disabling or demoting a person reaches their open pages at once, not after the
/// 5-minute revalidation. Each test makes its own people through the API; the demo people other tests use are never changed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RevocationTests(BrowserApp app)
{
    [Fact]
    public async Task ADisabledAdminsOpenUsersPageClosesAtOnceAndANewTabCannotEnableHim()
    {
        var people = People.For(app.BaseUrl, await app.TokenAsync(BrowserApp.Admin));
        var (id, email) = await people.NewAsync("admin");
        var page = await app.OpenAsync("/admin/users", user: email, password: People.Password);
        await Expect(page.Locator($"tr[data-email='{email}']")).ToBeVisibleAsync();
        var cookies = await page.Context.StorageStateAsync();

        await people.ChangeAsync(id, "disable");

        await Revocation.ExpectClosedAsync(page);
        // A tab opened afterwards with the cookie from before: no Users page, no Enable button, and he stays disabled.
        await Revocation.ExpectNewTabRefusedAsync(app.Browser, app.BaseUrl, cookies, "/admin/users");
        Assert.False(await people.IsActiveAsync(id));
    }

    [Fact]
    public async Task ADemotedAdminsOpenPageClosesAtOnceAndANewTabDoesNotShowTheUsersPage()
    {
        var people = People.For(app.BaseUrl, await app.TokenAsync(BrowserApp.Admin));
        var (id, email) = await people.NewAsync("admin");
        var page = await app.OpenAsync("/", user: email, password: People.Password);
        await Expect(page.Locator("[data-test='admin-users']")).ToBeVisibleAsync();
        var cookies = await page.Context.StorageStateAsync();

        await people.ChangeAsync(id, "demote");

        await Revocation.ExpectClosedAsync(page);
        await Revocation.ExpectNewTabRefusedAsync(app.Browser, app.BaseUrl, cookies, "/admin/users");
    }
}

/// <summary>
/// The app with "person changed" notifications lost on the way (as when the listener is between reconnects): what is
/// left to stop a revoked person is the check each click and each in-page navigation makes against the database.
/// </summary>
public sealed class LostNotificationsApp : BrowserApp
{
    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<PipelineChanges, LosesPersonChanges>();

    private sealed class LosesPersonChanges(ILogger<LosesPersonChanges> logger) : PipelineChanges(logger)
    {
        protected override Task SendAsync(PipelineChange change, CancellationToken cancellationToken)
        {
            if (change.Kind != PipelineChangeKind.Person)
            {
                Deliver(change);
            }

            return Task.CompletedTask;
        }
    }
}

/// <summary>A revoked person's page that has not heard of the change: their next click or navigation is refused.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RevokedClickTests(LostNotificationsApp app) : IClassFixture<LostNotificationsApp>
{
    [Fact]
    public async Task ADisabledAdminsClickOnTheUsersPageIsRefusedAndSavesNothing()
    {
        var people = People.For(app.BaseUrl, await app.TokenAsync(BrowserApp.Admin));
        var (id, email) = await people.NewAsync("admin");
        var (bystander, bystanderEmail) = await people.NewAsync("rep");
        var page = await app.OpenAsync("/admin/users", user: email, password: People.Password);

        await people.ChangeAsync(id, "disable");
        await Expect(page.Locator("[data-test='users-page']")).ToBeVisibleAsync(); // not told: the notification was lost
        await page.Locator($"tr[data-email='{bystanderEmail}'] [data-test='disable']").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Disable", Exact = true }).ClickAsync();

        await Revocation.ExpectClosedAsync(page);
        Assert.True(await people.IsActiveAsync(bystander));
        Assert.False(await people.IsActiveAsync(id));
    }

    [Fact]
    public async Task ADemotedAdminCannotAddAnAdminNorNavigateToTheUsersPage()
    {
        var people = People.For(app.BaseUrl, await app.TokenAsync(BrowserApp.Admin));
        var (id, email) = await people.NewAsync("admin");
        var users = await app.OpenAsync("/admin/users", user: email, password: People.Password);
        var board = await users.Context.NewPageAsync();
        await BrowserApp.GoAsync(board, "/");

        await people.ChangeAsync(id, "demote");

        // In-page navigation by the app bar's link: the Users page is never drawn for the role he lost.
        await board.Locator("[data-test='admin-users']").ClickAsync();
        await Revocation.ExpectClosedAsync(board);
        await Expect(board.Locator("[data-test='users-page']")).ToHaveCountAsync(0);

        // The Users page he opened as an admin: adding an admin is refused.
        var newcomer = $"would.be.admin.{Guid.NewGuid():N}@demo.keyaccount.cn";
        await users.Locator("input[data-test='new-name']").FillAsync("Would Be Admin");
        await users.Locator("input[data-test='new-email']").FillAsync(newcomer);
        await users.Locator("input[data-test='new-password']").FillAsync(People.Password);
        await users.Locator("[data-test='new-role']").ClickAsync();
        await users.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Admin" }).ClickAsync();
        await users.Locator("[data-test='add-person-submit']").ClickAsync();

        await Revocation.ExpectClosedAsync(users);
        Assert.False(await people.ExistsAsync(newcomer));
    }

    [Fact]
    public async Task ADisabledRepsOpenDealPageCanNoLongerLogAnActivity()
    {
        var people = People.For(app.BaseUrl, await app.TokenAsync(BrowserApp.Admin));
        var (id, email) = await people.NewAsync("rep");
        var card = await app.DealOfAsync(email, $"Revoked Rep Freight {Guid.NewGuid():N}");
        var dealId = card["id"]!.GetValue<Guid>();
        var page = await app.OpenAsync($"/deals/{dealId}", user: email, password: People.Password);
        await page.Locator("[data-test='log-activity']").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.Locator("textarea").First.FillAsync("Saved after being disabled");

        await people.ChangeAsync(id, "disable");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Revocation.ExpectClosedAsync(page);
        var timeline = await app.Api.GetStringAsync($"/api/deals/{dealId}/timeline");
        Assert.DoesNotContain("Saved after being disabled", timeline, StringComparison.Ordinal);
    }
}

/// <summary>
/// Two instances on one PostgreSQL: the person's page is open on instance B, the change is made through instance A's API.
/// "Person changed" travels over LISTEN/NOTIFY, so B's page closes within a couple of seconds.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CrossInstanceRevocationTests(BrowserApp app, TwoInstances instances) : IClassFixture<TwoInstances>
{
    [Fact]
    public async Task APersonDisabledThroughInstanceAHasTheirPageOnInstanceBClosedAndTheirNextClickRefused()
    {
        using var adminOnA = await TwoInstances.ApiAsync(instances.A, BrowserApp.Admin);
        var people = new People(adminOnA);
        var (id, email) = await people.NewAsync("rep");
        var card = await BrowserApp.CreateDealAsync(adminOnA, email, $"Two Instances Revoked {Guid.NewGuid():N}");
        var dealId = card["id"]!.GetValue<Guid>();
        await using var context = await app.Browser.NewContextAsync(new() { BaseURL = instances.B.BaseUrl, Locale = "en-US" });
        var page = await context.NewPageAsync();
        await BrowserApp.SignInAsync(page, email, People.Password);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await BrowserApp.GoAsync(page, $"/deals/{dealId}");
        await Expect(page.Locator("[data-test='log-activity']")).ToBeVisibleAsync();
        var cookies = await context.StorageStateAsync();

        await people.ChangeAsync(id, "disable");

        await Revocation.ExpectClosedAsync(page, TimeSpan.FromSeconds(3));
        // The next click, from a tab on B that still has the cookie from before: nothing is saved.
        await Revocation.ExpectNewTabRefusedAsync(app.Browser, instances.B.BaseUrl, cookies, $"/deals/{dealId}");
        Assert.DoesNotContain("Saved after being disabled", await adminOnA.GetStringAsync($"/api/deals/{dealId}/timeline"), StringComparison.Ordinal);
    }
}

internal static class Revocation
{
    /// <summary>A tab opened after the change with the cookies from before (<paramref name="cookies"/>) ends on the sign-in page.</summary>
    public static async Task ExpectNewTabRefusedAsync(IBrowser browser, string baseUrl, string cookies, string path)
    {
        await using var later = await browser.NewContextAsync(new() { BaseURL = baseUrl, Locale = "en-US", StorageState = cookies });
        var tab = await later.NewPageAsync();
        await tab.GotoAsync(path);
        await Expect(tab).ToHaveURLAsync(new Regex("/account/login"));
        await Expect(tab.Locator("[data-test='signed-in']")).ToHaveCountAsync(0);
    }

    /// <summary>The page said its access changed (or went straight on) and was replaced by a full load of the sign-in page.</summary>
    public static async Task ExpectClosedAsync(IPage page, TimeSpan? within = null)
    {
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?reason=expired"),
            new() { Timeout = (float)(within ?? TimeSpan.FromSeconds(5)).TotalMilliseconds });
        await Expect(page.Locator(".notice")).ToContainTextAsync("no longer valid");
    }
}

/// <summary>People made through the users API by an admin, for one test.</summary>
internal sealed class People(HttpClient admin)
{
    /// <summary>A password no rule refuses.</summary>
    public const string Password = "quiet-harbour-lantern-7";

    /// <summary>Through the app at <paramref name="baseUrl"/>, with an admin's bearer token.</summary>
    public static People For(string baseUrl, string adminToken)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", adminToken);
        return new People(client);
    }

    public async Task<(Guid Id, string Email)> NewAsync(string role)
    {
        var email = $"revoked.{role}.{Guid.NewGuid():N}@demo.keyaccount.cn";
        var created = await BrowserApp.PostAsync(admin, "/api/users", new { name = $"Revoked {role}", email, role, password = Password });
        return (created["id"]!.GetValue<Guid>(), email);
    }

    /// <summary>"disable" or "demote" (to rep), as another admin does it through the API.</summary>
    public async Task ChangeAsync(Guid id, string change)
    {
        var response = change == "demote"
            ? await admin.PutAsJsonAsync($"/api/users/{id}/role", new { role = "rep" })
            : await admin.PostAsync($"/api/users/{id}/{change}", null);
        Assert.True(response.IsSuccessStatusCode, $"{change} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<bool> IsActiveAsync(Guid id) => (await UserAsync(u => u["id"]!.GetValue<Guid>() == id))!["active"]!.GetValue<bool>();

    public async Task<bool> ExistsAsync(string email) => await UserAsync(u => u["email"]!.GetValue<string>() == email) is not null;

    private async Task<JsonNode?> UserAsync(Func<JsonNode, bool> match) =>
        JsonNode.Parse(await admin.GetStringAsync("/api/users"))!.AsArray().FirstOrDefault(u => match(u!));
}
