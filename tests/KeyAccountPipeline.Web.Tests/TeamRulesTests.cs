using System.Net;
using System.Net.Http.Json;
using KeyAccountPipeline.Web.Tests.Infrastructure;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>What the signed-in person's role means for a deal's history: who is recorded, who may coach and reassign.</summary>
public abstract class TeamRulesTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    [Fact]
    public async Task ARepsNewDealWithoutAnOwnerIsTheirOwnAndTheirChangesAreRecordedAsTheirs()
    {
        var rep = app.ClientFor(app.Rep);
        var card = await rep.PostOkAsync("/api/deals", new
        {
            customer = $"Own Deal Logistics {Guid.NewGuid():N}", industry = "Retail", title = "Returns centre", serviceLine = "warehousing",
            annualValue = 2_000_000m, targetCloseDate = new DateOnly(2027, 1, 31),
        });
        Assert.Equal(app.Rep.Id, card["owner"]!["id"]!.GetValue<Guid>());
        var id = card["id"]!.GetValue<Guid>();

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await rep.PostOkAsync($"/api/deals/{id}/checkpoints", new { factor = "need", level = 1, note = "Stated request on file", version = 1 });
        await rep.PostOkAsync($"/api/deals/{id}/activities", new { kind = "visit", summary = "Site visit" });

        var timeline = (await rep.GetJsonAsync($"/api/deals/{id}/timeline")).AsArray();
        Assert.All(timeline, entry => Assert.Equal(app.Rep.Name, entry!["by"]!["name"]!.GetValue<string>()));
        Assert.Equal(3, timeline.Count);
    }

    [Fact]
    public async Task ACoachingNoteShowsOnTheDealWithItsAuthorAndLeavesTheVersionAlone()
    {
        var id = await DealOfRepAsync();

        var response = await app.ClientFor(app.Manager).PostAsJsonAsync($"/api/deals/{id}/coaching", new { text = "Ask for the CFO meeting this week" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var timeline = (await app.ClientFor(app.Rep).GetJsonAsync($"/api/deals/{id}/timeline")).AsArray();
        var note = Assert.Single(timeline, e => e!["event"]?["kind"]?.GetValue<string>() == "coachingNote")!;
        Assert.Equal("Ask for the CFO meeting this week", note["event"]!["note"]!.GetValue<string>());
        Assert.Equal(app.Manager.Name, note["by"]!["name"]!.GetValue<string>());
        Assert.Equal(1, (await app.ClientFor(app.Rep).GetJsonAsync($"/api/deals/{id}"))["card"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task AnEmptyCoachingNoteIsRefusedNamingTheField()
    {
        var id = await DealOfRepAsync();

        var response = await app.ClientFor(app.Manager).PostAsJsonAsync($"/api/deals/{id}/coaching", new { text = " " });

        await response.AssertFieldErrorAsync("text");
    }

    [Fact]
    public async Task AfterReassigningTheNewOwnerMayWorkOnTheDealAndThePreviousOneMayNot()
    {
        var id = await DealOfRepAsync();

        var card = await app.ClientFor(app.Manager).PostOkAsync($"/api/deals/{id}/owner", new { ownerId = app.OtherRep.Id, version = 1 });

        Assert.Equal(app.OtherRep.Id, card["owner"]!["id"]!.GetValue<Guid>());
        var refused = await app.ClientFor(app.Rep).PostAsJsonAsync($"/api/deals/{id}/activities", new { kind = "call", summary = "Follow-up" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await app.ClientFor(app.OtherRep).PostOkAsync($"/api/deals/{id}/activities", new { kind = "call", summary = "Introduced myself" });
        var timeline = (await app.ClientFor(app.Manager).GetJsonAsync($"/api/deals/{id}/timeline")).AsArray();
        Assert.Contains(timeline, e => e!["event"]?["kind"]?.GetValue<string>() == "ownerChanged");
    }

    [Fact]
    public async Task ReassigningToAnUnknownPersonIsRefusedNamingTheOwner()
    {
        var id = await DealOfRepAsync();

        var response = await app.ClientFor(app.Manager).PostAsJsonAsync($"/api/deals/{id}/owner", new { ownerId = Guid.NewGuid(), version = 1 });

        await response.AssertFieldErrorAsync("ownerId");
    }

    private async Task<Guid> DealOfRepAsync()
    {
        var card = await app.ClientFor(app.Rep).PostOkAsync("/api/deals", new
        {
            customer = $"Team Rules {Guid.NewGuid():N}", industry = "Retail", title = "Linehaul", serviceLine = "transport",
            annualValue = 900_000m, targetCloseDate = new DateOnly(2027, 2, 28),
        });
        return card["id"]!.GetValue<Guid>();
    }
}

public sealed class SqliteTeamRulesTests(SqliteApp app) : TeamRulesTests<SqliteApp>(app);

public sealed class PostgresTeamRulesTests(PostgresApp app) : TeamRulesTests<PostgresApp>(app);
