using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Benchmarks;
using KeyAccountPipeline.Browser.Tests.Infrastructure;
using Npgsql;

namespace KeyAccountPipeline.BrowserBenchmarks;

/// <summary>
/// Many clients at once against PostgreSQL with its default settings (max_connections 100; scripts/bench.sh --load
/// starts one): the app runs as a process of its own with its default pool bound, and each client, in a loop, records a
/// checkpoint on its own deal (POST /api/deals/{id}/checkpoints) and reads the board (GET /api/board), as a rep's
/// client would. For 10, 50 and 100 clients on one instance, and 2×50 on two instances of one database, it prints the
/// throughput, p50/p95 of each call, every status that was answered, and the count of 5xx (target 0); after each run,
/// the connections the server holds. Request loops are bounded in count; only the loopback address is used.
/// With a database (scripts/bench-scale.sh: the seeded pipeline, signed in as its first bench manager) it runs 10, 50 and
/// 100 clients on one instance of it, and first prints what GET /api/board and one POST answer weigh on the wire, asked
/// without and with Accept-Encoding: gzip and br.
/// </summary>
internal static class LoadBench
{
    private const string BoardUrl = "/api/board";

    public static async Task<int> RunAsync(int rounds, string? seeded)
    {
        var server = Environment.GetEnvironmentVariable("KAP_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("KAP_BENCH_POSTGRES is not set: run scripts/bench.sh --load, which starts a throwaway PostgreSQL.");
        Console.WriteLine($"PostgreSQL max_connections = {await ScalarAsync(server, "SHOW max_connections")}; each client: {rounds} × (POST checkpoint + GET board)");
        var failed = false;
        if (seeded is not null)
        {
            await using var site = await ScaleSite.StartAsync("load", seeded);
            var deals = await site.OpenDealsAsync();
            var section = string.Create(CultureInfo.InvariantCulture, $"(c) API load, {deals:N0} open deals, {rounds} rounds a client");
            failed |= !await WeighAsync(site, section);
            foreach (var clients in new[] { 10, 50, 100 })
            {
                failed |= await RunAsync($"{clients} clients, 1 instance", [(() => Task.FromResult(site.ApiClient()), clients)], rounds, server, section);
            }

            return failed ? 1 : 0;
        }

        var database = $"{server};Database=kap_load_{Guid.NewGuid():N}";
        await using (var a = await AppProcess.StartAsync("a", database, seedDemo: true))
        {
            foreach (var clients in new[] { 10, 50, 100 })
            {
                failed |= await RunAsync($"{clients} clients, 1 instance", [(() => LiveBench.ApiAsync(a), clients)], rounds, server);
            }

            await using var b = await AppProcess.StartAsync("b", database, seedDemo: false);
            failed |= await RunAsync("2×50 clients, 2 instances", [(() => LiveBench.ApiAsync(a), 50), (() => LiveBench.ApiAsync(b), 50)], rounds, server);
        }

        return failed ? 1 : 0;
    }

    /// <summary>
    /// GET /api/board and one checkpoint POST's answer as they cross the wire (bodies as sent, not decompressed), asked
    /// without Accept-Encoding, with gzip and with br. True when the board comes compressed.
    /// </summary>
    private static async Task<bool> WeighAsync(ScaleSite site, string section)
    {
        using var api = site.ApiClient();
        var card = await LiveBench.NewDealAsync(api, $"Weigh {Guid.NewGuid():N} Logistics");
        var sizes = new List<string>();
        long? identity = null;
        var compressed = false;
        string[] encodings = ["identity", "gzip", "br"];
        for (var step = 0; step < encodings.Length; step++)
        {
            var encoding = encodings[step];
            using var raw = new HttpClient(new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.None }) { BaseAddress = new Uri(site.BaseUrl) };
            raw.DefaultRequestHeaders.Authorization = api.DefaultRequestHeaders.Authorization;
            raw.DefaultRequestHeaders.Add("Accept-Encoding", encoding);
            using var board = await raw.GetAsync(BoardUrl);
            var boardBytes = (await board.Content.ReadAsByteArrayAsync()).LongLength;
            var body = new { factor = "need", level = step + 1, note = "Weighed: confirmed in the weekly call", version = card["version"]!.GetValue<int>() };
            using var post = await raw.PostAsJsonAsync($"/api/deals/{card["id"]}/checkpoints", body);
            var postBytes = (await post.Content.ReadAsByteArrayAsync()).LongLength;
            if (post.IsSuccessStatusCode)
            {
                card = JsonNode.Parse(await api.GetStringAsync($"/api/deals/{card["id"]}"))!["card"]!;
            }

            identity ??= boardBytes;
            compressed |= encoding != "identity" && board.Content.Headers.ContentEncoding.Count > 0 && boardBytes < identity;
            var how = board.Content.Headers.ContentEncoding.Count == 0 ? "not compressed" : string.Join(",", board.Content.Headers.ContentEncoding);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{boardBytes / 1024.0:N0} KiB ({how}); POST answer {postBytes:N0} B ({(int)post.StatusCode})");
            Console.WriteLine($"Accept-Encoding {encoding}: GET {BoardUrl} {line}");
            ScaleRun.Add(section, $"GET {BoardUrl} size, Accept-Encoding: {encoding}", line,
                encoding == "identity" ? string.Empty : "compressed", encoding == "identity" ? null : board.Content.Headers.ContentEncoding.Count > 0 && boardBytes < identity);
        }

        return compressed;
    }

