using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>
/// The app as a process on a PostgreSQL of the test's own (default settings), which the tests stop, restart and
/// freeze: every API call answers 503 with Retry-After while the database is gone, /health answers within 2 s,
/// open boards hear changes again within 3 s of the database's return, and a dialog's typed text survives a save
/// attempted during the outage.
/// </summary>
public sealed class OutageApp : IAsyncLifetime
{
    public OwnPostgres Postgres { get; private set; } = default!;

    public AppProcess App { get; private set; } = default!;

    /// <summary>Short waits, so a frozen database costs each test seconds, not the defaults' 10 s per request.</summary>
    public static readonly Dictionary<string, string> Settings = new()
    {
        ["Database__CommandTimeoutSeconds"] = "3",
        ["Database__ConnectTimeoutSeconds"] = "2",
    };

    public async Task InitializeAsync()
    {
        Postgres = await OwnPostgres.StartAsync();
        App = await AppProcess.StartAsync("outage", $"{Postgres.Server};Database=kap_outage", seedDemo: true, Settings);
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
    }
}

[Collection(BrowserCollection.Name)]
public sealed class OutageTests(BrowserApp browser, OutageApp outage) : IClassFixture<OutageApp>
{
    private static readonly TimeSpan HealthLimit = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task WhileTheDatabaseIsStoppedEveryApiCallAnswers503WithRetryAfterAndNothingIsWritten()
    {
        using var api = await TwoInstances.ApiAsync(outage.App);
        var card = await BrowserApp.CreateDealAsync(api, null, "Stopped Database Freight", ("need", 1));
        var id = card["id"]!.GetValue<Guid>();
        var version = card["version"]!.GetValue<int>();
        var checkpoint = new { factor = "need", level = 2, note = "Sent while the database was down", version };
        using var anonymous = new HttpClient { BaseAddress = new Uri(outage.App.BaseUrl) };

        await outage.Postgres.StopServerAsync();
        try
        {
            await AssertHealthAsync(HttpStatusCode.ServiceUnavailable);
            await AssertUnavailableAsync(await api.GetAsync("/api/board"));
            await AssertUnavailableAsync(await api.GetAsync("/api/deals"));
            await AssertUnavailableAsync(await api.GetAsync($"/api/deals/{id}"));
            await AssertUnavailableAsync(await api.PostAsJsonAsync($"/api/deals/{id}/checkpoints", checkpoint));
            await AssertUnavailableAsync(await anonymous.PostAsJsonAsync("/api/auth/token",
                new { email = BrowserApp.Manager, password = Data.Seed.DemoSeeder.Password }));
        }
        finally
        {
            await outage.Postgres.StartServerAsync();
        }

        await AssertHealthAsync(HttpStatusCode.OK);
        // The 503 wrote nothing: the same checkpoint at the same version saves now, on the first try.
        var saved = await BrowserApp.PostAsync(api, $"/api/deals/{id}/checkpoints", checkpoint);
        Assert.Equal(2, saved["levels"]!["need"]!.GetValue<int>());
    }

    [Fact]
    public async Task AFrozenDatabaseMakesHealthAnswer503WithinTwoSecondsAndRequestsAnswer503InsteadOfHanging()
    {
        using var api = await TwoInstances.ApiAsync(outage.App);
        var card = await BrowserApp.CreateDealAsync(api, null, "Frozen Database Freight", ("need", 1));
        var id = card["id"]!.GetValue<Guid>();
        var version = card["version"]!.GetValue<int>();

        outage.Postgres.Freeze();
        try
        {
            await AssertHealthAsync(HttpStatusCode.ServiceUnavailable);
            var watch = Stopwatch.StartNew();
            await AssertUnavailableAsync(await api.GetAsync("/api/board"));
            await AssertUnavailableAsync(await api.PostAsJsonAsync($"/api/deals/{id}/checkpoints",
                new { factor = "need", level = 2, note = "Sent while the database was frozen", version }));
            // Two requests, each bounded by the command timeout (3 s here) plus the driver's cancel attempt (2 s).
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"Two requests on a frozen database took {watch.Elapsed}");
        }
        finally
        {
            outage.Postgres.Thaw();
        }

