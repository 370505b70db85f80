using System.Text.Json.Nodes;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Signals;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// The shared board (docs/decisions/0039-shared-board-snapshot.md): one per instance, kept current from change notifications,
/// reconciled against the database when a notification is lost, filtered in memory as the database filters, and answering a
/// client's read after its own write with that write. Runs once on SQLite and once on PostgreSQL.
/// </summary>
public abstract class SharedBoardTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    /// <summary>Longer than the reconciliation's interval (5 s by default) with room for a slow machine.</summary>
    private static readonly TimeSpan Reconciled = TimeSpan.FromSeconds(30);

    private readonly HttpClient _manager = app.ClientFor(app.Manager);

    [Fact]
    public async Task AChangeWhoseNotificationWasLostIsOnTheBoardWithinSeconds()
    {
        var id = await CreateDealAsync("Lost Notice Warehousing");
        Assert.Equal("Lost Notice Warehousing", Card(await _manager.GetJsonAsync("/api/board"), id)!["customer"]!.GetValue<string>());

        // Committed like any write (the version goes up), but nobody is told: a crash between commit and notify.
        await app.QueryAsync(db => db.Deals.Where(d => d.Id == id)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.Title, "Renamed unannounced").SetProperty(x => x.Version, x => x.Version + 1)));

        var seen = await EventuallyAsync(async () => Card(await _manager.GetJsonAsync("/api/board"), id)!["title"]!.GetValue<string>() == "Renamed unannounced");
        Assert.True(seen, $"The board did not show a change made without a notification within {Reconciled.TotalSeconds} s");
    }

    [Fact]
    public async Task AnActivityWhoseNotificationWasLostCountsOnTheBoardWithinSeconds()
    {
        var id = await CreateDealAsync("Lost Activity Freight");
        Assert.Empty(Card(await _manager.GetJsonAsync("/api/board"), id)!["flags"]!.AsArray());
        var snapshot = app.Services.GetRequiredService<BoardSnapshot>();

        var heard = new TaskCompletionSource();
        snapshot.Changed += change =>
        {
            if (change.DealId == id)
            {
                heard.TrySetResult();
            }
        };

        // Activities bump no version: the reconciliation finds them by when they were recorded.
        await app.QueryAsync(async db =>
        {
            var deal = await db.Deals.SingleAsync(d => d.Id == id);
            for (var i = 0; i < 6; i++)
            {
                deal.LogActivity(ActivityKind.Call, app.Clock.GetUtcNow(), $"Call {i}", app.Manager.Id, app.Clock.GetUtcNow(), Calendar());
            }

            return await db.SaveChangesAsync();
        });

        await heard.Task.WaitAsync(Reconciled);
        var flags = Card(await _manager.GetJsonAsync("/api/board"), id)!["flags"]!.AsArray().Select(f => f!.GetValue<string>());
        Assert.Contains("busyButStuck", flags);
    }

    [Fact]
    public async Task ASaveIsOnTheBoardBeforeItsAnswerComesBack()
    {
        var id = await CreateDealAsync("Read Your Write Logistics");
        await _manager.GetJsonAsync("/api/board");
        for (var level = 1; level <= 4; level++)
        {
            var saved = await _manager.PostOkAsync($"/api/deals/{id}/checkpoints", new { factor = "need", level, note = $"Level {level}", version = level });
            var card = Card(await _manager.GetJsonAsync("/api/board"), id)!;
            Assert.Equal(saved["version"]!.GetValue<int>(), card["version"]!.GetValue<int>());
            Assert.Equal(level, card["levels"]!["need"]!.GetValue<int>());
        }
    }

    public static TheoryData<string> Filters => new()
    {
        "owner", "industry", "industryWide", "serviceLine", "query", "queryOwner", "queryWide", "flag", "weakest", "stage", "everything",
    };

    /// <summary>The board's filters work on the cards in memory; they must pick exactly the cards the database's query picks.</summary>
    [Theory]
    [MemberData(nameof(Filters))]
    public async Task AFilterOnTheSharedBoardPicksTheCardsTheDatabasePicks(string name)
    {
        await CreateDealAsync("Ｆｕｌｌ Ｗｉｄｔｈ Cold Chain", industry: "ＩＴ");
        await CreateDealAsync("full width cold chain two", industry: "it");
        var filter = name switch
        {
            "owner" => new DealFilter(OwnerId: app.Rep.Id),
            "industry" => new DealFilter(Industry: "IT"),
            "industryWide" => new DealFilter(Industry: "ｉｔ "),
            "serviceLine" => new DealFilter(ServiceLine: ServiceLine.Warehousing),
            "query" => new DealFilter(Query: "COLD chain"),
            "queryOwner" => new DealFilter(Query: "li na"),
            "queryWide" => new DealFilter(Query: "ｆｕｌｌ  width"),
            "flag" => new DealFilter(Flag: Flag.Stalled),
            "weakest" => new DealFilter(Weakest: Factor.Power),
            "stage" => new DealFilter(Stage: "discover"),
            _ => new DealFilter(OwnerId: app.Rep.Id, Query: "cold", Industry: "it", ServiceLine: ServiceLine.Transport),
        };

        var shared = await app.Services.GetRequiredService<BoardSnapshot>().ViewAsync(filter);
        var queried = await app.Services.GetRequiredService<DealQueries>().BoardAsync(filter);

        Assert.Equal(queried.Cards.Select(c => c.Id).Order(), shared.Board.Cards.Select(c => c.Id).Order());
        Assert.Equal(queried.Columns.Select(c => c.Deals.Select(d => d.Id)), shared.Board.Columns.Select(c => c.Deals.Select(d => d.Id)));
    }

    private Domain.Time.OrgCalendar Calendar() => app.Services.GetRequiredService<Domain.Time.OrgCalendar>();

    private async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + Reconciled;
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    private async Task<Guid> CreateDealAsync(string customer, string industry = "Retail")
    {
        var card = await _manager.PostOkAsync("/api/deals", new
        {
            customer, industry, title = "Transport contract", serviceLine = "transport", annualValue = 1_000_000m,
            targetCloseDate = PipelineApp.StartDate.AddMonths(6), ownerId = app.Rep.Id,
        });
        return card["id"]!.GetValue<Guid>();
    }

    internal static JsonNode? Card(JsonNode board, Guid id) =>
        board["columns"]!.AsArray().SelectMany(c => c!["deals"]!.AsArray()).Concat(board["won"]!.AsArray()).Concat(board["lost"]!.AsArray())
            .FirstOrDefault(c => c!["id"]!.GetValue<Guid>() == id);
}

