using System.Globalization;
using System.Text;
using KeyAccountPipeline.Benchmarks;
using Microsoft.Playwright;

namespace KeyAccountPipeline.BrowserBenchmarks;

/// <summary>
/// The board of a large seeded pipeline on PostgreSQL (scripts/bench-scale.sh) in real Chromium, each open a first visit
/// (a new browser context, signed in, nothing cached). Timed inside the page from navigation start: "cards visible", the
/// frame that draws the first card (a MutationObserver sees it enter the document; the next animation frame is when it is
/// drawn), and "interactive", the circuit live and every column showing its cards (the same test as bench-browser's).
/// Then every long column scrolled to its last card; with <c>--weigh</c> also the page's transfer and DOM size.
/// </summary>
internal static class ScaleBench
{
    private const string FirstCardScript = """
        (() => {
          const seen = new MutationObserver(() => {
            if (document.querySelector("[data-test='deal-card']")) {
              seen.disconnect();
              window.__kapCardInDom = performance.now();
              requestAnimationFrame(() => { window.__kapCardDrawn = performance.now(); });
            }
          });
          seen.observe(document, { childList: true, subtree: true });
        })();
        """;

    public static async Task<int> RunAsync(IBrowser browser, string database, int rounds, bool weigh, double visibleTarget, double interactiveTarget)
    {
        await using var site = await ScaleSite.StartAsync("scale", database);
        await BrowserBenchProgram.SignInAsync(browser, site, ScaleRun.ManagerEmail(1), ScaleRun.Password);
        var columns = await BrowserBenchProgram.ColumnsAsync(site);
        var deals = await site.OpenDealsAsync();

        var section = string.Create(CultureInfo.InvariantCulture, $"(a) board, {deals:N0} open deals");
        Console.WriteLine($"{section}: {rounds} first-visit opens after one untimed (the server's JIT), {site.BaseUrl}");
        var visible = new List<double>();
        var interactive = new List<double>();
        (string Measure, string Value)[]? weight = null;
        for (var round = 0; round <= rounds; round++)
        {
            await using var context = await BrowserBenchProgram.NewContextAsync(browser, site);
            await context.AddInitScriptAsync(FirstCardScript);
            var page = await context.NewPageAsync();
            var weigher = weigh && round == 1 ? new PageWeight(page) : null;
            await page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
            var drawn = await page.WaitForFunctionAsync(BrowserBenchProgram.DrawnScript, columns,
                new PageWaitForFunctionOptions { PollingInterval = null, Timeout = 120_000 });
            var ready = await drawn.JsonValueAsync<double>();
            await page.WaitForFunctionAsync("() => window.__kapCardDrawn !== undefined");
            var first = await page.EvaluateAsync<double>("() => window.__kapCardDrawn");
            if (round > 0)
            {
                visible.Add(first);
                interactive.Add(ready);
            }

            if (weigher is not null)
            {
                weight = await weigher.MeasureAsync(page);
            }
        }

        var scroll = await BrowserBenchProgram.ScrollEveryColumnAsync(browser, site);
        var (visibleMedian, interactiveMedian) = (BrowserBenchProgram.Median(visible), BrowserBenchProgram.Median(interactive));
        Console.WriteLine($"  cards visible (first card drawn): median {visibleMedian:F0} ms, p95 {BrowserBenchProgram.P95(visible):F0} ms, max {visible.Max():F0} ms");
        Console.WriteLine($"  interactive (circuit live, every column drawn): median {interactiveMedian:F0} ms, p95 {BrowserBenchProgram.P95(interactive):F0} ms, max {interactive.Max():F0} ms");
        Console.WriteLine($"  long columns scrolled to their last card: {scroll.Times.Count} of {scroll.Columns}" +
            (scroll.Times.Count > 0 ? $", slowest {scroll.Times.Max():F0} ms" : string.Empty) +
            (scroll.Missed.Count > 0 ? $"; no last card in {string.Join(", ", scroll.Missed)}" : string.Empty));
        ScaleRun.Add(section, "cards visible (first card drawn): median / p95", Ms(visibleMedian, BrowserBenchProgram.P95(visible)),
            Target(visibleTarget), visibleTarget > 0 ? visibleMedian <= visibleTarget : null);
        ScaleRun.Add(section, "interactive (circuit live, columns drawn): median / p95", Ms(interactiveMedian, BrowserBenchProgram.P95(interactive)),
            Target(interactiveTarget), interactiveTarget > 0 ? interactiveMedian <= interactiveTarget : null);
        ScaleRun.Add(section, "long columns scrolled to their last card",
            $"{scroll.Times.Count} of {scroll.Columns}" + (scroll.Times.Count > 0 ? $" (slowest {scroll.Times.Max():F0} ms)" : string.Empty), "all", scroll.Missed.Count == 0);
        if (weight is not null)
        {
            foreach (var (measure, value) in weight)
            {
                Console.WriteLine($"  {measure}: {value}");
                ScaleRun.Add(section, measure, value);
            }
        }

        var met = (visibleTarget <= 0 || visibleMedian <= visibleTarget) && (interactiveTarget <= 0 || interactiveMedian <= interactiveTarget) && scroll.Missed.Count == 0;
        return met ? 0 : 1;
    }

