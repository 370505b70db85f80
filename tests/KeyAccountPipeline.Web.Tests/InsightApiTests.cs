using System.Net;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Web.Tests.Infrastructure;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// GET /api/insights on a data set small enough to work out by hand; runs once on SQLite and once on PostgreSQL.
/// The numbers are global, so one test builds the whole set and checks every part of the answer.
/// </summary>
public abstract class InsightApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private readonly HttpClient _manager = app.ClientFor(app.Manager);

    [Fact]
    public async Task RepsAreRefusedTheInsights()
    {
        var response = await app.ClientFor(app.Rep).GetAsync("/api/insights");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task InsightsAddUpOnAKnownPipeline()
    {
        // Lost on the first day, then 100 days pass: outside the 90-day window; its Discover stay lasted 0 days.
        var old = await CreateAsync("Old Harbour Lost", 1_000_000m, startedOn: null);
        await CloseAsync(old, "lost", "competitor");
        app.Clock.Advance(TimeSpan.FromDays(100));
        var today = PipelineApp.StartDate.AddDays(100); // 2026-09-23, a Wednesday

        // A climbs: Discover 10 days, Qualify 10 days, in Reach the decision maker since.
        var a = await CreateAsync("Heat A Logistics", 2_000_000m, today.AddDays(-40));
        a = await RecordAsync(a, "need", 3, today.AddDays(-30));
        a = await RecordAsync(a, "power", 1, today.AddDays(-30));
        a = await RecordAsync(a, "power", 3, today.AddDays(-20));
        await RecordAsync(a, "goal", 2, today.AddDays(-20));

        // B: one step 16 days ago, still at Discover, which allows 14 days: stalled.
        var b = await CreateAsync("Heat B Cold Chain", 500_000m, today.AddDays(-30));
        await RecordAsync(b, "need", 1, today.AddDays(-16));

        // Won after 20 days at Discover, lost after 6.
        await CloseAsync(await CreateAsync("Won Port Services", 3_000_000m, today.AddDays(-20)), "won", "relationship");
        await CloseAsync(await CreateAsync("Lost Parts Depot", 700_000m, today.AddDays(-6)), "lost", "price");

        var insights = await _manager.GetJsonAsync("/api/insights");

        Assert.Equal("2026-09-23", insights["today"]!.GetValue<string>());

        var heat = insights["heatMap"]!.AsArray();
        Assert.Equal(["Heat B Cold Chain", "Heat A Logistics"], heat.Select(r => r!["customer"]!.GetValue<string>()));
        Assert.Equal([3, 3, 2, 0, 0], Levels(heat[1]!));
        Assert.Equal([1, 0, 0, 0, 0], Levels(heat[0]!));
        Assert.Equal("access", heat[1]!["stage"]!["key"]!.GetValue<string>());

        var factors = insights["factors"]!.AsArray();
        Assert.Equal([5, 6, 5, 5, 5], factors.Select(f => f!["max"]!.GetValue<int>()));
        Assert.Equal([2.0, 1.5, 1.0, 0.0, 0.0], factors.Select(f => f!["averageLevel"]!.GetValue<double>()));
        Assert.Equal([0.4, 0.25, 0.2, 0.0, 0.0], factors.Select(f => f!["averageShare"]!.GetValue<double>()));
        Assert.Equal("value", insights["weakestFactor"]!.GetValue<string>()); // tied with collaboration, which comes later

        var funnel = insights["funnel"]!.AsArray();
        Assert.Equal(["discover", "qualify", "access", "solution", "coplan", "commit"], funnel.Select(s => s!["stage"]!["key"]!.GetValue<string>()));
        Assert.Equal([1, 0, 1, 0, 0, 0], funnel.Select(s => s!["count"]!.GetValue<int>()));
        Assert.Equal([500_000m, 0m, 2_000_000m, 0m, 0m, 0m], funnel.Select(s => s!["annualValue"]!.GetValue<decimal>()));

        var closed = insights["closed"]!;
        Assert.Equal(90, closed["days"]!.GetValue<int>());
        Assert.Equal(today.AddDays(-89).ToString("yyyy-MM-dd"), closed["since"]!.GetValue<string>());
        Assert.Equal(1, closed["won"]!["count"]!.GetValue<int>());
        Assert.Equal(3_000_000m, closed["won"]!["annualValue"]!.GetValue<decimal>());
        Assert.Equal("relationship", Assert.Single(closed["won"]!["reasons"]!.AsArray())!["reason"]!.GetValue<string>());
        Assert.Equal(1, closed["lost"]!["count"]!.GetValue<int>());
        var lostReason = Assert.Single(closed["lost"]!["reasons"]!.AsArray())!;
        Assert.Equal(("price", 1), (lostReason["reason"]!.GetValue<string>(), lostReason["count"]!.GetValue<int>()));

        // Finished Discover stays: 0 (old), 6 (lost), 10 (A), 20 (won) → median 8. Qualify: A's 10 days. Nobody has left Reach yet.
        var stageDays = insights["stageDays"]!.AsArray();
        Assert.Equal((8.0, 4), Median(stageDays[0]!));
        Assert.Equal((10.0, 1), Median(stageDays[1]!));
        Assert.Null(stageDays[2]!["medianDays"]);
        Assert.Equal(0, stageDays[2]!["stays"]!.GetValue<int>());

        // Eight weeks from Monday 3 August to this week's Monday 21 September. A gained 4 levels on Monday 24 August
        // (week 4) and 4 on Thursday 3 September (week 5); B gained 1 on Monday 7 September (week 6).
        var weeks = insights["weeks"]!.AsArray().Select(w => w!.GetValue<string>()).ToList();
        Assert.Equal(8, weeks.Count);
        Assert.Equal(("2026-08-03", "2026-09-21"), (weeks[0], weeks[^1]));
        var reps = insights["reps"]!.AsArray();
        var rep = reps.Single(r => r!["person"]!["id"]!.GetValue<Guid>() == app.Rep.Id)!;
        Assert.Equal([0, 0, 0, 4, 4, 1, 0, 0], rep["advancedPerWeek"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal((2, 1), (rep["openDeals"]!.GetValue<int>(), rep["stalled"]!.GetValue<int>()));
        var other = reps.Single(r => r!["person"]!["id"]!.GetValue<Guid>() == app.OtherRep.Id)!;
        Assert.Equal((0, 0), (other["openDeals"]!.GetValue<int>(), other["stalled"]!.GetValue<int>()));
        Assert.DoesNotContain(reps, r => r!["person"]!["id"]!.GetValue<Guid>() == app.Admin.Id);
    }

    private static int[] Levels(JsonNode row) =>
        new[] { "need", "power", "goal", "value", "collaboration" }.Select(f => row["levels"]![f]!.GetValue<int>()).ToArray();

    private static (double, int) Median(JsonNode stage) => (stage["medianDays"]!.GetValue<double>(), stage["stays"]!.GetValue<int>());

    private async Task<JsonNode> CreateAsync(string customer, decimal annualValue, DateOnly? startedOn) =>
        await _manager.PostOkAsync("/api/deals", new
        {
            customer, industry = "Retail", region = "East China", title = "Regional distribution", serviceLine = "distribution",
            ownerId = app.Rep.Id, annualValue, targetCloseDate = new DateOnly(2027, 6, 30), startedOn,
        });

    /// <summary>A change that happened at 10:00 Shanghai time on <paramref name="day"/>.</summary>
    private async Task<JsonNode> RecordAsync(JsonNode card, string factor, int level, DateOnly day)
    {
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        return await _manager.PostOkAsync($"/api/deals/{card["id"]}/checkpoints", new
        {
            factor, level, note = "Confirmed in the meeting", version = card["version"]!.GetValue<int>(),
            occurredAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)),
        });
    }

    private Task<JsonNode> CloseAsync(JsonNode card, string outcome, string reason) =>
        _manager.PostOkAsync($"/api/deals/{card["id"]}/close", new { outcome, reason, version = card["version"]!.GetValue<int>() });
}

public sealed class SqliteInsightApiTests(SqliteApp app) : InsightApiTests<SqliteApp>(app);

public sealed class PostgresInsightApiTests(PostgresApp app) : InsightApiTests<PostgresApp>(app);
