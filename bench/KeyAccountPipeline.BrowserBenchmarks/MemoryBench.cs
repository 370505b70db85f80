using System.Diagnostics.Tracing;
using System.Globalization;
using KeyAccountPipeline.Benchmarks;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;
using Microsoft.Playwright;

namespace KeyAccountPipeline.BrowserBenchmarks;

/// <summary>
/// Server memory per open board page (scripts/bench-scale.sh --memory): the app as a process of its own on the seeded
/// database; its resident memory (VmRSS in /proc) after a warm-up, then with 20 and with --pages N (default 100) real
/// Chromium pages open on the board, each circuit live and idle, one browser, five pages per signed-in manager (the app's
/// default Auth:MaxCircuitsPerUser); then all pages closed, read at once and again after the retention of disconnected
/// circuits. Before each reading the app is left alone for a settle delay and a full blocking GC is forced in it through
/// EventPipe (the GCHeapCollect keyword, as dotnet-gcdump does), which also reports the managed heap after that GC.
/// Target: ≤ 500 KB per idle open page.
/// </summary>
internal static class MemoryBench
{
    private const double TargetKb = 500;
    private const int PagesPerPerson = 5;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    /// <summary>CircuitOptions.DisconnectedCircuitRetentionPeriod when not set, as in this app (it sets DetailedErrors only).</summary>
    private static readonly TimeSpan DefaultRetention = new CircuitOptions().DisconnectedCircuitRetentionPeriod;

    public static async Task<int> RunAsync(IBrowser browser, string database, int maxPages, int retentionSeconds)
    {
        await using var site = await ScaleSite.StartAsync("memory", database);
        var people = (maxPages + PagesPerPerson - 1) / PagesPerPerson;
        var states = new List<string>();
        for (var n = 1; n <= people; n++)
        {
            states.Add(await BrowserBenchProgram.SignInAsync(browser, site, ScaleRun.ManagerEmail(n), ScaleRun.Password));
        }

        var columns = await BrowserBenchProgram.ColumnsAsync(site);
        var deals = await site.OpenDealsAsync();
        var section = string.Create(CultureInfo.InvariantCulture, $"(b) server memory per open board page, {deals:N0} deals");

        // Warm-up, as after the first visitors: the JIT, the app's caches, the pools. These pages are closed again.
        site.StorageState = states[0];
        await using (var warm = await BrowserBenchProgram.NewContextAsync(browser, site))
        {
            for (var i = 0; i < 3; i++)
            {
                var page = await warm.NewPageAsync();
                await OpenBoardAsync(page, columns);
                await page.CloseAsync();
            }
        }

        var before = await ReadAsync(site.ProcessId, "after warm-up, no page open");
        ScaleRun.Add(section, "app RSS / GC heap, warmed up, no page open", before.Text);
        var contexts = new List<IBrowserContext>();
        var pages = new List<IPage>();
        var met = true;
        var peak = before;
        try
        {
            foreach (var target in new[] { Math.Min(20, maxPages), maxPages }.Distinct())
            {
                while (pages.Count < target)
                {
                    // One person's pages at a time (up to five), opened together.
                    var person = pages.Count / PagesPerPerson;
                    if (contexts.Count <= person)
                    {
                        site.StorageState = states[person];
                        contexts.Add(await BrowserBenchProgram.NewContextAsync(browser, site));
                    }

                    var batch = Math.Min(PagesPerPerson - pages.Count % PagesPerPerson, target - pages.Count);
                    var opened = await Task.WhenAll(Enumerable.Range(0, batch).Select(async _ =>
                    {
                        var page = await contexts[person].NewPageAsync();
                        await OpenBoardAsync(page, columns);
                        return page;
                    }));
                    pages.AddRange(opened);
                }

                var reading = peak = await ReadAsync(site.ProcessId, $"{target} pages open and idle");
                var live = 0;
                foreach (var page in pages)
                {
                    live += await page.EvaluateAsync<bool>("() => document.documentElement.dataset.circuit === 'live'") ? 1 : 0;
                }

                var perPage = (reading.RssKb - before.RssKb) / (double)target;
                var heapPerPage = reading.HeapKb is { } heap && before.HeapKb is { } heapBefore ? (heap - heapBefore) / (double)target : (double?)null;
                var ok = perPage <= TargetKb;
                met &= ok;
                // Invariant culture: the program sets it at start.
                var heapText = heapPerPage is { } h ? $"; GC heap {h:N0} KB" : string.Empty;
                Console.WriteLine($"  {target} pages ({live} circuits live): RSS {perPage:N0} KB a page{heapText} (target ≤ {TargetKb:F0} KB: {(ok ? "met" : "MISSED")})");
                ScaleRun.Add(section, $"app RSS / GC heap, {target} pages open ({live} live)", reading.Text);
                ScaleRun.Add(section, $"(RSS after − before) / {target} pages" + (heapPerPage is null ? string.Empty : " (GC heap the same way)"),
                    $"{perPage:N0} KB{heapText}",
                    $"≤ {TargetKb:F0} KB", ok);
            }
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.CloseAsync();
            }
        }

