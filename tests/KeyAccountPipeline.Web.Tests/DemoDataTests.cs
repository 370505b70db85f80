using System.Text.Json.Nodes;
using KeyAccountPipeline.Data.Seed;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>The demo a new embedded database starts with: a living board, seeded once.</summary>
public abstract class DemoDataTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private readonly HttpClient _client = app.ClientFor(app.Manager);

    [Fact]
    public async Task TheBoardShowsEveryStageWithStalledBusyRegressedWonLostAndOnHoldDeals()
    {
        var board = await _client.GetJsonAsync("/api/board");

        var columns = board["columns"]!.AsArray();
        Assert.Equal(["discover", "qualify", "access", "solution", "coplan", "commit"],
            columns.Select(c => c!["stage"]!["key"]!.GetValue<string>()));
        Assert.All(columns, c => Assert.True(c!["count"]!.GetValue<int>() > 0, $"{c!["stage"]!["key"]} is empty"));
        var cards = columns.SelectMany(c => c!["deals"]!.AsArray()).ToList();
        Assert.InRange(cards.Count + board["won"]!.AsArray().Count + board["lost"]!.AsArray().Count, 20, 30);
        Assert.Equal(2, board["won"]!.AsArray().Count);
        Assert.Equal(2, board["lost"]!.AsArray().Count);
        Assert.Single(cards, c => c!["status"]!.GetValue<string>() == "onHold");
        Assert.Contains(cards, c => c!["flags"].Strings().Contains("stalled"));
        Assert.Contains(cards, c => c!["flags"].Strings().Contains("busyButStuck"));
        Assert.Contains(cards, c => c!["flags"].Strings().Contains("regressed"));
        Assert.Contains(cards, c => c!["customer"]!.GetValue<string>().Contains("电子", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SeedingTwiceAddsNothing()
    {
        var before = await Counts();

        var seededAgain = await app.Services.GetRequiredService<DemoSeeder>().SeedAsync();

        Assert.False(seededAgain);
        Assert.Equal(before, await Counts());
    }

    [Fact]
    public async Task DemoHistoryIsSpreadOverTheLast120Days()
    {
        var deal = (await _client.GetJsonAsync("/api/deals?status=all")).AsArray()
            .OrderByDescending(c => c!["progress"]!.GetValue<double>()).First()!;
        var history = (await _client.GetJsonAsync($"/api/deals/{deal["id"]}/history")).AsArray();

        var oldest = history.Min(h => DateTimeOffset.Parse(h!["occurredAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        var now = app.Clock.GetUtcNow();
        Assert.InRange((now - oldest).TotalDays, 30, 121);
        Assert.All(history, h => Assert.False(string.IsNullOrWhiteSpace(h!["note"]!.GetValue<string>())));
    }

    private Task<(int Deals, int Checkpoints, int Activities, int People)> Counts() =>
        app.QueryAsync(async db => (await db.Deals.CountAsync(), await db.CheckpointChanges.CountAsync(),
            await db.Activities.CountAsync(), await db.People.CountAsync()));
}

public sealed class SqliteDemoDataTests(SqliteApp.WithDemo app) : DemoDataTests<SqliteApp.WithDemo>(app);

public sealed class PostgresDemoDataTests(PostgresApp.WithDemo app) : DemoDataTests<PostgresApp.WithDemo>(app);
