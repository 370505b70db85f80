using System.Diagnostics;
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
/// "Changes since the last review" on the seeded pipeline (target: ≤ 200 ms for 2,000 deals and 200,000 history
/// rows): <see cref="ReviewQueries.ChangesSinceAsync"/> for a 7-day window, timed in the app's process, plus the JSON
/// the endpoint would write. Run with <c>scripts/bench.sh --review</c>; prints median and p95 and exits 1 over target.
/// </summary>
internal static class ReviewBench
{
    private const double TargetMs = 200;

    public static async Task<int> RunAsync(BenchApp app, NpgsqlDataSource dataSource, int warmup = 10, int rounds = 30)
    {
        var queries = app.Services.GetRequiredService<ReviewQueries>();
        var calendar = app.Services.GetRequiredService<OrgCalendar>();
        var since = calendar.Today.AddDays(-7);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };
        for (var i = 0; i < warmup; i++)
        {
            await queries.ChangesSinceAsync(since);
        }

        var data = new Timings("ChangesSinceAsync");
        var withJson = new Timings("JSON");
        var total = new List<double>();
        ReviewChanges result = null!;
        var size = 0;
        for (var i = 0; i < rounds; i++)
        {
            var start = Stopwatch.GetTimestamp();
            result = await data.TimeAsync(() => queries.ChangesSinceAsync(since));
            size = await withJson.TimeAsync(async () =>
            {
                await using var stream = new MemoryStream();
                await JsonSerializer.SerializeAsync(stream, result, json);
                return (int)stream.Length;
            });
            total.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        // For comparison: the board's one-row-per-deal read that the review builds on (every deal's flags now).
        var deals = app.Services.GetRequiredService<DealQueries>();
        var cards = new Timings("CardsAsync");
        for (var i = 0; i < rounds; i++)
        {
            await cards.TimeAsync(() => deals.CardsAsync(new DealFilter(AllStatuses: true)));
        }

        total.Sort();
        var totalMedian = total[(total.Count - 1) / 2];
        var totalP95 = total[Math.Clamp((int)Math.Ceiling(0.95 * total.Count) - 1, 0, total.Count - 1)];

        await using var count = dataSource.CreateCommand("""
            SELECT (SELECT count(*) FROM "Deals"), (SELECT count(*) FROM "CheckpointChanges"), (SELECT count(*) FROM "CheckpointChanges" WHERE "RecordedAt" >= $1)
            """);
        count.Parameters.Add(new NpgsqlParameter { Value = calendar.StartOfDay(since) });
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        var t = result.Totals;
        Console.WriteLine();
        Console.WriteLine($"Review \"changes since\" · {reader.GetInt64(0):N0} deals · {reader.GetInt64(1):N0} checkpoint changes · window {since:yyyy-MM-dd} to today " +
            $"({reader.GetInt64(2):N0} changes recorded in it) · {rounds} runs after {warmup} warm-up");
        Console.WriteLine($"  deals listed {result.Deals.Count:N0}; advanced {t.Advanced:N0}, regressed {t.Regressed:N0}, new {t.NewDeals}, won {t.Won}, lost {t.Lost}, " +
            $"newly stalled {t.NewlyStalled}, newly busy but stuck {t.NewlyBusyButStuck}; JSON {size / 1024:N0} KiB");
        Console.WriteLine($"  ChangesSinceAsync median / p95 / max: {Ms(data.Median)} / {Ms(data.P95)} / {Ms(data.Max)} ms");
        Console.WriteLine($"  of which the cards of all deals (DealQueries.CardsAsync) median / p95: {Ms(cards.Median)} / {Ms(cards.P95)} ms");
        Console.WriteLine($"  JSON serialization median / p95: {Ms(withJson.Median)} / {Ms(withJson.P95)} ms");
        Console.WriteLine($"  server time (query + JSON) median / p95: {Ms(totalMedian)} / {Ms(totalP95)} ms   target ≤ {TargetMs} ms: " +
            (totalP95 <= TargetMs ? "ok" : "MISSED"));
        return totalP95 <= TargetMs ? 0 : 1;
    }

    private static string Ms(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
