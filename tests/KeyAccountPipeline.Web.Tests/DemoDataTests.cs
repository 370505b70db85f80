using System.Text.Json;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Data.Seed;
using KeyAccountPipeline.Domain.Playbooks;
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

    /// <summary>
    /// The story is data (Seed/demo-story.json, embedded in the Data assembly): every person and every deal in it is
    /// written, each deal with its customer, owner, stakeholders (after replacements), activities, ending and the levels
    /// its climb and later checkpoints leave it on.
    /// </summary>
    [Fact]
    public async Task EveryPersonAndDealOfTheStoryIsSeededAsTheStoryTellsIt()
    {
        var story = ReadStory();
        var accounts = story["accounts"]!.AsArray().ToDictionary(a => a!["number"]!.GetValue<int>(), a => a!["name"]!.GetValue<string>());
        var people = await app.QueryAsync(db => db.People.Where(p => p.Email.EndsWith("@" + DemoSeeder.EmailDomain)).ToListAsync());
        Assert.Equal(
            story["people"]!.AsArray().Select(p => $"{p!["login"]}@{DemoSeeder.EmailDomain} {p["name"]} {p["role"]}").Order(),
            people.Select(p => $"{p.Email} {p.Name} {JsonNamingPolicy.CamelCase.ConvertName(p.Role.ToString())}").Order());

        var deals = await app.QueryAsync(db => db.Deals.AsNoTracking().AsSplitQuery()
            .Include(d => d.Account).Include(d => d.Owner).Include(d => d.Stakeholders).Include(d => d.Activities)
            .ToDictionaryAsync(d => d.Id));
        var planned = story["deals"]!.AsArray();
        Assert.Equal(planned.Count, deals.Count);
        foreach (var plan in planned.Select(p => p!))
        {
            var number = plan["number"]!.GetValue<int>();
            var deal = deals[new Guid($"5eed0003-0000-0000-0000-{number:D12}")];
            Assert.Equal(plan["title"]!.GetValue<string>(), deal.Title);
            Assert.Equal(accounts[plan["account"]!.GetValue<int>()], deal.Account!.Name);
            Assert.Equal($"{plan["owner"]}@{DemoSeeder.EmailDomain}", deal.Owner!.Email);
            Assert.Equal(Names(plan), deal.Stakeholders.Select(s => s.Name).Order());
            Assert.Equal(plan["activities"]?.AsArray().Count ?? 0, deal.Activities.Count);
            Assert.Equal(plan["ending"]?["outcome"]?.GetValue<string>() ?? "open", JsonNamingPolicy.CamelCase.ConvertName(deal.Status.ToString()));
            Assert.All(Factors.All, factor => Assert.True(LevelAfter(plan, factor) == deal.Levels[factor],
                $"Deal {number} stands on {factor} {deal.Levels[factor]}, the story leaves it on {LevelAfter(plan, factor)}"));
        }
    }

    private static JsonNode ReadStory()
    {
        using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream("KeyAccountPipeline.Data.Seed.demo-story.json");
        Assert.NotNull(stream);
        return JsonNode.Parse(stream)!;
    }

    private static IEnumerable<string> Names(JsonNode plan)
    {
        var names = plan["stakeholders"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).ToList();
        foreach (var replacement in (plan["replacements"]?.AsArray() ?? []).Select(r => r!))
        {
            names.Remove(replacement["replaces"]!.GetValue<string>());
            names.Add(replacement["by"]!["name"]!.GetValue<string>());
        }

        return names.Order();
    }

    /// <summary>The level of the last later checkpoint on <paramref name="factor"/>, else where the climb ends.</summary>
    private static int LevelAfter(JsonNode plan, Factor factor)
    {
        var key = JsonNamingPolicy.CamelCase.ConvertName(factor.ToString());
        var last = (plan["laterCheckpoints"]?.AsArray() ?? []).Where(c => c!["factor"]!.GetValue<string>() == key)
            .MinBy(c => c!["daysAgo"]!.GetValue<int>());
        return (last?["level"] ?? plan["climbTo"]![key])!.GetValue<int>();
    }

    private Task<(int Deals, int Checkpoints, int Activities, int People)> Counts() =>
        app.QueryAsync(async db => (await db.Deals.CountAsync(), await db.CheckpointChanges.CountAsync(),
            await db.Activities.CountAsync(), await db.People.CountAsync()));
}

public sealed class SqliteDemoDataTests(SqliteApp.WithDemo app) : DemoDataTests<SqliteApp.WithDemo>(app);

public sealed class PostgresDemoDataTests(PostgresApp.WithDemo app) : DemoDataTests<PostgresApp.WithDemo>(app);
