using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// "Changes since the last review" over whole Shanghai days, the meeting's order and totals, and held reviews with
/// their action items. Tests move the shared clock forward to a day of their own, so a window holds only their changes.
/// </summary>
public abstract class ReviewApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Fact]
    public async Task AChangeAt0700ShanghaiTimeBelongsToThatShanghaiDay()
    {
        var day = MoveToNextDayAt(new TimeOnly(7, 0)); // 23:00 UTC the day before
        Assert.Equal(23, app.Clock.GetUtcNow().UtcDateTime.Hour);
        var id = await DealAsync("Morning Change Logistics", 1_000_000m);
        await CheckpointAsync(id, "need", 1, 1);

        var thatDay = await ChangesAsync(day, day);
        var dayBefore = await ChangesAsync(day.AddDays(-1), day.AddDays(-1));

        var deal = Deal(thatDay, id);
        Assert.Equal(1, deal["advanced"]!.GetValue<int>());
        Assert.Equal("need", deal["changes"]![0]!["factor"]!.GetValue<string>());
        Assert.Null(Find(dayBefore, id));
        Assert.Equal(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Shanghai), thatDay["start"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task AChangeOneSecondBeforeTheWindowStartsIsLeftOut()
    {
        var day = MoveToNextDayAt(new TimeOnly(23, 59, 59));
        var id = await DealAsync("Midnight Edge Freight", 1_000_000m);
        await CheckpointAsync(id, "need", 1, 1);
        app.Clock.Advance(TimeSpan.FromSeconds(1)); // 00:00:00 the next Shanghai day
        await CheckpointAsync(id, "power", 1, 2);

        var changes = await ChangesAsync(day.AddDays(1), null);

        var deal = Deal(changes, id);
        var change = Assert.Single(deal["changes"]!.AsArray())!;
        Assert.Equal("power", change["factor"]!.GetValue<string>());
        Assert.False(deal["isNew"]!.GetValue<bool>());
    }

    [Fact]
    public async Task RegressionsComeFirstThenNewlyStalledThenTheRestByValueWithTheTeamsTotals()
    {
        var day = MoveToNextDayAt(new TimeOnly(9, 0));
        var big = await DealAsync("Order Big Advance", 9_000_000m);
        var small = await DealAsync("Order Small Advance", 1_000_000m);
        var fell = await DealAsync("Order Regressed", 2_000_000m);
        var fellVersion = await CheckpointAsync(fell, "power", 2, 1);
        // Discover stalls after 14 days without an advance: 14 days at the window's start, 15 at its end.
        var stalling = await DealAsync("Order Stalling", 3_000_000m, startedOn: day.AddDays(-13));
        var won = await DealAsync("Order Won", 500_000m);
        app.Clock.Advance(TimeSpan.FromDays(2));
        var manager = app.ClientFor(app.Manager);
        await CheckpointAsync(big, "need", 1, 1);
        await CheckpointAsync(small, "need", 1, 1);
        await manager.PostOkAsync($"/api/deals/{fell}/checkpoints",
            new { factor = "power", level = 1, note = "The COO who met us has left", version = fellVersion });
        await manager.PostOkAsync($"/api/deals/{won}/close", new { outcome = "won", reason = "relationship", version = 1 });
        var created = await DealAsync("Order Brand New", 100_000m);

        var changes = await ChangesAsync(day.AddDays(1), null);

        var mine = new[] { big, small, fell, stalling, won, created };
        var order = changes["deals"]!.AsArray().Select(d => d!["card"]!["id"]!.GetValue<Guid>()).Where(mine.Contains).ToList();
        Assert.Equal([fell, stalling, big, small, won, created], order);
        var regression = Assert.Single(Deal(changes, fell)["changes"]!.AsArray())!;
        Assert.True(regression["regression"]!.GetValue<bool>());
        Assert.Equal((2, 1), (regression["from"]!.GetValue<int>(), regression["to"]!.GetValue<int>()));
        Assert.Equal(app.Manager.Name, regression["by"]!["name"]!.GetValue<string>());
        Assert.Equal("The COO who met us has left", regression["note"]!.GetValue<string>());
        Assert.True(Deal(changes, stalling)["newlyStalled"]!.GetValue<bool>());
        Assert.True(Deal(changes, won)["won"]!.GetValue<bool>());
        Assert.True(Deal(changes, created)["isNew"]!.GetValue<bool>());
        var totals = changes["totals"]!;
        Assert.Equal(2, totals["advanced"]!.GetValue<int>());
        Assert.Equal(1, totals["regressed"]!.GetValue<int>());
        Assert.Equal(1, totals["newDeals"]!.GetValue<int>());
        Assert.Equal(1, totals["won"]!.GetValue<int>());
        Assert.Equal(0, totals["lost"]!.GetValue<int>());
        Assert.Equal(changes["deals"]!.AsArray().Count(d => d!["newlyStalled"]!.GetValue<bool>()), totals["newlyStalled"]!.GetValue<int>());
    }

    [Fact]
    public async Task ADealStalledBeforeTheWindowIsNotNewlyStalled()
    {
        var day = MoveToNextDayAt(new TimeOnly(9, 0));
        var id = await DealAsync("Long Stalled Shipping", 3_000_000m, startedOn: day.AddDays(-40));
        await app.ClientFor(app.Manager).PostOkAsync($"/api/deals/{id}/activities", new { kind = "call", summary = "Still waiting" });
        app.Clock.Advance(TimeSpan.FromDays(1));

        var changes = await ChangesAsync(day.AddDays(1), null);

        Assert.Null(Find(changes, id));
    }

    [Fact]
    public async Task HoldingAReviewGivesOutActionItemsThatShowOnTheDealAndOnTheOwnersList()
    {
        var today = MoveToNextDayAt(new TimeOnly(14, 0));
        var id = await DealAsync("Review Action Cold Chain", 4_000_000m);
        var manager = app.ClientFor(app.Manager);

        var response = await manager.PostAsJsonAsync("/api/reviews", new
        {
            heldOn = today,
            attendees = new[] { app.Manager.Id, app.Rep.Id },
            notes = new[] { new { dealId = id, note = "Decision maker still unknown" } },
            actionItems = new[] { new { dealId = id, ownerId = app.Rep.Id, text = "Ask the contact to introduce the COO", dueOn = today.AddDays(7) } },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var review = await manager.GetJsonAsync(response.Headers.Location!.ToString());
        Assert.Equal("Decision maker still unknown", review["notes"]![0]!["note"]!.GetValue<string>());
        Assert.Equal(2, review["attendees"]!.AsArray().Count);
        var itemId = review["actionItems"]![0]!["id"]!.GetValue<Guid>();
        var mine = (await app.ClientFor(app.Rep).GetJsonAsync("/api/action-items?owner=me")).AsArray();
        var item = Assert.Single(mine, a => a!["id"]!.GetValue<Guid>() == itemId)!;
        Assert.Equal("Ask the contact to introduce the COO", item["text"]!.GetValue<string>());
        Assert.Equal(today, DateOnly.Parse(item["reviewHeldOn"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        var onDeal = (await manager.GetJsonAsync($"/api/action-items?owner=all&dealId={id}")).AsArray();
        Assert.Single(onDeal);
        var changes = await manager.GetJsonAsync("/api/review/changes");
        Assert.Equal(today, DateOnly.Parse(changes["since"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        Assert.Equal(itemId, Deal(changes, id)["openActions"]![0]!["id"]!.GetValue<Guid>());

        var done = await app.ClientFor(app.Rep).PostOkAsync($"/api/action-items/{itemId}/done", new { });

        Assert.False(done["open"]!.GetValue<bool>());
        Assert.Equal(app.Rep.Name, done["doneBy"]!["name"]!.GetValue<string>());
        Assert.DoesNotContain((await app.ClientFor(app.Rep).GetJsonAsync("/api/action-items")).AsArray(), a => a!["id"]!.GetValue<Guid>() == itemId);
    }

    [Fact]
    public async Task ARepMayNotHoldAReview()
    {
        var today = MoveToNextDayAt(new TimeOnly(10, 0));
        var before = await app.QueryAsync(db => db.Reviews.CountAsync());

        var response = await app.ClientFor(app.Rep).PostAsJsonAsync("/api/reviews", new { heldOn = today, attendees = new[] { app.Rep.Id } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await app.QueryAsync(db => db.Reviews.CountAsync()));
    }

    [Fact]
    public async Task AnotherRepMayNotCloseSomeoneElsesActionItemButAManagerMay()
    {
        var today = MoveToNextDayAt(new TimeOnly(10, 0));
        var id = await DealAsync("Someone Else's Action Ltd", 1_000_000m);
        var review = await app.ClientFor(app.Manager).PostOkAsync("/api/reviews", new
        {
            heldOn = today,
            attendees = new[] { app.Manager.Id },
            actionItems = new[] { new { dealId = id, ownerId = app.Rep.Id, text = "Send the quote", dueOn = today } },
        });
        var itemId = review["actionItems"]![0]!["id"]!.GetValue<Guid>();

        var refused = await app.ClientFor(app.OtherRep).PostAsync($"/api/action-items/{itemId}/done", null);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var done = await app.ClientFor(app.Manager).PostOkAsync($"/api/action-items/{itemId}/done", new { });
        Assert.Equal(app.Manager.Name, done["doneBy"]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("attendees")]
    [InlineData("actionItems[0].text")]
    [InlineData("actionItems[0].dueOn")]
    [InlineData("actionItems[0].ownerId")]
    [InlineData("heldOn")]
    public async Task ABrokenReviewIsRefusedNamingTheField(string field)
    {
        var today = MoveToNextDayAt(new TimeOnly(10, 0));
        var id = await DealAsync($"Broken Review {field}", 1_000_000m);
        var item = new
        {
            dealId = id,
            ownerId = field.EndsWith("ownerId", StringComparison.Ordinal) ? Guid.NewGuid() : app.Rep.Id,
            text = field.EndsWith("text", StringComparison.Ordinal) ? " " : "Send the quote",
            dueOn = field.EndsWith("dueOn", StringComparison.Ordinal) ? today.AddDays(-1) : today,
        };

        var response = await app.ClientFor(app.Manager).PostAsJsonAsync("/api/reviews", new
        {
            heldOn = field == "heldOn" ? today.AddDays(1) : today,
            attendees = field == "attendees" ? Array.Empty<Guid>() : [app.Manager.Id],
            actionItems = new[] { item },
        });

        await response.AssertFieldErrorAsync(field);
    }

    [Theory]
    [InlineData("since=2026-13-01", "since")]
    [InlineData("since=2099-01-01", "since")]
    [InlineData("since=2026-06-10&until=2026-06-01", "until")]
    public async Task AWrongWindowIsRefusedNamingTheField(string query, string field)
    {
        var response = await app.ClientFor(app.Manager).GetAsync($"/api/review/changes?{query}");

        await response.AssertFieldErrorAsync(field);
    }

    /// <summary>Moves the clock to <paramref name="time"/> Shanghai time on a day after the clock's, and returns that day.</summary>
    private DateOnly MoveToNextDayAt(TimeOnly time)
    {
        var local = app.Clock.GetUtcNow().ToOffset(Shanghai);
        var day = DateOnly.FromDateTime(local.Date).AddDays(2);
        app.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(time), Shanghai).ToUniversalTime());
        return day;
    }

    private async Task<Guid> DealAsync(string customer, decimal annualValue, DateOnly? startedOn = null)
    {
        var card = await app.ClientFor(app.Manager).PostOkAsync("/api/deals", new
        {
            customer = $"{customer} {Guid.NewGuid():N}", industry = "Retail", title = "Regional DC", serviceLine = "warehousing",
            ownerId = app.Rep.Id, annualValue, targetCloseDate = new DateOnly(2028, 1, 31), startedOn,
        });
        return card["id"]!.GetValue<Guid>();
    }

    /// <summary>Records a change and returns the deal's new version.</summary>
    private async Task<int> CheckpointAsync(Guid id, string factor, int level, int version)
    {
        var card = await app.ClientFor(app.Manager).PostOkAsync($"/api/deals/{id}/checkpoints",
            new { factor, level, note = "Confirmed on site", version });
        return card["version"]!.GetValue<int>();
    }

    private Task<JsonNode> ChangesAsync(DateOnly since, DateOnly? until) => app.ClientFor(app.Manager).ReviewChangesAsync(since, until);

    private static JsonNode? Find(JsonNode changes, Guid id) => changes.ReviewedDeal(id);

    private static JsonNode Deal(JsonNode changes, Guid id) =>
        Find(changes, id) ?? throw new Xunit.Sdk.XunitException($"Deal {id} is not in the review's list: {changes.ToJsonString()[..Math.Min(400, changes.ToJsonString().Length)]}");
}

public sealed class SqliteReviewApiTests(SqliteApp app) : ReviewApiTests<SqliteApp>(app);

public sealed class PostgresReviewApiTests(PostgresApp app) : ReviewApiTests<PostgresApp>(app);
