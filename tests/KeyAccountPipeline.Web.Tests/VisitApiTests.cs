using System.Net;
using System.Net.Http.Json;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Issue 15, the after-visit update through <c>POST /api/deals/{id}/visits</c>: the activity and the checkpoints it proved in
/// one transaction, the visit their evidence and the note written once; every refusal writes nothing. Runs once on SQLite
/// and once on PostgreSQL.
/// </summary>
public abstract class VisitApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private readonly HttpClient _rep = app.ClientFor(app.Rep);

    private async Task<Guid> NewDealAsync(string customer) =>
        (await _rep.PostOkAsync("/api/deals", app.NewDealBody($"{customer} {Guid.NewGuid():N}")))["id"]!.GetValue<Guid>();

    private Task<HttpResponseMessage> VisitAsync(Guid id, object body) => _rep.PostAsJsonAsync($"/api/deals/{id}/visits", body);

    /// <summary>What the deal holds: its version, its activities and its checkpoint changes, read straight from the database.</summary>
    private Task<(int Version, int Activities, int Changes)> WrittenAsync(Guid id) => app.QueryAsync(async db => (
        await db.Deals.Where(d => d.Id == id).Select(d => d.Version).SingleAsync(),
        await db.Activities.CountAsync(a => a.DealId == id),
        await db.CheckpointChanges.CountAsync(c => c.DealId == id)));

    [Fact]
    public async Task AVisitThatProvedPower3LogsTheVisitAndTheChangeWithOneNote()
    {
        var id = await NewDealAsync("Visit Express");
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        var card = await _rep.PostOkAsync($"/api/deals/{id}/visits", new
        {
            kind = "visit",
            note = "Met the owner, Mr Chen: he signs off logistics spend.",
            checkpoints = new[] { new { factor = "power", level = 3 }, new { factor = "need", level = 1 } },
            version = 1,
        });

        Assert.Equal(3, card["levels"]!["power"]!.GetValue<int>());
        Assert.Equal(1, card["levels"]!["need"]!.GetValue<int>());
        Assert.Equal(3, card["version"]!.GetValue<int>());
        var timeline = (await _rep.GetJsonAsync($"/api/deals/{id}/timeline")).AsArray();
        var visit = Assert.Single(timeline, e => e!["type"]!.GetValue<string>() == "activity")!;
        Assert.Equal("visit", visit["activity"]!["kind"]!.GetValue<string>());
        Assert.Equal("Met the owner, Mr Chen: he signs off logistics spend.", visit["activity"]!["summary"]!.GetValue<string>());
        var changes = timeline.Where(e => e!["type"]!.GetValue<string>() == "checkpoint").Select(e => e!["checkpoint"]!).ToList();
        Assert.Equal(2, changes.Count);
        Assert.All(changes, change =>
        {
            Assert.Equal("Met the owner, Mr Chen: he signs off logistics spend.", change["note"]!.GetValue<string>());
            Assert.Equal("visit", change["evidence"]!["kind"]!.GetValue<string>());
            Assert.Equal(visit["at"]!.GetValue<DateTimeOffset>(), change["occurredAt"]!.GetValue<DateTimeOffset>());
        });
    }

    [Fact]
    public async Task ACallDatedYesterdayWithNoCheckpointIsLoggedAsTheDaysCall()
    {
        var id = await NewDealAsync("Call Logistics");
        var yesterday = app.Clock.GetUtcNow().AddDays(-1);
        await app.QueryAsync(db => db.Deals.Where(d => d.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.StartedOn, PipelineApp.StartDate.AddDays(-30))));

        var card = await _rep.PostOkAsync($"/api/deals/{id}/visits", new { kind = "call", note = "Weekly call", occurredAt = yesterday, checkpoints = Array.Empty<object>(), version = 1 });

        Assert.Equal(1, card["version"]!.GetValue<int>());
        Assert.Equal((1, 1, 0), await WrittenAsync(id));
        var activity = (await _rep.GetJsonAsync($"/api/deals/{id}/timeline")).AsArray().Single(e => e!["type"]!.GetValue<string>() == "activity")!;
        Assert.Equal("call", activity["activity"]!["kind"]!.GetValue<string>());
        Assert.Equal(yesterday, activity["at"]!.GetValue<DateTimeOffset>());
    }

    public static TheoryData<string, string, string> BadVisits => new()
    {
        { "no note", """{"kind":"visit","checkpoints":[{"factor":"power","level":3}],"version":1}""", "note" },
        { "blank note", """{"kind":"visit","note":"   ","checkpoints":[{"factor":"power","level":3}],"version":1}""", "note" },
        { "no kind", """{"note":"x","version":1}""", "kind" },
        { "unknown kind", """{"kind":"rumour","note":"x","version":1}""", "kind" },
        { "no version", """{"kind":"visit","note":"x","checkpoints":[{"factor":"power","level":3}]}""", "version" },
        { "checkpoint without factor", """{"kind":"visit","note":"x","checkpoints":[{"level":3}],"version":1}""", "checkpoints[0].factor" },
        { "checkpoint without level", """{"kind":"visit","note":"x","checkpoints":[{"factor":"power"}],"version":1}""", "checkpoints[0].level" },
        { "negative level", """{"kind":"visit","note":"x","checkpoints":[{"factor":"power","level":-1}],"version":1}""", "checkpoints[0].level" },
        { "level off the ladder", """{"kind":"visit","note":"x","checkpoints":[{"factor":"need","level":1},{"factor":"power","level":7}],"version":1}""", "checkpoints[1].level" },
        { "a level not above the current one", """{"kind":"visit","note":"x","checkpoints":[{"factor":"need","level":1},{"factor":"goal","level":0}],"version":1}""", "checkpoints[1].level" },
        { "a factor twice", """{"kind":"visit","note":"x","checkpoints":[{"factor":"power","level":1},{"factor":"power","level":3}],"version":1}""", "checkpoints[1].factor" },
        { "in the future", """{"kind":"visit","note":"x","occurredAt":"2099-01-01T00:00:00Z","checkpoints":[{"factor":"power","level":3}],"version":1}""", "occurredAt" },
        { "control character", """{"kind":"visit","note":"a\u0000b","version":1}""", "note" },
        { "malformed json", """{"kind":"visit",""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadVisits))]
    public async Task BadVisitsAreRefusedNamingTheFieldAndNothingIsWritten(string @case, string body, string field)
    {
        var id = await NewDealAsync($"Bad Visit {@case}");

        var response = await _rep.PostAsync($"/api/deals/{id}/visits", ApiClient.RawJson(body));

        await response.AssertFieldErrorAsync(field);
        Assert.Equal((1, 0, 0), await WrittenAsync(id));
    }

    [Fact]
    public async Task ANoteLongerThanASummaryIsRefused()
    {
        var id = await NewDealAsync("Long Visit");

        var response = await VisitAsync(id, new { kind = "visit", note = new string('x', 2001), version = 1 });

        await response.AssertFieldErrorAsync("note");
        Assert.Equal((1, 0, 0), await WrittenAsync(id));
    }

    [Fact]
    public async Task AStaleVersionIsAConflictWithTheCurrentCardAndNothingIsWritten()
    {
        var id = await NewDealAsync("Stale Visit");
        await VisitAsync(id, new { kind = "visit", note = "First", checkpoints = new[] { new { factor = "need", level = 1 } }, version = 1 });
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        var response = await VisitAsync(id, new { kind = "visit", note = "Second, stale", checkpoints = new[] { new { factor = "power", level = 3 } }, version = 1 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(2, problem["current"]!["version"]!.GetValue<int>());
        Assert.Equal(0, problem["current"]!["levels"]!["power"]!.GetValue<int>());
        Assert.Equal((2, 1, 1), await WrittenAsync(id));
    }

    [Fact]
    public async Task TwoVisitsOfTheSameVersionAtOnceCommitOneWholeAndNothingOfTheOther()
    {
        var id = await NewDealAsync("Racing Visits");
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        var responses = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => app.ClientFor(app.Rep).PostAsJsonAsync($"/api/deals/{id}/visits", new
        {
            kind = "meeting",
            note = $"writer {i}",
            checkpoints = new object[] { new { factor = "goal", level = i }, new { factor = "value", level = 1 } },
            version = 1,
        })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal((3, 1, 2), await WrittenAsync(id));
    }

    [Fact]
    public async Task AnotherRepsDealIsForbiddenAndAnUnknownDealIsNotFound()
    {
        var id = await NewDealAsync("Not Yours");
        var body = new { kind = "visit", note = "x", checkpoints = new[] { new { factor = "power", level = 1 } }, version = 1 };

        var forbidden = await app.ClientFor(app.OtherRep).PostAsJsonAsync($"/api/deals/{id}/visits", body);
        var missing = await VisitAsync(Guid.NewGuid(), body);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal((1, 0, 0), await WrittenAsync(id));
    }

    [Fact]
    public async Task AClosedDealRefusesAVisitWithAConflict()
    {
        var id = await NewDealAsync("Closed Visit");
        await _rep.PostOkAsync($"/api/deals/{id}/close", new { outcome = "lost", reason = "price", version = 1 });

        var response = await VisitAsync(id, new { kind = "visit", note = "Too late", version = 2 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal((2, 0, 0), await WrittenAsync(id));
    }

    [Fact]
    public async Task TheRefusalIsWordedInTheCallersLanguage()
    {
        var id = await NewDealAsync("Language Visit");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/deals/{id}/visits")
        {
            Content = JsonContent.Create(new { kind = "visit", note = "x", checkpoints = new[] { new { factor = "power", level = 0 } }, version = 1 }),
        };
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");

        var problem = await (await _rep.SendAsync(request)).AssertFieldErrorAsync("checkpoints[0].level");

        Assert.Contains("拜访只能证明更高的等级", problem["errors"]!["checkpoints[0].level"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }
}

public sealed class SqliteVisitApiTests(SqliteApp app) : VisitApiTests<SqliteApp>(app);

public sealed class PostgresVisitApiTests(PostgresApp app) : VisitApiTests<PostgresApp>(app);
