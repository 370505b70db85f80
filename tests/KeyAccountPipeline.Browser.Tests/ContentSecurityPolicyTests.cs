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
        var complaints = await ListenForComplaintsAsync(page);
        var sockets = new ConcurrentQueue<string>();
        page.WebSocket += (_, socket) => sockets.Enqueue(socket.Url);

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

    /// <summary>
    /// Scalar's API reference (/scalar) starts with an inline script: its response alone allows that script by a fresh
    /// nonce, and the UI draws the document's operations with nothing refused and nothing fetched from elsewhere.
    /// </summary>
    [Fact]
    public async Task TheApiReferenceRendersUnderItsNoncePolicyWithoutSignIn()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var complaints = await ListenForComplaintsAsync(page);
        var elsewhere = new ConcurrentQueue<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(app.BaseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                elsewhere.Enqueue(request.Url);
            }
        };

        await page.GotoAsync($"{app.BaseUrl}/scalar/");

        // Scalar's bundle is large (several MB of script to parse): give the first draw time on a busy machine.
        await Expect(page.Locator("h1", new() { HasText = "KeyAccountPipeline API" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        // Scalar draws the first tag's operations at once and the others as they scroll into view: the first tag is Auth.
        await Expect(page.GetByText("/api/auth/token").First).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = BrowserApp.Screenshot("api-reference.png") });
        // The one refusal expected: Scalar's schema library (Zod) probes whether it may compile with Function("") and,
        // refused, validates without it. The policy is not widened with 'unsafe-eval' for that probe.
        var probe = $"CSP: script-src refused eval at {app.BaseUrl}/scalar/scalar.js:";
        var unexpected = complaints.Where(c => !c.StartsWith(probe, StringComparison.Ordinal)).ToList();
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));
        Assert.True(elsewhere.IsEmpty, "Fetched from elsewhere: " + string.Join(", ", elsewhere));
    }

    /// <summary>Console errors and warnings, and every Content-Security-Policy violation, from the page's first script on.</summary>
    private static async Task<ConcurrentQueue<string>> ListenForComplaintsAsync(IPage page)
    {
        var complaints = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                complaints.Enqueue($"console {message.Type}: {message.Text}");
            }
        };
        await page.ExposeFunctionAsync("kapViolation", (string violation) => complaints.Enqueue($"CSP: {violation}"));
        await page.Context.AddInitScriptAsync(ReportViolations);
        return complaints;
    }
}
