using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>
/// The app works under its own Content-Security-Policy in real Chromium: nothing is refused and
/// nothing complains, and the pages still answer clicks (a refused blazor.web.js would leave them dead).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(BrowserApp app)
{
    private const string ReportViolations = """
        document.addEventListener("securitypolicyviolation", e =>
            window.kapViolation(`${e.effectiveDirective} refused ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
        """;

    [Fact]
    public async Task TheBoardAndADealPageRunUnderThePolicyWithNoViolationAndNoConsoleComplaint()
    {
        var page = await app.OpenAsync("/");
        var complaints = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                complaints.Enqueue($"console {message.Type}: {message.Text}");
            }
        };
        var sockets = new ConcurrentQueue<string>();
        page.WebSocket += (_, socket) => sockets.Enqueue(socket.Url);
        await page.ExposeFunctionAsync("kapViolation", (string violation) => complaints.Enqueue($"CSP: {violation}"));
        await page.Context.AddInitScriptAsync(ReportViolations);

        // Again from the start, now that the listeners are there before the first script runs.
        await BrowserApp.GoAsync(page, "/");
        await page.Locator("[data-test='fold-won']").ClickAsync();
        await Expect(page.Locator("section[data-stage='won'] [data-test='deal-card']").First).ToBeVisibleAsync();

        var board = JsonNode.Parse(await app.Api.GetStringAsync("/api/board"))!;
        var deal = board["columns"]![0]!["deals"]![0]!["id"]!.GetValue<Guid>();
        await BrowserApp.GoAsync(page, $"/deals/{deal}");
        await page.Locator("[data-test='missing-item'] button").First.ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();

        Assert.True(complaints.IsEmpty, string.Join("\n", complaints));
        // connect-src 'self' lets the circuit use its WebSocket, rather than falling back to long polling.
        Assert.Contains(sockets, url => url.StartsWith(app.BaseUrl.Replace("http", "ws", StringComparison.Ordinal), StringComparison.Ordinal) && url.Contains("/_blazor", StringComparison.Ordinal));
    }
}