    /// <summary>One run; true when any call answered 5xx or failed outright.</summary>
    private static async Task<bool> RunAsync(string name, (Func<Task<HttpClient>> NewApi, int Clients)[] instances, int rounds, string server, string? section = null)
    {
        var posts = new ConcurrentBag<double>();
        var boards = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<string, int>();
        var workers = new List<Func<Task>>();
        var apis = new List<HttpClient>();
        foreach (var (newApi, clients) in instances)
        {
            var api = await newApi();
            apis.Add(api);
            for (var i = 0; i < clients; i++)
            {
                var card = await LiveBench.NewDealAsync(api, $"Load {Guid.NewGuid():N} Logistics");
                workers.Add(() => ClientAsync(api, card, rounds, posts, boards, statuses));
            }
        }

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(workers.Select(w => Task.Run(w)));
        var elapsed = watch.Elapsed;
        var connections = await ScalarAsync(server, "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'");
        foreach (var api in apis)
        {
            api.Dispose();
        }

        var total = statuses.Values.Sum();
        var errors = statuses.Where(s => s.Key.StartsWith('5') || s.Key == "failed").Sum(s => s.Value);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {total / elapsed.TotalSeconds:F0} requests/s ({total} in {elapsed.TotalSeconds:F1} s); " +
            $"POST checkpoint {posts.Count / elapsed.TotalSeconds:F1}/s, p50 {Percentile(posts, 0.5):F0} ms, p95 {Percentile(posts, 0.95):F0} ms; " +
            $"GET board {boards.Count / elapsed.TotalSeconds:F1}/s, p50 {Percentile(boards, 0.5):F0} ms, p95 {Percentile(boards, 0.95):F0} ms; " +
            $"statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; 5xx {errors}; " +
            $"server connections right after: {connections}"));
        if (section is not null)
        {
            ScaleRun.Add(section, $"{name}: POST checkpoint /s, p50 / p95",
                string.Create(CultureInfo.InvariantCulture, $"{posts.Count / elapsed.TotalSeconds:F1}/s, {Percentile(posts, 0.5):F0} / {Percentile(posts, 0.95):F0} ms"));
            ScaleRun.Add(section, $"{name}: GET board /s, p50 / p95",
                string.Create(CultureInfo.InvariantCulture, $"{boards.Count / elapsed.TotalSeconds:F1}/s, {Percentile(boards, 0.5):F0} / {Percentile(boards, 0.95):F0} ms"));
            ScaleRun.Add(section, $"{name}: 5xx (of {total} requests)", errors.ToString(CultureInfo.InvariantCulture), "0", errors == 0);
        }

        return errors > 0;
    }

    /// <summary>A rep's client: its own deal's need level goes 1, 2, 1, 2… (a step back with its reason), the board read after each.</summary>
    private static async Task ClientAsync(HttpClient api, JsonNode card, int rounds, ConcurrentBag<double> posts, ConcurrentBag<double> boards,
        ConcurrentDictionary<string, int> statuses)
    {
        var id = card["id"]!.GetValue<Guid>();
        var version = card["version"]!.GetValue<int>();
        for (var round = 0; round < rounds; round++)
        {
            var body = new { factor = "need", level = round % 2 == 0 ? 1 : 2, note = "Load benchmark: confirmed in the weekly call", version };
            var (status, text) = await TimeAsync(posts, statuses, () => api.PostAsJsonAsync($"/api/deals/{id}/checkpoints", body));
            if (status is >= 200 and < 300)
            {
                version = JsonNode.Parse(text!)!["version"]!.GetValue<int>();
            }

            await TimeAsync(boards, statuses, () => api.GetAsync(BoardUrl));
        }
    }

    private static async Task<(int Status, string? Text)> TimeAsync(ConcurrentBag<double> times, ConcurrentDictionary<string, int> statuses,
        Func<Task<HttpResponseMessage>> send)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await send();
            var text = await response.Content.ReadAsStringAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status.ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
            return (status, text);
        }
        catch (HttpRequestException)
        {
            statuses.AddOrUpdate("failed", 1, (_, n) => n + 1);
            return (0, null);
        }
    }

    private static async Task<string> ScalarAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection($"{server};Database=postgres;Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? string.Empty;
    }

    private static double Percentile(IEnumerable<double> times, double p)
    {
        var sorted = times.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