        var closedAt = DateTime.UtcNow;
        var closed = await ReadAsync(site.ProcessId, "all pages closed");
        ScaleRun.Add(section, "app RSS / GC heap, all pages just closed", closed.Text);
        // A page that closes cleanly ends its circuit at once; one whose connection dropped is kept for the retention period,
        // for a reconnect.
        var retention = TimeSpan.FromSeconds(retentionSeconds);
        Console.WriteLine($"  waiting {retention.TotalMinutes:F1} min: CircuitOptions.DisconnectedCircuitRetentionPeriod is {DefaultRetention.TotalMinutes:F0} min " +
            "(the app's Infrastructure/CircuitSetup.cs)...");
        var left = closedAt + retention + TimeSpan.FromSeconds(5) - Settle - DateTime.UtcNow;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }

        var later = await ReadAsync(site.ProcessId, $"{retention.TotalMinutes:F1} min after closing");
        ScaleRun.Add(section, $"app RSS / GC heap, {retention.TotalMinutes:F1} min after closing (retention: {DefaultRetention.TotalMinutes:F0} min)", later.Text);
        // Given back: the growth the pages caused mostly gone again (a quarter may stay: pools, the JIT's code, the heap's own slack).
        var growth = peak.RssKb - before.RssKb;
        var kept = later.RssKb - before.RssKb;
        var givenBack = kept <= growth / 4;
        met &= givenBack;
        Console.WriteLine($"  given back: {(growth - kept) / 1024.0:N1} MB of the {growth / 1024.0:N1} MB RSS the pages took ({(givenBack ? "met" : "MISSED")})");
        ScaleRun.Add(section, "RSS given back after closing, of what the pages took", $"{(growth - kept) / 1024.0:N1} of {growth / 1024.0:N1} MB",
            "≥ 75 %", givenBack);
        return met ? 0 : 1;
    }

    private static async Task OpenBoardAsync(IPage page, object[] columns)
    {
        await page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = 120_000 });
        await page.WaitForFunctionAsync(BrowserBenchProgram.DrawnScript, columns, new PageWaitForFunctionOptions { Timeout = 120_000 });
    }

    /// <summary>After the settle delay and a forced GC: the app's resident memory and, when the GC reported it, its managed heap.</summary>
    private static async Task<Reading> ReadAsync(int processId, string when)
    {
        await Task.Delay(Settle);
        long? heap = null;
        try
        {
            heap = await CollectAsync(processId) / 1024;
        }
        catch (ServerNotAvailableException e)
        {
            Console.WriteLine($"  (no GC forced: {e.Message})");
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        var reading = new Reading(RssKb(processId), heap);
        Console.WriteLine($"  {when}: {reading.Text}");
        return reading;
    }

    private static long RssKb(int processId) =>
        long.Parse(File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    /// <summary>
    /// A full blocking GC in <paramref name="processId"/>, forced by opening an EventPipe session with the GCHeapCollect
    /// keyword; the managed heap's size (bytes) the GC reported when it ended, or null when none came within 20 s.
    /// </summary>
    private static async Task<long?> CollectAsync(int processId)
    {
        var client = new DiagnosticsClient(processId);
        var keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);
        using var session = client.StartEventPipeSession(
            [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, keywords)], requestRundown: false);
        using var source = new EventPipeEventSource(session.EventStream);
        var induced = false;
        long? heap = null;
        var done = new TaskCompletionSource();
        source.Clr.GCStart += e => induced |= e.Reason == GCReason.Induced && e.Depth == 2;
        source.Clr.GCHeapStats += e =>
        {
            if (induced && heap is null)
            {
                heap = e.TotalHeapSize;
                done.TrySetResult();
            }
        };
        var processing = Task.Run(source.Process);
        await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(20)));
        await session.StopAsync(CancellationToken.None);
        await processing;
        return heap;
    }

    private sealed record Reading(long RssKb, long? HeapKb)
    {
        public string Text => $"{RssKb / 1024.0:N1} MB / " + (HeapKb is { } heap ? $"{heap / 1024.0:N1} MB" : "not read");
    }
}
