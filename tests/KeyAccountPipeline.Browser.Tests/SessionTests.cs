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
    public async Task ADisabledPersonsOpenBoardIsSentToTheSignInPageWithinFiveMinutes()
    {
        using var admin = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await app.TokenAsync(BrowserApp.Admin));
        var email = $"leaving.rep.{Guid.NewGuid():N}@demo.keyaccount.cn";
        var created = await admin.PostAsJsonAsync("/api/users", new { name = "离职 Leaving Rep", email, role = "rep", password = Password });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonNode>())!["id"]!.GetValue<Guid>();
        var page = await app.OpenAsync("/", user: email, password: Password);
        await Expect(page.Locator("[data-test='signed-in']")).ToContainTextAsync("Leaving Rep");

        var disabled = await admin.PostAsync($"/api/users/{id}/disable", null);
        Assert.True(disabled.IsSuccessStatusCode, await disabled.Content.ReadAsStringAsync());
        app.Clock.Advance(TimeSpan.FromMinutes(4));
        await Expect(page.Locator("[data-test='signed-in']")).ToContainTextAsync("Leaving Rep"); // not yet re-checked

        app.Clock.Advance(TimeSpan.FromMinutes(1));

        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?reason=expired"));
        await Expect(page.Locator(".notice")).ToContainTextAsync("no longer valid");
        await page.Context.CloseAsync();
    }
}
