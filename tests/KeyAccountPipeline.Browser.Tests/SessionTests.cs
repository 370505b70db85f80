using System.Net.Http.Json;
using System.Text.RegularExpressions;
using KeyAccountPipeline.Browser.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>The app on a clock the test moves: sign-in periods are settings on TimeProvider, so nobody waits five minutes.</summary>
public sealed class FakeClockApp : BrowserApp
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>An open page whose person is disabled loses its sign-in within the revalidation period.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    // A person's own password: the demo's public one is refused for people created through the API.
    private const string Password = "harbour-lantern-2026";

    [Fact]
    public async Task ADisabledPersonsOpenBoardIsSentToTheSignInPageAtOnce()
    {
        using var admin = await AdminAsync();
        var (id, email) = await NewRepAsync(admin, "leaving.rep", "离职 Leaving Rep");
        var page = await app.OpenAsync("/", user: email, password: Password);
        await Expect(page.Locator("[data-test='signed-in']")).ToContainTextAsync("Leaving Rep");

        var disabled = await admin.PostAsync($"/api/users/{id}/disable", null);
        Assert.True(disabled.IsSuccessStatusCode, await disabled.Content.ReadAsStringAsync());

        // No clock moves: "person changed" reaches the page (decision 0016); the 5-minute re-check is only the fallback.
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?reason=expired"));
        await Expect(page.Locator(".notice")).ToContainTextAsync("no longer valid");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ACookieCopiedBeforeSignOutOpensNothingAndThePageLeftOpenIsSignedOut()
    {
        // A person of this test's own: signing out ends the session, and the shared demo sign-ins must go on.
        using var admin = await AdminAsync();
        var (_, email) = await NewRepAsync(admin, "signing.out", "退出 Signing Out");
        var deal = await BrowserApp.CreateDealAsync(admin, email, "Signed Out Freight");
        var dealPath = $"/deals/{deal["id"]}";

        await using var context = await app.NewContextAsync();
        var board = await context.NewPageAsync();
        await BrowserApp.SignInAsync(board, email, Password);
        await board.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        var open = await context.NewPageAsync();
        await BrowserApp.GoAsync(open, dealPath);
        await Expect(open.Locator("[data-test='log-activity']")).ToBeVisibleAsync();
        var copied = (await context.CookiesAsync()).Select(c => new Microsoft.Playwright.Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }).ToList();
        Assert.Contains(copied, c => c.Name == "kap.auth");

        await BrowserApp.GoAsync(board, "/");
        await board.Locator("[data-test='sign-out']").ClickAsync();
        await Expect(board).ToHaveURLAsync(new Regex("/account/login"));

        // Another browser with the copy of the cookie: the deal page is not shown, the sign-in page is.
        await using var replay = await app.NewContextAsync();
        await replay.AddCookiesAsync(copied);
        var stolen = await replay.NewPageAsync();
        await stolen.GotoAsync(dealPath);
        await Expect(stolen).ToHaveURLAsync(new Regex("/account/login"));
        await Expect(stolen.Locator("[data-test='log-activity']")).ToHaveCountAsync(0);

        // The deal page left open in the first browser: its session has ended, and the sign-out told its open pages
        // ("person changed", decision 0016), so it closes at once — no clock moves — to the plain sign-in page, where the
        // sign-out itself went; its action buttons are gone.
        await Expect(open).ToHaveURLAsync(new Regex("/account/login$"));
        await Expect(open.Locator("[data-test='log-activity']")).ToHaveCountAsync(0);
    }

    /// <summary>An API client signed in as the demo admin.</summary>
    private async Task<HttpClient> AdminAsync()
    {
        var admin = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await app.TokenAsync(BrowserApp.Admin));
        return admin;
    }

    /// <summary>A new rep with <see cref="Password"/>, added by <paramref name="admin"/>; a test's own person, whose sessions it may end.</summary>
    private static async Task<(Guid Id, string Email)> NewRepAsync(HttpClient admin, string emailName, string name)
    {
        var email = $"{emailName}.{Guid.NewGuid():N}@demo.keyaccount.cn";
        var created = await admin.PostAsJsonAsync("/api/users", new { name, email, role = "rep", password = Password });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return ((await created.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonNode>())!["id"]!.GetValue<Guid>(), email);
    }
}