        await AssertHealthAsync(HttpStatusCode.OK);
        await BrowserApp.PostAsync(api, $"/api/deals/{id}/checkpoints",
            new { factor = "need", level = 2, note = "Sent after the database thawed", version });
    }

    [Fact]
    public async Task AnOpenBoardHearsChangesAgainWithinThreeSecondsOfTheDatabasesReturn()
    {
        using var api = await TwoInstances.ApiAsync(outage.App);
        var card = await BrowserApp.CreateDealAsync(api, null, "Back Online Freight", ("need", 1), ("need", 2), ("need", 3));
        var id = card["id"]!.GetValue<Guid>();
        await using var context = await SignedInAsync();
        var board = await context.NewPageAsync();
        await BrowserApp.GoAsync(board, "/");
        await Expect(board.Locator($"section[data-stage='discover'] [data-deal-id='{id}']")).ToBeVisibleAsync();
        await Live.MarkAsync(board);

        await outage.Postgres.StopServerAsync();
        try
        {
            // Long enough for the listener to fail and retry a few times, as in a real restart.
            await Task.Delay(TimeSpan.FromSeconds(4));
        }
        finally
        {
            await outage.Postgres.StartServerAsync();
        }

        var back = Stopwatch.StartNew();
        await BrowserApp.PostAsync(api, $"/api/deals/{id}/checkpoints",
            new { factor = "power", level = 1, note = "Met the COO", version = card["version"]!.GetValue<int>() });

        var left = TimeSpan.FromSeconds(3) - back.Elapsed;
        await Expect(board.Locator($"section[data-stage='qualify'] [data-deal-id='{id}']"))
            .ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = (float)Math.Max(1, left.TotalMilliseconds) });
        await Live.AssertNotReloadedAsync(board);
    }

    [Fact]
    public async Task ADialogSavedDuringAnOutageStaysOpenWithItsTextAndSavesOnceTheDatabaseIsBack()
    {
        using var api = await TwoInstances.ApiAsync(outage.App);
        var card = await BrowserApp.CreateDealAsync(api, null, "Outage Dialog Trading", ("need", 1));
        var id = card["id"]!.GetValue<Guid>();
        await using var context = await SignedInAsync();
        var page = await context.NewPageAsync();
        await BrowserApp.GoAsync(page, $"/deals/{id}");
        await page.Locator("[data-test='record-need']").ClickAsync();
        var note = page.Locator(".mud-dialog textarea").First;
        await note.FillAsync("Typed before the database went down");
        var save = page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Save" });

        await outage.Postgres.StopServerAsync();
        try
        {
            await save.ClickAsync();
            await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("The database is unavailable");
            await Expect(note).ToHaveValueAsync("Typed before the database went down");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot("outage-dialog.png") });
            await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        }
        finally
        {
            await outage.Postgres.StartServerAsync();
        }

        await AssertHealthAsync(HttpStatusCode.OK);
        await save.ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-test='timeline-entry'][data-type='checkpoint']").First).ToContainTextAsync("Typed before the database went down");
    }

    [Fact]
    public async Task AnOpenBoardKeepsShowingTheBoardThroughAnOutageFiltersIncludedAndIsLiveAgainOnceItIsBack()
    {
        using var api = await TwoInstances.ApiAsync(outage.App);
        var card = await BrowserApp.CreateDealAsync(api, null, "Outage Board Freight");
        await using var context = await SignedInAsync();
        var page = await context.NewPageAsync();
        await BrowserApp.GoAsync(page, "/");
        await Expect(page.Locator("[data-test='deal-card']").First).ToBeVisibleAsync();

        await outage.Postgres.StopServerAsync();
        try
        {
            // The board is the instance's, in memory (decision 0039): a new filter is applied to it without the database.
            await page.EvaluateAsync("() => Blazor.navigateTo('/?q=outage board')");
            await Expect(page.Locator("[data-test='deal-card']")).ToHaveCountAsync(1);
            await Expect(page.Locator("[data-test='deal-card']")).ToContainTextAsync("Outage Board Freight");
            await Expect(page.Locator("[data-test='database-unavailable']")).ToHaveCountAsync(0);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot("outage-board.png") });
            await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        }
        finally
        {
            await outage.Postgres.StartServerAsync();
        }

        // Once the database is back, a change shows on the open board again (the listener reconnects and re-reads).
        var id = card["id"]!.GetValue<Guid>();
        await Expect(page.Locator($"[data-deal-id='{id}'] [data-factor='need']")).ToHaveAttributeAsync("data-level", "0");
        var until = DateTime.UtcNow.AddSeconds(30);
        HttpResponseMessage saved;
        while (!(saved = await api.PostAsJsonAsync($"/api/deals/{id}/checkpoints",
                   new { factor = "need", level = 1, note = "After the outage", version = card["version"]!.GetValue<int>() })).IsSuccessStatusCode
               && saved.StatusCode == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < until)
        {
            await Task.Delay(500); // the first requests after the restart may still meet it down (503: nothing written)
        }

        Assert.True(saved.IsSuccessStatusCode, $"Recording after the outage answered {(int)saved.StatusCode}");
        await Expect(page.Locator($"[data-deal-id='{id}'] [data-factor='need']")).ToHaveAttributeAsync("data-level", "1",
            new LocatorAssertionsToHaveAttributeOptions { Timeout = 15_000 });
    }

    private Task<IBrowserContext> SignedInAsync() => browser.SignedInContextAsync(outage.App.BaseUrl);

    /// <summary>/health answers <paramref name="expected"/> within 2 s (after a restart, the first answers may still be 503).</summary>
    private async Task AssertHealthAsync(HttpStatusCode expected)
    {
        using var http = new HttpClient { BaseAddress = new Uri(outage.App.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var watch = Stopwatch.StartNew();
            var response = await http.GetAsync("/health");
            Assert.True(watch.Elapsed < HealthLimit, $"/health took {watch.Elapsed} to answer {(int)response.StatusCode}");
            if (response.StatusCode == expected)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < until, $"/health kept answering {(int)response.StatusCode}, not {(int)expected}");
            await Task.Delay(200);
        }
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var request = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery}";
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{request} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{request}: no Retry-After");
        Assert.Contains("database is unavailable", JsonNode.Parse(text)!["title"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }
}
