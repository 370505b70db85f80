using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// A 2xx means committed, and a committed write answers 2xx: the database failing right after a write's commit
/// (<see cref="AfterCommitFault"/>) must not turn the saved change into an error, and the answer's <c>version</c> is
/// the one that write produced, also when writers race.
/// </summary>
public abstract class CommittedWriteTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp, IFaultyApp
{
    private readonly HttpClient _manager = app.ClientFor(app.Manager);

    [Fact]
    public async Task ANewDealIsAnswered201WhenTheDatabaseFailsRightAfterItsCommit()
    {
        var response = await AfterCommitFailsAsync(_manager, c => c.PostAsJsonAsync("/api/deals", app.NewDealBody("Commit Then Crash Freight")));

        var card = await AssertSuccessAsync(response, HttpStatusCode.Created);
        var id = card["id"]!.GetValue<Guid>();
        Assert.Equal($"/api/deals/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(1, card["version"]!.GetValue<int>());
        Assert.Equal("Commit Then Crash Freight", card["customer"]!.GetValue<string>());
        Assert.Equal(app.Rep.Name, card["owner"]!["name"]!.GetValue<string>());
        Assert.True(await app.QueryAsync(db => db.Deals.AnyAsync(d => d.Id == id)));
    }

    [Fact]
    public async Task EveryChangeToADealIsAnsweredWithItsOwnVersionWhenTheDatabaseFailsRightAfterItsCommit()
    {
        var id = (await _manager.PostOkAsync("/api/deals", app.NewDealBody("Every Write Logistics")))["id"]!.GetValue<Guid>();
        var url = $"/api/deals/{id}";
        (string Method, string Path, object Body, HttpStatusCode Status, int? Version)[] writes =
        [
            ("POST", "/checkpoints", new { factor = "need", level = 1, note = "Interviewed the director", version = 1 }, HttpStatusCode.OK, 2),
            ("POST", "/activities", new { kind = "visit", summary = "Site visit" }, HttpStatusCode.OK, 2),
            ("PUT", "", new { title = "Seven warehouses, edited", serviceLine = "warehousing", annualValue = 1_000_000m, targetCloseDate = PipelineApp.StartDate.AddMonths(3), startedOn = PipelineApp.StartDate, version = 2 }, HttpStatusCode.OK, 3),
            ("POST", "/hold", new { reason = "Budget frozen", version = 3 }, HttpStatusCode.OK, 4),
            ("POST", "/resume", new { reason = "Budget back", version = 4 }, HttpStatusCode.OK, 5),
            ("POST", "/owner", new { ownerId = app.OtherRep.Id, version = 5 }, HttpStatusCode.OK, 6),
            ("POST", "/stakeholders", new { name = "Ms Chen", role = "decisionMaker" }, HttpStatusCode.Created, null),
            ("POST", "/coaching", new { text = "Meet the CFO" }, HttpStatusCode.Created, null),
            ("POST", "/close", new { outcome = "won", reason = "relationship", version = 6 }, HttpStatusCode.OK, 7),
            ("POST", "/reopen", new { note = "Scope grew", version = 7 }, HttpStatusCode.OK, 8),
        ];
        foreach (var (method, path, body, status, version) in writes)
        {
            var response = await AfterCommitFailsAsync(_manager, c => c.SendAsync(new HttpRequestMessage(new HttpMethod(method), url + path) { Content = JsonContent.Create(body) }));

            var answer = await AssertSuccessAsync(response, status, $"{method} {path}");
            if (version is { } expected)
            {
                Assert.Equal(expected, answer["version"]!.GetValue<int>());
            }
        }

        var card = await _manager.GetJsonAsync(url);
        Assert.Equal(8, card["card"]!["version"]!.GetValue<int>());
        Assert.Equal(app.OtherRep.Id, card["card"]!["owner"]!["id"]!.GetValue<Guid>());
        Assert.Single(card["stakeholders"]!.AsArray());
        Assert.Equal(1, await app.QueryAsync(db => db.Activities.CountAsync(a => a.DealId == id)));
        Assert.Equal(1, await app.QueryAsync(db => db.CheckpointChanges.CountAsync(c => c.DealId == id)));
    }

    [Fact]
    public async Task AHeldReviewAndADoneActionAreAnswered2xxWhenTheDatabaseFailsRightAfterTheirCommit()
    {
        var deal = (await _manager.PostOkAsync("/api/deals", app.NewDealBody("Reviewed Then Crash")))["id"]!.GetValue<Guid>();
        var review = new
        {
            heldOn = PipelineApp.StartDate,
            attendees = new[] { app.Manager.Id },
            notes = new[] { new { dealId = deal, note = "Push for the CFO meeting" } },
            actionItems = new[] { new { dealId = deal, ownerId = app.Manager.Id, text = "Book the CFO", dueOn = PipelineApp.StartDate.AddDays(7) } },
        };

        var held = await AssertSuccessAsync(await AfterCommitFailsAsync(_manager, c => c.PostAsJsonAsync("/api/reviews", review)), HttpStatusCode.Created);
        var action = Assert.Single(held["actionItems"]!.AsArray())!;
        Assert.Equal("Reviewed Then Crash", action["customer"]!.GetValue<string>());
        Assert.Equal("Reviewed Then Crash", held["notes"]![0]!["customer"]!.GetValue<string>());
        var actionId = action["id"]!.GetValue<Guid>();

        var done = await AssertSuccessAsync(
            await AfterCommitFailsAsync(_manager, c => c.PostAsync($"/api/action-items/{actionId}/done", null)), HttpStatusCode.OK);
        Assert.Equal(app.Manager.Name, done["doneBy"]!["name"]!.GetValue<string>());
        Assert.NotNull(await app.QueryAsync(db => db.ActionItems.Where(a => a.Id == actionId).Select(a => a.DoneAt).SingleAsync()));
    }

    [Fact]
    public async Task ANewUserIsAnswered201WhenTheDatabaseFailsRightAfterTheCommit()
    {
        var admin = app.ClientFor(app.Admin);
        var email = $"sun.li.{Guid.NewGuid():N}@test.cn";

        var created = await AssertSuccessAsync(
            await AfterCommitFailsAsync(admin, c => c.PostAsJsonAsync("/api/users", new { name = "孙丽 Sun Li", email, role = "rep", password = "harbour-lantern-2026" })),
            HttpStatusCode.Created);

        Assert.Equal(email, created["email"]!.GetValue<string>());
        Assert.True(created["active"]!.GetValue<bool>());
        Assert.True(await app.QueryAsync(db => db.People.AnyAsync(p => p.Email == email)));
    }

    [Fact]
    public async Task AKeyWhoseAnswerCouldNotBeKeptIsNeverCarriedOutTwice()
    {
        var id = (await _manager.PostOkAsync("/api/deals", app.NewDealBody("Lost Answer Shipping")))["id"]!.GetValue<Guid>();
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Request() => new(HttpMethod.Post, $"/api/deals/{id}/activities")
        {
            Content = JsonContent.Create(new { kind = "call", summary = "Called the buyer" }),
            Headers = { { "Idempotency-Key", key } },
        };

        // The activity commits; then neither the card's read nor keeping the answer under the key can reach the database.
        await AssertSuccessAsync(await AfterCommitFailsAsync(_manager, c => c.SendAsync(Request())), HttpStatusCode.OK);
        var retry = await _manager.SendAsync(Request());

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal("application/problem+json", retry.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await app.QueryAsync(db => db.Activities.CountAsync(a => a.DealId == id)));
    }

    [Fact]
    public async Task ConcurrentWritersAreEachToldTheVersionTheirOwnWriteProduced()
    {
        var id = (await _manager.PostOkAsync("/api/deals", app.NewDealBody("Racing Writers Cargo")))["id"]!.GetValue<Guid>();
        string[] factors = ["need", "power", "goal", "value", "collaboration"];
        var start = new TaskCompletionSource();

        async Task<JsonNode> WriteAsync(string factor)
        {
            await start.Task;
            var version = 1;
            while (true)
            {
                var response = await _manager.PostAsJsonAsync($"/api/deals/{id}/checkpoints",
                    new { factor, level = 1, note = $"{factor} reached", version });
                var body = await response.ReadJsonAsync();
                if (response.StatusCode != HttpStatusCode.Conflict)
                {
                    Assert.True(response.IsSuccessStatusCode, $"{factor}: {(int)response.StatusCode} {body}");
                    return body;
                }

                // A concurrent writer saved first: take its version from the conflict and try again, as a client would.
                version = body["current"]!["version"]!.GetValue<int>();
            }
        }

        var writers = factors.Select(f => Task.Run(() => WriteAsync(f))).ToList();
        start.SetResult();
        var cards = await Task.WhenAll(writers);

        var versions = cards.Select(c => c["version"]!.GetValue<int>()).Order().ToArray();
        Assert.Equal([2, 3, 4, 5, 6], versions);
        for (var i = 0; i < factors.Length; i++)
        {
            // Each answer shows its own change, and exactly as many changes as its version counts.
            Assert.Equal(1, cards[i]["levels"]![factors[i]]!.GetValue<int>());
            var reached = factors.Count(f => cards[i]["levels"]![f]!.GetValue<int>() == 1);
            Assert.Equal(cards[i]["version"]!.GetValue<int>() - 1, reached);
        }

        Assert.Equal(6, await app.QueryAsync(db => db.Deals.Where(d => d.Id == id).Select(d => d.Version).SingleAsync()));
    }

    [Fact]
    public async Task AWriterIsToldItsOwnVersionWhenAnotherCommitsBeforeItAnswers()
    {
        var id = (await _manager.PostOkAsync("/api/deals", app.NewDealBody("Overtaken Writer Freight")))["id"]!.GetValue<Guid>();
        var other = app.ClientFor(app.Rep);
        await other.GetJsonAsync("/api/playbook");
        await _manager.GetJsonAsync("/api/playbook");

        // The first writer commits version 2; anything it reads after that waits until the second writer has committed 3.
        app.Fault.ArmPause();
        var first = Task.Run(() => _manager.PostAsJsonAsync($"/api/deals/{id}/checkpoints", new { factor = "need", level = 1, note = "First", version = 1 }));
        await Task.WhenAny(first, app.Fault.Paused).WaitAsync(TimeSpan.FromSeconds(30));
        app.Fault.StopPausing(); // the second writer's own reads go through
        HttpResponseMessage second;
        try
        {
            second = await other.PostAsJsonAsync($"/api/deals/{id}/checkpoints", new { factor = "power", level = 1, note = "Second", version = 2 })
                .WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            app.Fault.Disarm();
        }

        var firstCard = await AssertSuccessAsync(await first.WaitAsync(TimeSpan.FromSeconds(30)), HttpStatusCode.OK, "the first writer");
        var secondCard = await AssertSuccessAsync(second, HttpStatusCode.OK, "the second writer");
        Assert.Equal(2, firstCard["version"]!.GetValue<int>());
        Assert.Equal(0, firstCard["levels"]!["power"]!.GetValue<int>());
        Assert.Equal(3, secondCard["version"]!.GetValue<int>());
    }

    /// <summary>Sends with the fault armed, after a first request has fetched the client's token (a sign-in writes too).</summary>
    private async Task<HttpResponseMessage> AfterCommitFailsAsync(HttpClient client, Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        await client.GetJsonAsync("/api/playbook");
        app.Fault.Arm();
        try
        {
            var response = await send(client);
            Assert.True(app.Fault.Tripped, "The write did not commit, so the fault never took effect.");
            return response;
        }
        finally
        {
            app.Fault.Disarm();
        }
    }

    private static async Task<JsonNode> AssertSuccessAsync(HttpResponseMessage response, HttpStatusCode expected, string? what = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{what} answered {(int)response.StatusCode}, expected {(int)expected}: {text}");
        return JsonNode.Parse(text)!;
    }
}

public sealed class SqliteCommittedWriteTests(FaultySqliteApp app) : CommittedWriteTests<FaultySqliteApp>(app);

public sealed class PostgresCommittedWriteTests(FaultyPostgresApp app) : CommittedWriteTests<FaultyPostgresApp>(app);