    private static string Target(double ms) => ms > 0 ? string.Create(CultureInfo.InvariantCulture, $"median ≤ {ms:F0} ms") : string.Empty;

    private static string Ms(double median, double p95) => string.Create(CultureInfo.InvariantCulture, $"{median:F0} / {p95:F0} ms");

    /// <summary>
    /// What one first visit moved: every HTTP response (headers and body as sent, so compressed where the server
    /// compressed) by kind, and the circuit's WebSocket messages until a second after the board was drawn (the first
    /// render batches; Playwright sees the payloads after any permessage-deflate, so the wire may carry less); the
    /// page's DOM elements once drawn.
    /// </summary>
    private sealed class PageWeight
    {
        private readonly List<IRequest> _requests = [];
        private long _socketIn;
        private long _socketOut;
        private int _framesIn;
        private volatile bool _counting = true;

        public PageWeight(IPage page)
        {
            page.RequestFinished += (_, request) =>
            {
                lock (_requests)
                {
                    _requests.Add(request);
                }
            };
            page.WebSocket += (_, socket) =>
            {
                socket.FrameReceived += (_, frame) =>
                {
                    if (_counting)
                    {
                        Interlocked.Add(ref _socketIn, Size(frame));
                        Interlocked.Increment(ref _framesIn);
                    }
                };
                socket.FrameSent += (_, frame) =>
                {
                    if (_counting)
                    {
                        Interlocked.Add(ref _socketOut, Size(frame));
                    }
                };
            };
        }

        public async Task<(string Measure, string Value)[]> MeasureAsync(IPage page)
        {
            var elements = await page.EvaluateAsync<int>("() => document.getElementsByTagName('*').length");
            await Task.Delay(1000);
            _counting = false;
            List<IRequest> requests;
            lock (_requests)
            {
                requests = [.. _requests];
            }

            long html = 0, htmlDecoded = 0, other = 0;
            var otherCount = 0;
            foreach (var request in requests)
            {
                var sizes = await request.SizesAsync();
                var sent = sizes.ResponseHeadersSize + sizes.ResponseBodySize;
                if (request.ResourceType == "document")
                {
                    html += sent;
                    htmlDecoded += (await request.ResponseAsync() is { } response ? (await response.BodyAsync()).Length : 0);
                }
                else
                {
                    other += sent;
                    otherCount++;
                }
            }

            return
            [
                ("page HTML as sent (body decoded)", $"{Kb(html)} ({Kb(htmlDecoded)})"),
                ($"other HTTP: {otherCount} responses (scripts, styles, fonts, negotiate)", Kb(other)),
                ($"WebSocket in, until drawn + 1 s: {_framesIn} messages (out {Kb(_socketOut)})", Kb(_socketIn)),
                ("total transferred, first visit", Kb(html + other + _socketIn + _socketOut)),
                ("DOM elements once drawn", elements.ToString("N0", CultureInfo.InvariantCulture)),
            ];
        }

        private static long Size(IWebSocketFrame frame) => frame.Binary?.Length ?? Encoding.UTF8.GetByteCount(frame.Text ?? string.Empty);

        private static string Kb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:N1} KiB");
    }
}
