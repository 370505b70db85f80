using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Reviews;
using KeyAccountPipeline.Domain.Time;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KeyAccountPipeline.Benchmarks;

/// <summary>
/// "Changes since the last review" and the insights page on the seeded pipeline (target: p95 ≤ 200 ms each):
/// <see cref="ReviewQueries.ChangesSinceAsync"/> for a 7-day window, timed in the app's process, plus the JSON the endpoint
/// would write; GET /api/insights after its warm-up; and for both the rows one call reads (EXPLAIN ANALYZE of every
/// command it sends). Measured at the seeded history, then with --history N at N times it (older changes and activities
/// added before the existing ones, so the window and the deals stay as they were). Run with <c>scripts/bench.sh --review</c>
/// (or scripts/bench-scale.sh); prints median and p95 and exits 1 over target.
/// </summary>
internal static class ReviewBench
{
    private const double TargetMs = 200;

    public static async Task<int> RunAsync(BenchApp app, HttpClient client, NpgsqlDataSource dataSource, Seeder seeder, BenchProgram.Options options,
        int checkpointsPerDeal, int activitiesPerDeal, int warmup = 10, int rounds = 30)
    {
        var one = await MeasureAsync(app, client, dataSource, options, "history ×1", warmup, rounds);
        var met = one.Met;
        if (options.History > 1)
        {
            var times = options.History - 1;
            Console.WriteLine($"Adding {times}× the history, dated before the existing one (+{times * checkpointsPerDeal} checkpoint changes and +{times * activitiesPerDeal} activities a deal)...");
            var more = await seeder.AddOlderHistoryAsync(times * checkpointsPerDeal, times * activitiesPerDeal);
            Console.WriteLine($"  done in {more.Elapsed.TotalSeconds:F1} s");
            var many = await MeasureAsync(app, client, dataSource, options, $"history ×{options.History}", warmup, rounds);
            // Rows read independent of the history: at most a little more (the same window, the same deals) at N times it.
            var flat = many.ReviewRows <= one.ReviewRows * 1.05 + 1_000 && many.InsightsRows <= one.InsightsRows * 1.05 + 1_000;
            Console.WriteLine($"Rows read, history ×1 → ×{options.History}: changes since {one.ReviewRows:N0} → {many.ReviewRows:N0}, insights {one.InsightsRows:N0} → {many.InsightsRows:N0}" +
                $" (independent of the history: {(flat ? "met" : "MISSED")})");
            ScaleRun.Add($"(d) review, ×1 → ×{options.History} history", "rows read: changes since; insights",
                $"{one.ReviewRows:N0} → {many.ReviewRows:N0}; {one.InsightsRows:N0} → {many.InsightsRows:N0}", "independent of history (≤ +5 %)", flat);
            met &= many.Met && flat;
        }

        return met ? 0 : 1;
    }

    private sealed record Measured(bool Met, long ReviewRows, long InsightsRows);

    private static async Task<Measured> MeasureAsync(BenchApp app, HttpClient client, NpgsqlDataSource dataSource, BenchProgram.Options options, string label,
        int warmup, int rounds)
    {
        var queries = app.Services.GetRequiredService<ReviewQueries>();
        var calendar = app.Services.GetRequiredService<OrgCalendar>();
        var since = calendar.Today.AddDays(-7);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };
        for (var i = 0; i < warmup; i++)
        {
            await queries.ChangesSinceAsync(since);
        }

        // Rows read: every command one warm call sends, run again under EXPLAIN ANALYZE.
        app.Commands.Start();
        await queries.ChangesSinceAsync(since);
        var plans = new List<QueryPlan>();
        foreach (var command in app.Commands.Stop().Where(c => c.Sql != SqlCommandLog.Commit))
        {
            plans.Add(await QueryPlan.ExplainAsync(dataSource, command));
        }

        var data = new Timings("ChangesSinceAsync");
        var withJson = new Timings("JSON");
        var total = new Timings("query + JSON");
        ReviewChanges result = null!;
        var size = 0;
        for (var i = 0; i < rounds; i++)
        {
            await total.TimeAsync(async () =>
            {
                result = await data.TimeAsync(() => queries.ChangesSinceAsync(since));
                size = await withJson.TimeAsync(async () =>
                {
                    await using var stream = new MemoryStream();
                    await JsonSerializer.SerializeAsync(stream, result, json);
                    return (int)stream.Length;
                });
                return 0;
            });
        }

