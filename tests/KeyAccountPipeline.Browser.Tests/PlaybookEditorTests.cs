using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>The admins' playbook editor in real Chromium: an edit there shows on the board.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PlaybookEditorTests(BrowserApp app)
{
    [Fact]
    public async Task LoweringAStagesStallAfterDaysFlagsTheDealStalledOnTheBoard()
    {
        // Ten days at discover, which stalls after 14 days by default: not stalled yet.
        var customer = $"Stall Watch Logistics {Guid.NewGuid().ToString("N")[..8]}";
        var card = await app.PostAsync("/api/deals", new
        {
            customer,
            industry = "Retail",
            region = "East China",
            title = "Shanghai cross-dock",
            serviceLine = "distribution",
            annualValue = 3_000_000m,
            targetCloseDate = DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(4)),
            startedOn = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(-10),
        });
        var flag = $"[data-deal-id='{card["id"]}'] [data-flag='stalled']";
        var boardUrl = $"/?q={Uri.EscapeDataString(customer)}";
        using var admin = await AdminApiAsync();
        var original = JsonNode.Parse(await admin.GetStringAsync("/api/playbook/edit"))!;
        try
        {
            var board = await app.OpenAsync(boardUrl, user: BrowserApp.Admin);
            await Expect(board.Locator($"[data-deal-id='{card["id"]}']")).ToBeVisibleAsync();
            await Expect(board.Locator(flag)).ToHaveCountAsync(0);

            await board.Locator("[data-test='admin-playbook']").ClickAsync();
            await Expect(board.Locator("[data-test='playbook-editor'] h1")).ToHaveTextAsync("Playbook");
            var days = board.Locator("tr[data-stage='discover'] td:has([data-test='stall-after-days']) input");
            await Expect(days).ToHaveValueAsync("14");
            await days.FillAsync("7");
            await days.PressAsync("Tab");
            await board.Locator("[data-test='save-playbook']").ClickAsync();

            var version = original["version"]!.GetValue<int>() + 1;
            await Expect(board.Locator("[data-test='editing-version']")).ToHaveTextAsync($"Editing version {version}");
            await Expect(board.Locator($"[data-test='history-row'][data-version='{version}']")).ToContainTextAsync("Zhou Min");
            await board.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot("playbook-editor.png"), FullPage = true });

            await BrowserApp.GoAsync(board, boardUrl);
            await Expect(board.Locator(flag)).ToContainTextAsync("Stalled");
        }
        finally
        {
            // The collection shares one app: leave the playbook's rules as the other tests expect them.
            var current = JsonNode.Parse(await admin.GetStringAsync("/api/playbook/edit"))!;
            original["version"] = current["version"]!.GetValue<int>();
            (await admin.PutAsJsonAsync("/api/playbook", original)).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task ABrokenGateIsRefusedWithTheMessageBesideItsField()
    {
        var page = await app.OpenAsync("/admin/playbook", user: BrowserApp.Admin);
        var versions = JsonNode.Parse(await app.Api.GetStringAsync("/api/playbook/versions"))!.AsArray().Count;
        var gate = page.Locator("tr[data-stage='commit'] td:has([data-test='gate-power']) input");

        await gate.FillAsync("9");
        await gate.PressAsync("Tab");
        await page.Locator("[data-test='save-playbook']").ClickAsync();

        await Expect(page.Locator("tr[data-stage='commit'] td:has([data-test='gate-power'])"))
            .ToContainTextAsync("Stage \"Verbal commitment\" asks for Power level 9, but the ladder goes up to 6.");
        await Expect(page.Locator("[data-test='playbook-errors']")).ToContainTextAsync("Not saved. Fix 1 problem first");
        Assert.Equal(versions, JsonNode.Parse(await app.Api.GetStringAsync("/api/playbook/versions"))!.AsArray().Count);
    }

    [Fact]
    public async Task ARepNeitherSeesTheLinkNorOpensTheEditor()
    {
        var page = await app.OpenAsync("/", user: BrowserApp.Rep);
        await Expect(page.Locator("[data-test='admin-playbook']")).ToHaveCountAsync(0);

        await page.GotoAsync("/admin/playbook");

        await Expect(page.Locator("[data-test='playbook-editor']")).ToHaveCountAsync(0);
        Assert.DoesNotContain("/admin/playbook", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
    }

    private async Task<HttpClient> AdminApiAsync()
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(BrowserApp.Admin));
        return client;
    }
}
