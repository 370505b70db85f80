using KeyAccountPipeline.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>At most five open pages (circuits) per person, in real Chromium: the oldest is dropped with a message.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CircuitLimitTests(BrowserApp app)
{
    // A demo person no other browser test signs in as: the limit counts per person, so this test pushes out no one else's pages.
    private const string Person = "chen.jing@demo.keyaccount.cn";

    [Fact]
    public async Task ASixthPageDropsTheOldestWithAMessageAndTheOtherFiveKeepWorking()
    {
        var pages = new List<IPage>();
        try
        {
            for (var i = 0; i < 6; i++)
            {
                pages.Add(await app.OpenAsync("/", user: Person));
            }

            var oldest = pages[0];
            var message = oldest.GetByRole(AriaRole.Alert);
            await Expect(message.Locator("p")).ToHaveTextAsync(
                "This page was closed because you opened the app in more than 5 tabs or devices. Reload to continue here.");
            await Expect(message.GetByRole(AriaRole.Button, new() { Name = "Reload" })).ToBeVisibleAsync();
            await Expect(oldest.Locator("html")).ToHaveAttributeAsync("data-circuit", "closed");
            await Expect(oldest.Locator("section.board-column")).ToHaveCountAsync(0);

            foreach (var page in pages.Skip(1))
            {
                await Expect(page.Locator("[data-test='circuit-closed']")).ToHaveCountAsync(0);
                await page.Locator("[data-test='fold-won']").ClickAsync();
                await Expect(page.Locator("section[data-stage='won'] [data-test='deal-card']").First).ToBeVisibleAsync();
            }

            // Reloading continues on the dropped page: it becomes the newest, so the second page is now the oldest.
            await message.GetByRole(AriaRole.Button, new() { Name = "Reload" }).ClickAsync();
            await oldest.Locator("html[data-circuit='live']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
            await Expect(oldest.Locator("section.board-column").First).ToBeVisibleAsync();
            await Expect(pages[1].Locator("[data-test='circuit-closed']")).ToBeVisibleAsync();
            await Expect(pages[2].Locator("[data-test='circuit-closed']")).ToHaveCountAsync(0);
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
    /// The limit does not rest on the dropped page's script: here that script neither shows the message nor disconnects
    /// (as with a tampered or stalled page), and still the server closes the oldest page's connection, and every
    /// reconnect it tries.
    /// </summary>
    [Fact]
    public async Task TheServerClosesTheOldestPagesConnectionWhenItsScriptDoesNotDisconnect()
    {
        const string person = "liu.yang@demo.keyaccount.cn";
        var pages = new List<IPage>();
        try
        {
            var oldest = await app.OpenAsync("/", user: person);
            pages.Add(oldest);
            await oldest.Context.AddInitScriptAsync(KeepTheCircuitScript);
            await BrowserApp.GoAsync(oldest, "/");
            Assert.True(await oldest.EvaluateAsync<bool>("() => window.__sockets.some(s => s.readyState === WebSocket.OPEN)"));

            for (var i = 0; i < 5; i++)
            {
                pages.Add(await app.OpenAsync("/", user: person));
            }

            await oldest.WaitForFunctionAsync(
                "() => window.__sockets.length > 0 && window.__sockets.every(s => s.readyState === WebSocket.CLOSED)",
                null, new PageWaitForFunctionOptions { Timeout = 15_000 });
            foreach (var page in pages.Skip(1))
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

    /// <summary>Records the page's WebSockets, and makes app.js's closeCircuit do nothing (no message wiring, no disconnect).</summary>
    private const string KeepTheCircuitScript = """
        (() => {
            const Native = window.WebSocket;
            window.__sockets = [];
            window.WebSocket = class extends Native {
                constructor(...args) { super(...args); window.__sockets.push(this); }
            };
            let kap;
            Object.defineProperty(window, "kap", {
                configurable: true,
                get: () => kap,
                set: value => { value.closeCircuit = () => { }; kap = value; },
            });
        })();
        """;
}
