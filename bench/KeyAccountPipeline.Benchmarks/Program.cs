using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Data;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KeyAccountPipeline.Benchmarks;

/// <summary>
/// The board and checkpoint benchmark of the performance issue. Run it with scripts/bench.sh, which
/// starts a throwaway PostgreSQL and sets KAP_BENCH_POSTGRES. Options: --warmup N (untimed board
/// rounds first, default 30: the JIT needs them), --rounds N (timed board rounds, default 60),
/// --posts N (timed checkpoint posts, default 300), --show-sql (the app's SQL and both plans); --import [--rows N]: the
/// import benchmark instead (<see cref="ImportBench"/>, default 10,000 rows); --review [--history N]: the review and insights
/// benchmark (<see cref="ReviewBench"/>) at the seeded history and at N times it; --seed-only [--sign-ins N]: seed, give
/// the first manager and N more managers a password (<see cref="ScaleRun"/>) and stop, for scripts/bench-scale.sh.
/// The pipeline: --deals N open deals (default 2,000) with --changes N checkpoint changes in all (default 200,000), in the
/// database --database NAME (default kap_bench), dropped and created anew. Exits 1 when a target is missed, 2 when the run
/// itself is wrong.
/// </summary>
internal static class BenchProgram
{
    private const string ServerVariable = "KAP_BENCH_POSTGRES";
    private const int Accounts = 300;
    private const int ActivitiesPerDeal = 50;

    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var options = Options.Parse(args);
        // WebApplicationFactory finds the app's content root through MvcTestingAppManifest.json in the current directory.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.Error.WriteLine($"{ServerVariable} is not set. Run scripts/bench.sh, or set it to a server (e.g. Host=127.0.0.1;Port=5432;Username=postgres).");
            return 2;
        }

        var (deals, checkpointsPerDeal) = (options.Deals, options.Changes / options.Deals);
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = options.Database }.ConnectionString;
        var serverInfo = await RecreateDatabaseAsync(server, options.Database);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var app = new BenchApp(connectionString, dataSource);
        _ = app.Server; // starts the host: migrations and the default playbook
        using var client = app.CreateClient();
        var playbook = await app.Services.GetRequiredService<PlaybookStore>().CurrentAsync();

        Console.WriteLine($"Seeding {deals:N0} open deals, {deals * checkpointsPerDeal:N0} checkpoint changes, {deals * ActivitiesPerDeal:N0} activities...");
        var seeder = new Seeder(dataSource, playbook, DateTimeOffset.UtcNow);
        var seed = await seeder.SeedAsync(Accounts, deals, checkpointsPerDeal, ActivitiesPerDeal);
        Console.WriteLine($"  done in {seed.Elapsed.TotalSeconds:F1} s (binary COPY, then VACUUM ANALYZE)");
        if (args.Contains("--seed-only"))
        {
            ScaleRun.Add($"seed {deals:N0} deals", "binary COPY + VACUUM ANALYZE",
                $"{seed.Deals:N0} deals, {seed.Checkpoints:N0} changes, {seed.Activities:N0} activities in {seed.Elapsed.TotalSeconds:F0} s");
            var first = await SignInAsync(app, client);
            var managers = await AddManagersAsync(app, options.SignIns);
            Console.WriteLine($"Sign-ins (password {ScaleRun.Password}): {first} and {managers} more managers ({ScaleRun.ManagerEmail(1)} …)");
            return 0;
        }

        // Every /api call needs a bearer token; a manager may change every deal the checkpoint posts touch.
        var manager = await SignInAsync(app, client);
        if (args.Contains("--review"))
        {
            return await ReviewBench.RunAsync(app, client, dataSource, seeder, options, checkpointsPerDeal, ActivitiesPerDeal);
        }

        Console.WriteLine($"Signed in as {manager} (manager); every API request also runs the app's session check.");
        if (args.Contains("--import"))
        {
            try
            {
                return await ImportBench.RunAsync(client, options.ImportRows);
            }
            catch (BenchmarkInvalidException e)
            {
                Console.Error.WriteLine($"The benchmark is not valid: {e.Message}");
                return 2;
            }
        }

        var runs = new List<Run>();
        try
        {
            runs.Add(await MeasureAsync(app, client, dataSource, playbook, options, "history ×1"));
            Console.WriteLine($"Doubling the history (+{deals * checkpointsPerDeal:N0} checkpoint changes, +{deals * ActivitiesPerDeal:N0} activities, dated before the existing ones)...");
            var more = await seeder.AddOlderHistoryAsync(checkpointsPerDeal, ActivitiesPerDeal);
            Console.WriteLine($"  done in {more.Elapsed.TotalSeconds:F1} s");
            runs.Add(await MeasureAsync(app, client, dataSource, playbook, options, "history ×2"));
        }
        catch (BenchmarkInvalidException e)
        {
            Console.Error.WriteLine($"The benchmark is not valid: {e.Message}");
            return 2;
        }

        return Report.Print(serverInfo, seed, runs) ? 0 : 1;
    }

    /// <summary>
    /// Gives the first seeded manager (a new one if the seed has none) a sign-in, fetches a token from
    /// POST /api/auth/token and sets it on the client. Returns the manager's email.
    /// </summary>
    private static async Task<string> SignInAsync(BenchApp app, HttpClient client)
    {
        const string password = ScaleRun.Password;
        string email;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PipelineDbContext>();
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            var manager = await db.People.AsNoTracking().Where(p => p.Role == Role.Manager && p.Active).OrderBy(p => p.Email).FirstOrDefaultAsync();
            if (manager is null)
            {
                manager = await accounts.CreateAsync("Bench Manager", "bench.manager@bench.keyaccount.cn", Role.Manager, password, actor: null);
            }
            else
            {
                await accounts.EnsureSignInAsync(manager, password);
            }

            email = manager.Email;
        }

        using var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || JsonNode.Parse(text)?["accessToken"]?.GetValue<string>() is not { Length: > 0 } token)
        {
            throw new BenchmarkInvalidException($"POST /api/auth/token answered {(int)response.StatusCode}: {text}");
        }

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return email;
    }

    /// <summary>Managers <see cref="ScaleRun.ManagerEmail"/>(1…<paramref name="count"/>) with a sign-in: one person per few open pages.</summary>
    private static async Task<int> AddManagersAsync(BenchApp app, int count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        for (var n = 1; n <= count; n++)
        {
            await accounts.CreateAsync($"Bench Manager {n:D3}", ScaleRun.ManagerEmail(n), Role.Manager, ScaleRun.Password, actor: null);
        }

        return count;
    }

    private static async Task<string> RecreateDatabaseAsync(string server, string database)
    {
        await using var admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await using (var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await using (var create = admin.CreateCommand($"CREATE DATABASE {database}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var info = admin.CreateCommand(
            "SELECT current_setting('server_version') || ' (fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit') || ')'");
        return (string)(await info.ExecuteScalarAsync())!;
    }

    private static async Task<Run> MeasureAsync(BenchApp app, HttpClient client, NpgsqlDataSource dataSource, Playbook playbook, Options options, string label)
    {
        Console.WriteLine($"Measuring ({label})...");
        var sizes = await SizesAsync(dataSource, playbook, app);
        var baseline = app.Services.GetRequiredService<HandWrittenBoard>();
        var queries = app.Services.GetRequiredService<DealQueries>();

        // Warm both paths, then check they answer the same board.
        var appJson = await GetAsync(client, "/api/board");
        var baselineJson = await GetAsync(client, BenchApp.BaselinePath);
        var cards = SameBoard(appJson, baselineJson);

        // Round trips: every command EF sends while serving one request.
        var trips = new List<int>();
        IReadOnlyList<CapturedCommand> commands = [];
        for (var i = 0; i < 3; i++)
        {
            app.Commands.Start();
            await GetAsync(client, "/api/board");
            commands = app.Commands.Stop();
            trips.Add(commands.Count);
        }

        var plans = new List<QueryPlan>();
        foreach (var command in commands.Where(c => c.Sql != SqlCommandLog.Commit))
        {
            plans.Add(await QueryPlan.ExplainAsync(dataSource, command));
        }

        var busySince = sizes.BusySince;
        var baselinePlan = await QueryPlan.ExplainAsync(dataSource,
            new CapturedCommand(HandWrittenBoard.Sql, [new NpgsqlParameter { Value = busySince }]));
        if (options.ShowSql)
        {
            foreach (var (command, plan) in commands.Zip(plans))
            {
                Console.WriteLine($"--- SQL sent by the app for GET /api/board ---\n{command.Sql}\n--- plan ---\n{plan.Text}\n");
            }

            Console.WriteLine($"--- hand-written baseline plan ---\n{baselinePlan.Text}\n");
        }

        var (httpApp, httpBaseline) = await Timings.InterleaveAsync(
            "GET /api/board", () => GetAsync(client, "/api/board"),
            "hand-written", () => GetAsync(client, BenchApp.BaselinePath),
            options.Warmup, options.Rounds);
        var (dataApp, dataBaseline) = await Timings.InterleaveAsync(
            "DealQueries.BoardAsync", () => queries.BoardAsync(),
            "HandWrittenBoard.BoardAsync", () => baseline.BoardAsync(),
            options.Warmup, options.Rounds);

        var allocated = (await AllocatedAsync(() => queries.BoardAsync()), await AllocatedAsync(() => baseline.BoardAsync()));

        var insights = await MeasureInsightsAsync(app, client, dataSource, options);
        var posts = await PostCheckpointsAsync(app, client, playbook, options.Posts);
        return new Run(label, options.Warmup, sizes, cards, appJson.Length, trips.Max(), plans, baselinePlan, httpApp, httpBaseline, dataApp, dataBaseline,
            allocated, posts, insights);
    }

    /// <summary>
    /// GET /api/insights: the rows one request reads (EXPLAIN ANALYZE of every command it sends) and its server time.
    /// The first request after a change replays the stage stays of the deals changed since (of every deal, on an instance's
    /// first request); the warm-up absorbs that, so the rows shown are those of a manager's next look at the page.
    /// </summary>
    internal static async Task<InsightsRun> MeasureInsightsAsync(BenchApp app, HttpClient client, NpgsqlDataSource dataSource, Options options)
    {
        const string path = "/api/insights";
        async Task<List<QueryPlan>> ExplainOneRequestAsync()
        {
            app.Commands.Start();
            await GetAsync(client, path);
            var explained = new List<QueryPlan>();
            foreach (var command in app.Commands.Stop().Where(c => c.Sql != SqlCommandLog.Commit))
            {
                explained.Add(await QueryPlan.ExplainAsync(dataSource, command));
            }

            return explained;
        }

        var firstPlans = await ExplainOneRequestAsync();
        for (var i = 0; i < Math.Max(1, options.Warmup / 3); i++)
        {
            await GetAsync(client, path);
        }

        var plans = await ExplainOneRequestAsync();
        var timings = new Timings("GET /api/insights");
        for (var i = 0; i < Math.Max(5, options.Rounds / 3); i++)
        {
            await timings.TimeAsync(() => GetAsync(client, path));
        }

        return new InsightsRun(plans.Count, plans, firstPlans, timings);
    }

    /// <summary>Bytes allocated per call (all threads; nothing else runs meanwhile). Unlike time, other work on the machine does not blur it.</summary>
    private static async Task<long> AllocatedAsync(Func<Task> operation)
    {
        const int calls = 10;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < calls; i++)
        {
            await operation();
        }

        return (GC.GetTotalAllocatedBytes(precise: true) - before) / calls;
    }

    private static async Task<Sizes> SizesAsync(NpgsqlDataSource dataSource, Playbook playbook, BenchApp app)
    {
        var calendar = app.Services.GetRequiredService<KeyAccountPipeline.Domain.Time.OrgCalendar>();
        var since = calendar.WindowStart(playbook.Signals.BusyWindowDays);
        await using var command = dataSource.CreateCommand("""
            SELECT (SELECT count(*) FROM "Deals"), (SELECT count(*) FROM "CheckpointChanges"), (SELECT count(*) FROM "Activities"),
                   (SELECT count(*) FROM "Activities" WHERE "OccurredAt" >= $1)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = since });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Sizes(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), since);
    }

    internal static async Task<string> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchmarkInvalidException($"GET {path} answered {(int)response.StatusCode}: {body}");
        }

        return body;
    }

    /// <summary>Both boards must hold the same cards (compared field by field) and the same column totals.</summary>
    private static int SameBoard(string appJson, string baselineJson)
    {
        var a = JsonNode.Parse(appJson)!;
        var b = JsonNode.Parse(baselineJson)!;
        static string Columns(JsonNode board) => string.Join(";", board["columns"]!.AsArray().Select(c => $"{c!["stage"]!["key"]}:{c["count"]}:{c["annualValue"]}"));
        static Dictionary<string, string> Cards(JsonNode board) =>
            board["columns"]!.AsArray().SelectMany(c => c!["deals"]!.AsArray())
                .Concat(board["won"]!.AsArray()).Concat(board["lost"]!.AsArray())
                .ToDictionary(c => (string)c!["id"]!, c => c!.ToJsonString());
        if (Columns(a) != Columns(b))
        {
            throw new BenchmarkInvalidException($"The columns differ.\n app:      {Columns(a)}\n baseline: {Columns(b)}");
        }

        var appCards = Cards(a);
        var baselineCards = Cards(b);
        var different = appCards.FirstOrDefault(c => baselineCards.GetValueOrDefault(c.Key) != c.Value);
        if (appCards.Count != baselineCards.Count || different.Key is not null)
        {
            throw new BenchmarkInvalidException($"The cards differ ({appCards.Count} vs {baselineCards.Count}).\n app:      {different.Value}\n baseline: {baselineCards.GetValueOrDefault(different.Key ?? string.Empty)}");
        }

        return appCards.Count;
    }

    /// <summary>
    /// Sequential checkpoint changes on random deals, each with the version the last answer gave:
    /// a factor goes up one level, or down one with a reason when it is at the top (or 1 time in 7).
    /// The first 30 are not timed; they count the SQL round trips instead.
    /// </summary>
    private static async Task<PostRun> PostCheckpointsAsync(BenchApp app, HttpClient client, Playbook playbook, int count)
    {
        var board = JsonNode.Parse(await GetAsync(client, "/api/board"))!;
        var deals = board["columns"]!.AsArray().SelectMany(c => c!["deals"]!.AsArray()).Select(c => c!).ToList();
        var random = new Random(11);
        var timings = new Timings("POST checkpoints");
        var trips = new List<int>();
        const int warmup = 30;
        for (var i = 0; i < warmup + count; i++)
        {
            var card = deals[random.Next(deals.Count)];
            var index = deals.IndexOf(card);
            var factor = (Factor)random.Next(0, 5);
            var name = JsonNamingPolicy.CamelCase.ConvertName(factor.ToString());
            var level = (int)card["levels"]![name]!;
            var down = level == playbook.Factor(factor).MaxLevel || (level > 0 && random.Next(7) == 0);
            var body = new
            {
                factor = name,
                level = down ? level - 1 : level + 1,
                note = down ? "客户预算冻结 Budget frozen, the decision maker postponed" : "决策人确认 Confirmed by the decision maker in the review",
                evidence = new { kind = "meeting", detail = "会议纪要 Minutes of the review" },
                version = (int)card["version"]!,
            };

            if (i < warmup)
            {
                app.Commands.Start();
            }

            var answer = i < warmup ? await PostAsync(client, card, body) : await timings.TimeAsync(() => PostAsync(client, card, body));
            if (i < warmup)
            {
                trips.Add(app.Commands.Stop().Count);
            }

            deals[index] = answer;
        }

        return new PostRun(timings, trips.Max());
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, JsonNode card, object body)
    {
        using var response = await client.PostAsJsonAsync($"/api/deals/{(string)card["id"]!}/checkpoints", body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchmarkInvalidException($"POST checkpoints answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!;
    }

    internal sealed record Options(int Warmup, int Rounds, int Posts, bool ShowSql, int ImportRows, int Deals, int Changes, string Database, int SignIns, int History)
    {
        public static Options Parse(string[] args)
        {
            int Number(string name, int fallback)
            {
                var at = Array.IndexOf(args, name);
                return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
            }

            var at = Array.IndexOf(args, "--database");
            var database = at >= 0 && at + 1 < args.Length ? args[at + 1] : "kap_bench";
            if (!System.Text.RegularExpressions.Regex.IsMatch(database, "^[a-z_][a-z0-9_]{0,62}$"))
            {
                throw new ArgumentException($"--database {database}: lower-case letters, digits and _ only.");
            }

            return new Options(Number("--warmup", 30), Number("--rounds", 60), Number("--posts", 300), args.Contains("--show-sql"), Number("--rows", 10_000),
                Number("--deals", 2_000), Number("--changes", 200_000), database, Number("--sign-ins", 0), Number("--history", 1));
        }
    }
}

internal sealed class BenchmarkInvalidException(string message) : Exception(message);

internal sealed record Sizes(long Deals, long Checkpoints, long Activities, long ActivitiesInWindow, DateTimeOffset BusySince);

internal sealed record PostRun(Timings Timings, int RoundTrips);

/// <summary>One warm GET /api/insights read (<see cref="Plans"/>), the first one of the run (<see cref="FirstPlans"/>), and timed rounds.</summary>
internal sealed record InsightsRun(int RoundTrips, IReadOnlyList<QueryPlan> Plans, IReadOnlyList<QueryPlan> FirstPlans, Timings Timings)
{
    public long RowsRead => Plans.Sum(p => p.RowsRead);

    public long RowsFrom(string table) => Plans.Sum(p => p.RowsFrom(table));

    public long FirstRowsRead => FirstPlans.Sum(p => p.RowsRead);
}

internal sealed record Run(
    string Label, int Warmup, Sizes Sizes, int Cards, int BoardChars, int RoundTrips, IReadOnlyList<QueryPlan> Plans, QueryPlan BaselinePlan,
    Timings HttpApp, Timings HttpBaseline, Timings DataApp, Timings DataBaseline, (long App, long Baseline) Allocated, PostRun Posts,
    InsightsRun Insights)
{
    public long RowsRead => Plans.Sum(p => p.RowsRead);

    public long RowsFrom(string table) => Plans.Sum(p => p.RowsFrom(table));
}

/// <summary>The summary table, with each target checked.</summary>
internal static class Report
{
    public static bool Print(string serverInfo, SeedResult seed, IReadOnlyList<Run> runs)
    {
        var (one, two) = (runs[0], runs[1]);
        var ok = true;
        string Check(bool pass)
        {
            ok &= pass;
            return pass ? "ok" : "MISSED";
        }

        List<string[]> lines =
        [
            ["", one.Label, two.Label, "target", ""],
            ["history rows: checkpoint changes / activities", $"{one.Sizes.Checkpoints:N0} / {one.Sizes.Activities:N0}", $"{two.Sizes.Checkpoints:N0} / {two.Sizes.Activities:N0}", "", ""],
            ["GET /api/board", "", "", "", ""],
            ["  cards / response size", $"{one.Cards:N0} / {one.BoardChars / 1024:N0} KiB", $"{two.Cards:N0} / {two.BoardChars / 1024:N0} KiB", "", ""],
            ["  SQL round trips per request", $"{one.RoundTrips}", $"{two.RoundTrips}", "≤ 2", Check(one.RoundTrips <= 2 && two.RoundTrips <= 2)],
            ["  rows read per request (EXPLAIN ANALYZE)", $"≈{one.RowsRead:N0}", $"≈{two.RowsRead:N0}", "grow with cards", Check(
                two.RowsRead <= one.RowsRead * 1.05 && one.RowsFrom("CheckpointChanges") == 0 && two.RowsFrom("CheckpointChanges") == 0)],
        ];
        foreach (var table in one.Plans.SelectMany(p => p.Tables).Select(t => t.Table).Distinct())
        {
            var access = one.Plans.SelectMany(p => p.Tables).First(t => t.Table == table);
            // EXPLAIN gives rows per loop as a rounded average, so a repeated scan's total is approximate.
            var about = access.Loops > 1 ? "≈" : string.Empty;
            lines.Add([$"    {table} ({access.Access}{(access.Loops > 1 ? $", {access.Loops:N0} loops" : string.Empty)})",
                $"{about}{one.RowsFrom(table):N0}", $"{about}{two.RowsFrom(table):N0}", "", ""]);
        }

        lines.AddRange(
        [
            ["    CheckpointChanges", $"{one.RowsFrom("CheckpointChanges"):N0}", $"{two.RowsFrom("CheckpointChanges"):N0}", "0", ""],
            ["    (activities in the 30-day window, exact)", $"{one.Sizes.ActivitiesInWindow:N0}", $"{two.Sizes.ActivitiesInWindow:N0}", "", ""],
            ["  shared buffers touched", $"{one.Plans.Sum(p => p.SharedBuffers):N0}", $"{two.Plans.Sum(p => p.SharedBuffers):N0}", "", ""],
            ["  database time (one EXPLAIN ANALYZE), app SQL / hand-written", Ms(one.Plans.Sum(p => p.ExecutionMs), one.BaselinePlan.ExecutionMs), Ms(two.Plans.Sum(p => p.ExecutionMs), two.BaselinePlan.ExecutionMs), "", ""],
            ["  server time, app: median / p95", Ms(one.HttpApp.Median, one.HttpApp.P95), Ms(two.HttpApp.Median, two.HttpApp.P95), "", ""],
            ["  server time, hand-written Npgsql: median / p95", Ms(one.HttpBaseline.Median, one.HttpBaseline.P95), Ms(two.HttpBaseline.Median, two.HttpBaseline.P95), "", ""],
            ["  ratio app / hand-written (median)", Ratio(one.HttpApp.Median, one.HttpBaseline.Median), Ratio(two.HttpApp.Median, two.HttpBaseline.Median), "≤ 1.3×",
                Check(one.HttpApp.Median <= 1.3 * one.HttpBaseline.Median && two.HttpApp.Median <= 1.3 * two.HttpBaseline.Median)],
            ["  data layer only (no HTTP/JSON): app / hand-written, median", Ms(one.DataApp.Median, one.DataBaseline.Median), Ms(two.DataApp.Median, two.DataBaseline.Median), "", ""],
            ["  data layer ratio (median)", Ratio(one.DataApp.Median, one.DataBaseline.Median), Ratio(two.DataApp.Median, two.DataBaseline.Median), "", ""],
            ["  data layer allocations per board: app / hand-written", $"{Mb(one.Allocated.App)} / {Mb(one.Allocated.Baseline)} MB", $"{Mb(two.Allocated.App)} / {Mb(two.Allocated.Baseline)} MB", "", ""],
            ["GET /api/insights (after warm-up)", "", "", "", ""],
            ["  SQL round trips per request", $"{one.Insights.RoundTrips}", $"{two.Insights.RoundTrips}", "", ""],
            ["  rows read per request (EXPLAIN ANALYZE)", $"≈{one.Insights.RowsRead:N0}", $"≈{two.Insights.RowsRead:N0}", "grow with deals", Check(
                two.Insights.RowsRead <= one.Insights.RowsRead * 1.05 + 1_000)],
            ["    CheckpointChanges (upward changes of the 8 weeks shown)", $"{one.Insights.RowsFrom("CheckpointChanges"):N0}", $"{two.Insights.RowsFrom("CheckpointChanges"):N0}", "", ""],
            ["    Deals", $"{one.Insights.RowsFrom("Deals"):N0}", $"{two.Insights.RowsFrom("Deals"):N0}", "", ""],
            ["    DealEvents (closes of the 90 days)", $"{one.Insights.RowsFrom("DealEvents"):N0}", $"{two.Insights.RowsFrom("DealEvents"):N0}", "", ""],
            ["  rows read by the run's first request (replays changed deals)", $"≈{one.Insights.FirstRowsRead:N0}", $"≈{two.Insights.FirstRowsRead:N0}", "", ""],
            ["  server time: median / p95", Ms(one.Insights.Timings.Median, one.Insights.Timings.P95), Ms(two.Insights.Timings.Median, two.Insights.Timings.P95), "", ""],
            [$"POST /api/deals/{{id}}/checkpoints ({one.Posts.Timings.Count} sequential)", "", "", "", ""],
            ["  SQL round trips per request", $"{one.Posts.RoundTrips}", $"{two.Posts.RoundTrips}", "", ""],
            ["  median / p95 / max", Ms(one.Posts.Timings.Median, one.Posts.Timings.P95, one.Posts.Timings.Max), Ms(two.Posts.Timings.Median, two.Posts.Timings.P95, two.Posts.Timings.Max), "p95 ≤ 20 ms",
                Check(one.Posts.Timings.P95 <= 20 && two.Posts.Timings.P95 <= 20)],
        ]);

        Console.WriteLine();
        Console.WriteLine($"KeyAccountPipeline benchmark · PostgreSQL {serverInfo} · .NET {Environment.Version} · {Environment.ProcessorCount} CPUs · {RuntimeInformation.OSDescription}");
        Console.WriteLine($"Seeded {seed.People} people, {seed.Accounts} accounts, {seed.Deals:N0} open deals, {seed.Checkpoints:N0} checkpoint changes, " +
            $"{seed.Activities:N0} activities in {seed.Elapsed.TotalSeconds:F1} s (binary COPY, then VACUUM ANALYZE)");
        Console.WriteLine($"Server time: in-process HTTP (TestServer) until the JSON body is read in full; the hand-written board is served by the same host");
        Console.WriteLine($"with the app's JSON options (ahead of its middleware). Board: {one.HttpApp.Count} interleaved rounds after {one.Warmup} warm-up rounds.");
        Console.WriteLine("The app's requests carry a manager's bearer token: its round trips, rows and server time include the session check (decision 0004);");
        Console.WriteLine("the hand-written board, ahead of the app's middleware, is neither authenticated nor session-checked.");
        Console.WriteLine($"Load average at the end: {LoadAverage()} (other work on the machine shows up in the p95s).");
        Console.WriteLine();
        var widths = Enumerable.Range(0, 5).Select(c => lines.Max(l => l[c].Length)).ToArray();
        foreach (var line in lines)
        {
            Console.WriteLine(string.Join("  ", line.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        }

        Console.WriteLine();
        Console.WriteLine(ok ? "All targets met." : "Some targets were MISSED.");
        return ok;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);

    private static string Ms(params double[] values) => string.Join(" / ", values.Select(v => v.ToString("F1", CultureInfo.InvariantCulture))) + " ms";

    private static string Ratio(double a, double b) => (a / b).ToString("F2", CultureInfo.InvariantCulture) + "×";
}
