using KeyAccountPipeline.Browser.Tests.Infrastructure;
using KeyAccountPipeline.Web.Components.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>
/// Behind a real reverse proxy (README "Behind a reverse proxy"): Debian's nginx with deploy/nginx/keyaccountpipeline.conf
/// in front of two app instances on one PostgreSQL database. The browser talks only to nginx, over HTTPS.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProxyTests(BrowserApp app)
{
    /// <summary>Failover is slow by nature: the page notices the lost connection, reconnects, and the new instance reloads it.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions Failover = new() { Timeout = 30_000 };

    [Fact]
    public void TheReadmeQuotesTheConfigurationThatTheTestRuns()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryFolder.Root(), "README.md"));

        Assert.Contains("```nginx\n" + File.ReadAllText(NginxProxy.ConfigurationFile) + "```", readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABoardThroughNginxStaysLiveFollowsTheOtherInstanceAndMovesToItWhenItsOwnInstanceDies()
    {
        var instances = new TwoInstances();
        await instances.InitializeAsync();
        try
        {
            await using var proxy = await NginxProxy.StartAsync(instances.A, instances.B);
            await using var context = await app.SignedInContextAsync(proxy.BaseUrl, selfSigned: true);
            var board = await context.NewPageAsync();
            var sockets = new List<string>();
            board.WebSocket += (_, socket) => sockets.Add(socket.Url);
            await BrowserApp.GoAsync(board, "/");
            await Expect(board.Locator("[data-test='deal-card']").First).ToBeVisibleAsync();
            await Live.MarkAsync(board);

            // The circuit's WebSocket goes through nginx, and nginx keeps the browser on one instance: the one that served the page.
            Assert.Equal($"wss://{new Uri(proxy.BaseUrl).Authority}/_blazor", sockets.Single().Split('?')[0]);
            var serving = proxy.LastUpstream("/_blazor/negotiate", instances.A, instances.B)
                ?? throw new InvalidOperationException("nginx's access log names no instance for the circuit's negotiate.");
            var other = serving == instances.A ? instances.B : instances.A;

            // Changes made through the other instance's API show on the board without a reload (LISTEN/NOTIFY between instances).
            using var otherApi = await TwoInstances.ApiAsync(other);
            var card = await BrowserApp.CreateDealAsync(otherApi, null, "Behind Nginx Freight", ("need", 1), ("need", 2), ("need", 3));
            var id = card["id"]!.GetValue<Guid>();
            await Expect(board.Locator($"section[data-stage='discover'] [data-deal-id='{id}']")).ToBeVisibleAsync();
            card = await BrowserApp.PostAsync(otherApi, $"/api/deals/{id}/checkpoints",
                new { factor = "power", level = 1, note = "Met the COO", version = card["version"]!.GetValue<int>() });
            await Expect(board.Locator($"section[data-stage='qualify'] [data-deal-id='{id}']")).ToBeVisibleAsync();
            await Live.AssertNotReloadedAsync(board);

            // The page's instance dies. The page reconnects through nginx, which sends it to the survivor (the sign-in cookie
            // is valid there too): it shows a further change and still answers a click.
            await serving.KillAsync();
            await BrowserApp.PostAsync(otherApi, $"/api/deals/{id}/checkpoints",
                new { factor = "power", level = 2, note = "The COO named a project lead", version = card["version"]!.GetValue<int>() });
            await Expect(board.Locator($"[data-deal-id='{id}'] [data-factor='power'][data-level='2']")).ToBeVisibleAsync(Failover);
            await board.Locator("html[data-circuit='live']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await Expect(board.Locator("#components-reconnect-modal")).Not.ToBeVisibleAsync();
            Assert.Same(other, proxy.LastUpstream("/_blazor/negotiate", instances.A, instances.B));
            Assert.True(sockets.Count >= 2, $"The page opened no new WebSocket: {string.Join(", ", sockets)}");
            Assert.All(sockets, url => Assert.StartsWith($"wss://{new Uri(proxy.BaseUrl).Authority}/_blazor?", url, StringComparison.Ordinal));
            await board.Locator($"[data-deal-id='{id}']").ScrollIntoViewIfNeededAsync();
            await board.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot("board-behind-nginx-after-failover.png") });

            await board.Locator($"[data-deal-id='{id}']").ClickAsync();
            await Expect(board.Locator("[data-test='deal-customer']")).ToHaveTextAsync("Behind Nginx Freight");
            await board.Locator("[data-test='missing-item'] button").First.ClickAsync();
            await board.Locator(".mud-dialog textarea").First.FillAsync("Recorded through nginx after the failover");
            await board.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Save" }).ClickAsync();
            await Expect(board.Locator("[data-test='timeline-entry'][data-type='checkpoint']").First).ToContainTextAsync("Recorded through nginx after the failover");
        }
        finally
        {
            await instances.DisposeAsync();
        }
    }
}