        // For comparison: the board's one-row-per-deal read that the review builds on (every deal's flags now).
        var deals = app.Services.GetRequiredService<DealQueries>();
        var cards = new Timings("CardsAsync");
        for (var i = 0; i < rounds; i++)
        {
            await cards.TimeAsync(() => deals.CardsAsync(new DealFilter(AllStatuses: true)));
        }

        var insights = await BenchProgram.MeasureInsightsAsync(app, client, dataSource, options);

        await using var count = dataSource.CreateCommand("""
            SELECT (SELECT count(*) FROM "Deals"), (SELECT count(*) FROM "CheckpointChanges"), (SELECT count(*) FROM "CheckpointChanges" WHERE "RecordedAt" >= $1)
            """);
        count.Parameters.Add(new NpgsqlParameter { Value = calendar.StartOfDay(since) });
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (dealCount, changes, inWindow) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        var t = result.Totals;
        var rowsRead = plans.Sum(p => p.RowsRead);
        var reviewMet = total.P95 <= TargetMs;
        var insightsMet = insights.Timings.P95 <= TargetMs;
        Console.WriteLine();
        Console.WriteLine($"Review \"changes since\" ({label}) · {dealCount:N0} deals · {changes:N0} checkpoint changes · window {since:yyyy-MM-dd} to today " +
            $"({inWindow:N0} changes recorded in it) · {rounds} runs after {warmup} warm-up");
        Console.WriteLine($"  deals listed {result.Deals.Count:N0}; advanced {t.Advanced:N0}, regressed {t.Regressed:N0}, new {t.NewDeals}, won {t.Won}, lost {t.Lost}, " +
            $"newly stalled {t.NewlyStalled}, newly busy but stuck {t.NewlyBusyButStuck}; JSON {size / 1024:N0} KiB");
        Console.WriteLine($"  SQL commands {plans.Count}, rows read (EXPLAIN ANALYZE) ≈{rowsRead:N0}: " +
            string.Join(", ", plans.SelectMany(p => p.Tables).GroupBy(r => r.Table).Select(g => $"{g.Key} {g.Sum(r => r.Rows):N0}")));
        Console.WriteLine($"  ChangesSinceAsync median / p95 / max: {Ms(data.Median)} / {Ms(data.P95)} / {Ms(data.Max)} ms");
        Console.WriteLine($"  of which the cards of all deals (DealQueries.CardsAsync) median / p95: {Ms(cards.Median)} / {Ms(cards.P95)} ms");
        Console.WriteLine($"  JSON serialization median / p95: {Ms(withJson.Median)} / {Ms(withJson.P95)} ms");
        Console.WriteLine($"  server time (query + JSON) median / p95: {Ms(total.Median)} / {Ms(total.P95)} ms   target p95 ≤ {TargetMs} ms: {(reviewMet ? "met" : "MISSED")}");
        Console.WriteLine($"GET /api/insights ({label}): SQL commands {insights.RoundTrips}, rows read ≈{insights.RowsRead:N0} " +
            $"(the run's first request ≈{insights.FirstRowsRead:N0}); median / p95 {Ms(insights.Timings.Median)} / {Ms(insights.Timings.P95)} ms over {insights.Timings.Count}" +
            $"   target p95 ≤ {TargetMs} ms: {(insightsMet ? "met" : "MISSED")}");

        var section = $"(d) review, {label} ({changes:N0} changes)";
        ScaleRun.Add(section, "changes since (7 days): query + JSON median / p95", $"{Ms(total.Median)} / {Ms(total.P95)} ms", $"p95 ≤ {TargetMs:F0} ms", reviewMet);
        ScaleRun.Add(section, "changes since: rows read (EXPLAIN ANALYZE)", $"≈{rowsRead:N0} in {plans.Count} commands");
        ScaleRun.Add(section, "GET /api/insights median / p95", $"{Ms(insights.Timings.Median)} / {Ms(insights.Timings.P95)} ms", $"p95 ≤ {TargetMs:F0} ms", insightsMet);
        ScaleRun.Add(section, "GET /api/insights: rows read (warm / first request)", $"≈{insights.RowsRead:N0} / ≈{insights.FirstRowsRead:N0}");
        return new Measured(reviewMet && insightsMet, rowsRead, insights.RowsRead);
    }

    private static string Ms(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
