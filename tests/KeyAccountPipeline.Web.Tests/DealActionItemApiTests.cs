using System.Net;
using System.Net.Http.Json;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Issue 15 §6: action items given on the deal page, not only inside a review — by managers and admins, as in a review;
/// the rep sees theirs on the deal and on "My actions". Runs once on SQLite and once on PostgreSQL.
/// </summary>
public abstract class DealActionItemApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private readonly HttpClient _manager = app.ClientFor(app.Manager);

    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Date);

    private async Task<Guid> NewDealAsync(string customer) =>
        (await _manager.PostOkAsync("/api/deals", app.NewDealBody($"{customer} {Guid.NewGuid():N}")))["id"]!.GetValue<Guid>();

    private Task<int> ItemsAsync(Guid id) => app.QueryAsync(db => db.ActionItems.CountAsync(a => a.DealId == id));

    [Fact]
    public async Task AManagerGivesTheRepAnActionItemOnTheDealThatTheRepSees()
    {
        var id = await NewDealAsync("Action Item Express");

        var response = await _manager.PostAsJsonAsync($"/api/deals/{id}/action-items", new { ownerId = app.Rep.Id, text = "Book the DC walk-through", dueOn = Today.AddDays(7) });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var item = await response.ReadJsonAsync();
        Assert.Equal("Book the DC walk-through", item["text"]!.GetValue<string>());
        Assert.Equal(app.Rep.Id, item["owner"]!["id"]!.GetValue<Guid>());
        Assert.Null(item["reviewId"]);
        var mine = (await app.ClientFor(app.Rep).GetJsonAsync($"/api/action-items?dealId={id}")).AsArray();
        Assert.Equal("Book the DC walk-through", Assert.Single(mine)!["text"]!.GetValue<string>());
    }

    public static TheoryData<string, string> BadItems => new()
    {
        { """{"text":"x","dueOn":"2026-12-01"}""", "ownerId" },
        { """{"ownerId":"00000000-0000-0000-0000-000000000000","text":"x","dueOn":"2026-12-01"}""", "ownerId" },
        { """{"ownerId":"OWNER","dueOn":"2026-12-01"}""", "text" },
        { """{"ownerId":"OWNER","text":"   ","dueOn":"2026-12-01"}""", "text" },
        { """{"ownerId":"OWNER","text":"x"}""", "dueOn" },
        { """{"ownerId":"OWNER","text":"x","dueOn":"2026-01-01"}""", "dueOn" },
        { """{"ownerId":"OWNER","text":"x","dueOn":"9999-12-31"}""", "dueOn" },
        { """{"ownerId":"OWNER","text":"a\u0000b","dueOn":"2026-12-01"}""", "text" },
        { """{"ownerId":"STRANGER","text":"x","dueOn":"2026-12-01"}""", "ownerId" },
    };

    [Theory]
    [MemberData(nameof(BadItems))]
    public async Task BadActionItemsAreRefusedNamingTheFieldAndNothingIsWritten(string body, string field)
    {
        var id = await NewDealAsync("Bad Action Item");

        var response = await _manager.PostAsync($"/api/deals/{id}/action-items", ApiClient.RawJson(
            body.Replace("OWNER", app.Rep.Id.ToString(), StringComparison.Ordinal).Replace("STRANGER", Guid.NewGuid().ToString(), StringComparison.Ordinal)));

        await response.AssertFieldErrorAsync(field);
        Assert.Equal(0, await ItemsAsync(id));
    }

    [Fact]
    public async Task ARepMayNotGiveActionItemsAndAnUnknownDealIsNotFound()
    {
        var id = await NewDealAsync("Rep Action Item");
        var body = new { ownerId = app.Rep.Id, text = "Call the buyer", dueOn = Today.AddDays(3) };

        var rep = await app.ClientFor(app.Rep).PostAsJsonAsync($"/api/deals/{id}/action-items", body);
        var missing = await _manager.PostAsJsonAsync($"/api/deals/{Guid.NewGuid()}/action-items", body);

        Assert.Equal(HttpStatusCode.Forbidden, rep.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(0, await ItemsAsync(id));
    }
}

public sealed class SqliteDealActionItemApiTests(SqliteApp app) : DealActionItemApiTests<SqliteApp>(app);

public sealed class PostgresDealActionItemApiTests(PostgresApp app) : DealActionItemApiTests<PostgresApp>(app);