public sealed class SqliteSharedBoardTests(SqliteApp app) : SharedBoardTests<SqliteApp>(app);

public sealed class PostgresSharedBoardTests(PostgresApp app) : SharedBoardTests<PostgresApp>(app);

/// <summary>
/// Time passing changes the board without any change (a deal becomes stalled when the organisation's day turns: METHOD.md,
/// signals): the shared board re-reads itself when the day turns and tells its pages. Its own app: the clock moves.
/// </summary>
public abstract class SharedBoardClockTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    [Fact]
    public async Task ADealBecomesStalledOnTheBoardWhenTheDayTurnsWithoutAnyChange()
    {
        var manager = app.ClientFor(app.Manager);
        var card = await manager.PostOkAsync("/api/deals", new
        {
            customer = "Midnight Stall Logistics", industry = "Retail", title = "Transport", serviceLine = "transport", annualValue = 1_000_000m,
            targetCloseDate = PipelineApp.StartDate.AddYears(1), ownerId = app.Rep.Id,
        });
        var id = card["id"]!.GetValue<Guid>();
        var snapshot = app.Services.GetRequiredService<BoardSnapshot>();
        Assert.DoesNotContain(Flag.Stalled, (await snapshot.BoardAsync()).Cards.Single(c => c.Id == id).Flags);

        var turned = new TaskCompletionSource();
        snapshot.Changed += change =>
        {
            if (change.Kind == PipelineChangeKind.Anything)
            {
                turned.TrySetResult();
            }
        };
        app.Clock.Advance(TimeSpan.FromDays(90));

        // Pages are told (they redraw from the re-read board) without anyone reading first.
        await turned.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(Flag.Stalled, (await snapshot.BoardAsync()).Cards.Single(c => c.Id == id).Flags);
        var board = await manager.GetJsonAsync("/api/board");
        Assert.Contains("stalled", SharedBoardTests<TApp>.Card(board, id)!["flags"]!.AsArray().Select(f => f!.GetValue<string>()));
    }
}

public sealed class SqliteSharedBoardClockTests(SqliteApp app) : SharedBoardClockTests<SqliteApp>(app);

public sealed class PostgresSharedBoardClockTests(PostgresApp app) : SharedBoardClockTests<PostgresApp>(app);
