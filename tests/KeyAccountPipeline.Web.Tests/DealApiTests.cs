using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>The deal API end to end; runs once on SQLite and once on PostgreSQL.</summary>
public abstract class DealApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private readonly HttpClient _client = app.ClientFor(app.Manager);

    private static DateOnly Today => DateOnly.FromDateTime(PipelineApp.Start.ToOffset(TimeSpan.FromHours(8)).Date);

    [Fact]
    public async Task CreatingADealAnswers201WithLocationAndCardAtDiscover()
    {
        var response = await _client.PostAsJsonAsync("/api/deals", NewDeal("顺达电子 Shunda Electronics"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var card = await response.ReadJsonAsync();
        var id = card["id"]!.GetValue<Guid>();
        Assert.Equal($"/api/deals/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("顺达电子 Shunda Electronics", card["customer"]!.GetValue<string>());
        Assert.Equal("discover", card["stage"]!["key"]!.GetValue<string>());
        Assert.Equal("Discover", card["stage"]!["name"]!.GetValue<string>());
        Assert.Equal(0, card["levels"]!["power"]!.GetValue<int>());
        Assert.Equal(12_500_000.50m, card["annualValue"]!.GetValue<decimal>());
        Assert.Equal("CNY", card["currency"]!.GetValue<string>());
        Assert.Equal("warehousing", card["serviceLine"]!.GetValue<string>());
        Assert.Equal(app.Rep.Name, card["owner"]!["name"]!.GetValue<string>());
        Assert.Equal("open", card["status"]!.GetValue<string>());
        Assert.Equal(1, card["version"]!.GetValue<int>());
        Assert.Equal("qualify", card["nextStage"]!["key"]!.GetValue<string>());
        Assert.Equal("need", card["weakest"]!.GetValue<string>());

        var fetched = await _client.GetJsonAsync($"/api/deals/{id}");
        Assert.Equal(id, fetched["card"]!["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task CustomerNameIsMatchedCaseInsensitively()
    {
        var name = $"Kestrel Appliances {Guid.NewGuid():N}";
        var first = await _client.PostOkAsync("/api/deals", NewDeal(name));
        var second = await _client.PostOkAsync("/api/deals", NewDeal(name.ToUpperInvariant()) with { Title = "Distribution 2027", ServiceLine = "distribution" });

        Assert.Equal(first["accountId"]!.GetValue<Guid>(), second["accountId"]!.GetValue<Guid>());
        var accounts = (await _client.GetJsonAsync("/api/accounts")).AsArray();
        var account = Assert.Single(accounts, a => a!["name"]!.GetValue<string>() == name);
        Assert.Equal(2, account!["deals"]!.GetValue<int>());
    }

    [Fact]
    public async Task ClimbingCheckpointByCheckpointMovesTheStageThroughEveryGate()
    {
        var card = await _client.PostOkAsync("/api/deals", NewDeal("Climb Logistics"));
        var id = card["id"]!.GetValue<Guid>();
        (string Factor, int Level, string Stage)[] climb =
        [
            ("need", 1, "discover"), ("need", 3, "discover"), ("power", 1, "qualify"),
            ("power", 3, "qualify"), ("goal", 2, "access"),
            ("need", 4, "access"), ("power", 4, "access"), ("goal", 4, "access"), ("value", 3, "access"), ("collaboration", 2, "solution"),
            ("power", 5, "solution"), ("value", 4, "solution"), ("collaboration", 4, "coplan"),
            ("need", 5, "coplan"), ("power", 6, "coplan"), ("goal", 5, "coplan"), ("value", 5, "coplan"), ("collaboration", 5, "commit"),
        ];
        foreach (var (factor, level, stage) in climb)
        {
            card = await Record(id, factor, level, card["version"]!.GetValue<int>());
            Assert.True(stage == card["stage"]!["key"]!.GetValue<string>(), $"After {factor} → {level} expected {stage}, got {card["stage"]}");
            Assert.Equal(level, card["levels"]![factor]!.GetValue<int>());
        }

        Assert.Equal(1.0, card["progress"]!.GetValue<double>());
        Assert.Null(card["nextStage"]);
        var history = (await _client.GetJsonAsync($"/api/deals/{id}/history")).AsArray();
        Assert.Equal(climb.Length, history.Count);
        Assert.Equal("need", history[0]!["factor"]!.GetValue<string>());
        Assert.Equal(0, history[0]!["from"]!.GetValue<int>());
        Assert.Equal("collaboration", history[^1]!["factor"]!.GetValue<string>());
        Assert.Equal(app.Manager.Name, history[0]!["by"]!["name"]!.GetValue<string>()); // the signed-in person, not the owner
    }

    [Fact]
    public async Task NextStageListsTheMissingGateItems()
    {
        var card = await _client.PostOkAsync("/api/deals", NewDeal("Missing Items Co"));
        var id = card["id"]!.GetValue<Guid>();
        card = await Record(id, "need", 3, 1);
        card = await Record(id, "power", 1, 2);

        Assert.Equal("qualify", card["stage"]!["key"]!.GetValue<string>());
        Assert.Equal("access", card["nextStage"]!["key"]!.GetValue<string>());
        var missing = card["nextStage"]!["missing"]!.AsArray()
            .Select(m => (m!["factor"]!.GetValue<string>(), m["current"]!.GetValue<int>(), m["required"]!.GetValue<int>())).ToList();
        Assert.Equal([("power", 1, 3), ("goal", 0, 2)], missing);

        var detail = await _client.GetJsonAsync($"/api/deals/{id}");
        var power = detail["missing"]!.AsArray().First(m => m!["factor"]!.GetValue<string>() == "power")!;
        Assert.Contains(power["checkpoints"].Strings(), text => text.Contains("arranged a meeting", StringComparison.Ordinal));
        Assert.Contains("decision maker", power["question"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackDatedAdvanceMakesTheDealStalled()
    {
        var card = await _client.PostOkAsync("/api/deals", NewDeal("Stall Freight") with { StartedOn = Today.AddDays(-60) });
        var id = card["id"]!.GetValue<Guid>();
        card = await Record(id, "need", 1, 1, occurredAt: app.Clock.GetUtcNow().AddDays(-30));

        Assert.Contains("stalled", card["flags"].Strings());
        var signal = card["signals"]!.AsArray().Single(s => s!["flag"]!.GetValue<string>() == "stalled")!;
        Assert.Equal(30, signal["days"]!.GetValue<int>());
        Assert.Equal(14, signal["allowedDays"]!.GetValue<int>());
        Assert.Equal(30, card["daysSinceAdvance"]!.GetValue<int>());

        var stalled = (await _client.GetJsonAsync("/api/deals?flag=stalled")).AsArray();
        Assert.Contains(stalled, c => c!["id"]!.GetValue<Guid>() == id);

        card = await Record(id, "need", 2, 2);
        Assert.DoesNotContain("stalled", card["flags"].Strings());
        Assert.Equal(0, card["daysSinceAdvance"]!.GetValue<int>());
    }

    [Fact]
    public async Task ActivitiesWithoutAnAdvanceMakeTheDealBusyButStuck()
    {
        var card = await _client.PostOkAsync("/api/deals", NewDeal("Busy Ocean Lines") with { StartedOn = Today.AddDays(-10) });
        var id = card["id"]!.GetValue<Guid>();
        foreach (var kind in new[] { "visit", "call" })
        {
            card = await _client.PostOkAsync($"/api/deals/{id}/activities", new { kind, summary = $"A {kind} with the warehouse manager" });
        }

        Assert.DoesNotContain("busyButStuck", card["flags"].Strings());
        card = await _client.PostOkAsync($"/api/deals/{id}/activities",
            new { kind = "meeting", summary = "Site tour", occurredAt = app.Clock.GetUtcNow().AddDays(-3) });

        Assert.Contains("busyButStuck", card["flags"].Strings());
        var signal = card["signals"]!.AsArray().Single(s => s!["flag"]!.GetValue<string>() == "busyButStuck")!;
        Assert.Equal(3, signal["activities"]!.GetValue<int>());
        Assert.Equal(1, card["version"]!.GetValue<int>());

        card = await Record(id, "need", 1, 1);
        Assert.DoesNotContain("busyButStuck", card["flags"].Strings());
    }

    [Fact]
    public async Task ARegressionWithItsReasonIsFlaggedWithTheFactor()
    {
        var card = await _client.PostOkAsync("/api/deals", NewDeal("Regress Cold Chain"));
        var id = card["id"]!.GetValue<Guid>();
        card = await Record(id, "power", 3, 1);
        card = await Record(id, "power", 2, 2, note: "决策人离职 The decision maker left");

        Assert.Contains("regressed", card["flags"].Strings());
        var signal = card["signals"]!.AsArray().Single(s => s!["flag"]!.GetValue<string>() == "regressed")!;
        Assert.Equal("power", signal["factor"]!.GetValue<string>());
        Assert.Equal(3, signal["from"]!.GetValue<int>());
        Assert.Equal(2, signal["to"]!.GetValue<int>());
        var history = (await _client.GetJsonAsync($"/api/deals/{id}/history")).AsArray();
        Assert.True(history[^1]!["regression"]!.GetValue<bool>());
        Assert.Equal("决策人离职 The decision maker left", history[^1]!["note"]!.GetValue<string>());
    }

    public static TheoryData<string, string, string> BadCheckpoints => new()
    {
        { "level outside the ladder", """{"factor":"power","level":7,"note":"x","version":1}""", "level" },
        { "negative level", """{"factor":"need","level":-1,"note":"x","version":1}""", "level" },
        { "same level", """{"factor":"need","level":0,"note":"x","version":1}""", "level" },
        { "missing note", """{"factor":"need","level":1,"version":1}""", "note" },
        { "blank note", """{"factor":"need","level":1,"note":"   ","version":1}""", "note" },
        { "future", """{"factor":"need","level":1,"note":"x","occurredAt":"2030-01-01T00:00:00Z","version":1}""", "occurredAt" },
        { "unknown factor", """{"factor":"budget","level":1,"note":"x","version":1}""", "factor" },
        { "numeric factor", """{"factor":"1","level":1,"note":"x","version":1}""", "factor" },
        { "missing version", """{"factor":"need","level":1,"note":"x"}""", "version" },
        { "level not a number", """{"factor":"need","level":"high","note":"x","version":1}""", "level" },
        { "malformed json", """{"factor":"need",""", "body" },
        { "bad evidence kind", """{"factor":"need","level":1,"note":"x","evidence":{"kind":"rumour"},"version":1}""", "evidence.kind" },
    };

    [Theory]
    [MemberData(nameof(BadCheckpoints))]
    public async Task BadCheckpointInputIsRefusedNamingTheFieldAndNothingIsWritten(string @case, string body, string field)
    {
        var card = await _client.PostOkAsync("/api/deals", NewDeal($"Bad Input {@case}"));
        var id = card["id"]!.GetValue<Guid>();

        var response = await _client.PostAsync($"/api/deals/{id}/checkpoints", ApiClient.RawJson(body));

        await response.AssertFieldErrorAsync(field);
        Assert.Empty((await _client.GetJsonAsync($"/api/deals/{id}/history")).AsArray());
        Assert.Equal(1, (await _client.GetJsonAsync($"/api/deals/{id}"))["card"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task AChangeDatedBeforeTheFactorsLatestChangeIsRefused()
    {
        var card = await _client.PostOkAsync("/api/deals", NewDeal("Out Of Order Co") with { StartedOn = Today.AddDays(-30) });
        var id = card["id"]!.GetValue<Guid>();
        await Record(id, "need", 1, 1, occurredAt: app.Clock.GetUtcNow().AddDays(-2));

        var response = await _client.PostAsJsonAsync($"/api/deals/{id}/checkpoints",
            new { factor = "need", level = 2, note = "earlier", version = 2, occurredAt = app.Clock.GetUtcNow().AddDays(-5) });
        await response.AssertFieldErrorAsync("occurredAt");

        // Another factor may be dated earlier: the rule is per factor.
        card = await Record(id, "power", 1, 2, occurredAt: app.Clock.GetUtcNow().AddDays(-5));
        Assert.Equal(1, card["levels"]!["power"]!.GetValue<int>());
    }

    public static TheoryData<string, string> BadNewDeals => new()
    {
        { """{"title":"T","serviceLine":"transport","ownerId":"OWNER","annualValue":1,"targetCloseDate":"2026-12-31"}""", "customer" },
        { """{"customer":"C","industry":"I","serviceLine":"transport","ownerId":"OWNER","annualValue":1,"targetCloseDate":"2026-12-31"}""", "title" },
        { """{"customer":"C","industry":"I","title":"T","serviceLine":"shipping","ownerId":"OWNER","annualValue":1,"targetCloseDate":"2026-12-31"}""", "serviceLine" },
        { """{"customer":"C","industry":"I","title":"T","serviceLine":"transport","ownerId":"6f9619ff-8b86-d011-b42d-00cf4fc964ff","annualValue":1,"targetCloseDate":"2026-12-31"}""", "ownerId" },
        { """{"customer":"C","industry":"I","title":"T","serviceLine":"transport","ownerId":"OWNER","annualValue":-5,"targetCloseDate":"2026-12-31"}""", "annualValue" },
        { """{"customer":"C","industry":"I","title":"T","serviceLine":"transport","ownerId":"OWNER","annualValue":1.005,"targetCloseDate":"2026-12-31"}""", "annualValue" },
        { """{"customer":"C","industry":"I","title":"T","serviceLine":"transport","ownerId":"OWNER","annualValue":1,"targetCloseDate":"31/12/2026"}""", "targetCloseDate" },
        { """{"customer":"C","industry":"I","title":"T","serviceLine":"transport","ownerId":"OWNER","annualValue":1,"targetCloseDate":"2026-12-31","startedOn":"2026-12-01"}""", "startedOn" },
        { """{"customer":"New Customer Without Industry","title":"T","serviceLine":"transport","ownerId":"OWNER","annualValue":1,"targetCloseDate":"2026-12-31"}""", "industry" },
        { """{"customer":"C","industry":"I","title":"T","serviceLine":"transport","ownerId":"not-a-guid","annualValue":1,"targetCloseDate":"2026-12-31"}""", "ownerId" },
        { "[]", "body" },
        { $$"""{"customer":"{{Chinese(Limits.Name + 1)}}","industry":"I","title":"T","serviceLine":"transport","ownerId":"OWNER","annualValue":1,"targetCloseDate":"2026-12-31"}""", "customer" },
        { $$"""{"customer":"C","industry":"{{Chinese(Limits.Industry + 1)}}","title":"T","serviceLine":"transport","ownerId":"OWNER","annualValue":1,"targetCloseDate":"2026-12-31"}""", "industry" },
        { $$"""{"customer":"C","industry":"I","region":"{{Chinese(Limits.Region + 1)}}","title":"T","serviceLine":"transport","ownerId":"OWNER","annualValue":1,"targetCloseDate":"2026-12-31"}""", "region" },
        { $$"""{"customer":"C","industry":"I","title":"{{Chinese(Limits.Title + 1)}}","serviceLine":"transport","ownerId":"OWNER","annualValue":1,"targetCloseDate":"2026-12-31"}""", "title" },
    };

    [Theory]
    [MemberData(nameof(BadNewDeals))]
    public async Task BadNewDealIsRefusedNamingTheFieldAndNothingIsWritten(string body, string field)
    {
        var before = await app.QueryAsync(db => db.Deals.CountAsync());

        var response = await _client.PostAsync("/api/deals", ApiClient.RawJson(body.Replace("OWNER", app.Rep.Id.ToString())));

        await response.AssertFieldErrorAsync(field);
        Assert.Equal(before, await app.QueryAsync(db => db.Deals.CountAsync()));
    }

    /// <summary>Each text one character over its limit (LONG in the body).</summary>
    public static TheoryData<string, string, string, int> OverLongTexts => new()
    {
        { "checkpoints", """{"factor":"need","level":1,"note":"LONG","version":1}""", "note", Limits.Note },
        { "checkpoints", """{"factor":"need","level":1,"note":"x","evidence":{"kind":"call","detail":"LONG"},"version":1}""", "evidence.detail", Limits.Detail },
        { "activities", """{"kind":"visit","summary":"LONG"}""", "summary", Limits.Summary },
        { "stakeholders", """{"name":"LONG","role":"influencer"}""", "name", Limits.Name },
        { "stakeholders", """{"name":"N","title":"LONG","role":"influencer"}""", "title", Limits.Title },
        { "stakeholders", """{"name":"N","department":"LONG","role":"influencer"}""", "department", Limits.Name },
        { "stakeholders", """{"name":"N","role":"influencer","goal":"LONG"}""", "goal", Limits.Goal },
        { "close", """{"outcome":"lost","reason":"price","note":"LONG","version":1}""", "note", Limits.Note },
        { "hold", """{"reason":"LONG","version":1}""", "reason", Limits.Note },
        { "coaching", """{"text":"LONG"}""", "text", Limits.Note },
    };

    [Theory]
    [MemberData(nameof(OverLongTexts))]
    public async Task OverLongTextIsRefusedNamingTheFieldAndNothingIsWritten(string action, string body, string field, int limit)
    {
        var card = await _client.PostOkAsync("/api/deals", NewDeal($"Long Text {action} {field}"));
        var id = card["id"]!.GetValue<Guid>();
        var detail = (await _client.GetJsonAsync($"/api/deals/{id}")).ToJsonString();
        var timeline = (await _client.GetJsonAsync($"/api/deals/{id}/timeline")).ToJsonString();

        var response = await _client.PostAsync($"/api/deals/{id}/{action}", ApiClient.RawJson(body.Replace("LONG", Chinese(limit + 1), StringComparison.Ordinal)));

        await response.AssertFieldErrorAsync(field);
        Assert.Equal(detail, (await _client.GetJsonAsync($"/api/deals/{id}")).ToJsonString());
        Assert.Equal(timeline, (await _client.GetJsonAsync($"/api/deals/{id}/timeline")).ToJsonString());
    }

    [Fact]
    public async Task TextsAtTheirLimitAreKeptWhole()
    {
        var (customer, title, note) = (Chinese(Limits.Name), Chinese(Limits.Title), Chinese(Limits.Note));
        var card = await _client.PostOkAsync("/api/deals", NewDeal(customer) with { Title = title });
        var id = card["id"]!.GetValue<Guid>();

        card = await _client.PostOkAsync($"/api/deals/{id}/checkpoints", new { factor = "need", level = 1, note, version = 1 });

        Assert.Equal((customer, title), (card["customer"]!.GetValue<string>(), card["title"]!.GetValue<string>()));
        Assert.Equal(note, Assert.Single((await _client.GetJsonAsync($"/api/deals/{id}/history")).AsArray())!["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task BadFiltersAreRefusedNamingTheParameter()
    {
        await (await _client.GetAsync("/api/deals?flag=sleepy")).AssertFieldErrorAsync("flag");
        await (await _client.GetAsync("/api/deals?stage=summit")).AssertFieldErrorAsync("stage");
        await (await _client.GetAsync("/api/deals?ownerId=bob")).AssertFieldErrorAsync("ownerId");
        await (await _client.GetAsync("/api/deals?status=maybe")).AssertFieldErrorAsync("status");
        await (await _client.GetAsync($"/api/deals?q={Chinese(Limits.Name + 1)}")).AssertFieldErrorAsync("q");
        await (await _client.GetAsync($"/api/deals?industry={Chinese(Limits.Industry + 1)}")).AssertFieldErrorAsync("industry");
    }

    [Fact]
    public async Task FiltersNarrowTheCards()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var cold = await _client.PostOkAsync("/api/deals", NewDeal($"Frost {marker}") with { Industry = $"Cold chain {marker}", ServiceLine = "transport" });
        await _client.PostOkAsync("/api/deals", NewDeal($"Bolt {marker}") with { OwnerId = app.Manager.Id });

        var byQuery = (await _client.GetJsonAsync($"/api/deals?q={marker.ToUpperInvariant()}")).AsArray();
        Assert.Equal(2, byQuery.Count);
        var byIndustry = (await _client.GetJsonAsync($"/api/deals?industry=cold%20chain%20{marker}")).AsArray();
        Assert.Equal(cold["id"]!.GetValue<Guid>(), Assert.Single(byIndustry)!["id"]!.GetValue<Guid>());
        var byOwner = (await _client.GetJsonAsync($"/api/deals?ownerId={app.Manager.Id}&q={marker}")).AsArray();
        Assert.Equal($"Bolt {marker}", Assert.Single(byOwner)!["customer"]!.GetValue<string>());
        var byLine = (await _client.GetJsonAsync($"/api/deals?serviceLine=transport&q={marker}")).AsArray();
        Assert.Single(byLine);
        var byStage = (await _client.GetJsonAsync($"/api/deals?stage=qualify&q={marker}")).AsArray();
        Assert.Empty(byStage);
        var byWeakest = (await _client.GetJsonAsync($"/api/deals?weakest=need&q={marker}")).AsArray();
        Assert.Equal(2, byWeakest.Count);
    }

    [Fact]
    public async Task UnknownDealIdsAnswer404()
    {
        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/deals/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/deals/{id}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/deals/{id}/timeline")).StatusCode);
        var response = await _client.PostAsJsonAsync($"/api/deals/{id}/checkpoints", new { factor = "need", level = 1, note = "x", version = 1 });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AStaleVersionIsAConflictWithTheCurrentCardAndNothingIsOverwritten()
    {
        var card = await _client.PostOkAsync("/api/deals", NewDeal("Conflict Express"));
        var id = card["id"]!.GetValue<Guid>();
        await Record(id, "need", 1, 1, note: "First rep's change");

        var response = await _client.PostAsJsonAsync($"/api/deals/{id}/checkpoints", new { factor = "need", level = 2, note = "Second rep, stale", version = 1 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(2, problem["current"]!["version"]!.GetValue<int>());
        Assert.Equal(1, problem["current"]!["levels"]!["need"]!.GetValue<int>());
        var history = (await _client.GetJsonAsync($"/api/deals/{id}/history")).AsArray();
        Assert.Equal("First rep's change", Assert.Single(history)!["note"]!.GetValue<string>());

        var edit = await _client.PutAsJsonAsync($"/api/deals/{id}", EditOf(card) with { Version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
    }

    [Fact]
    public async Task ConcurrentSavesOfTheSameVersionLetExactlyOneWin()
    {
        var card = await _client.PostOkAsync("/api/deals", NewDeal("Race Logistics"));
        var id = card["id"]!.GetValue<Guid>();

        var responses = await Task.WhenAll(Enumerable.Range(1, 4).Select(i =>
            app.ClientFor(app.Rep).PostAsJsonAsync($"/api/deals/{id}/checkpoints", new { factor = "goal", level = i, note = $"writer {i}", version = 1 })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Single((await _client.GetJsonAsync($"/api/deals/{id}/history")).AsArray());
    }

    [Fact]
    public async Task AClosedDealRefusesChangesUntilReopened()
    {
        var card = await _client.PostOkAsync("/api/deals", NewDeal("Closed Ports"));
        var id = card["id"]!.GetValue<Guid>();
        card = await _client.PostOkAsync($"/api/deals/{id}/close", new { outcome = "won", reason = "relationship", note = "Signed!", version = 1 });
        Assert.Equal("won", card["status"]!.GetValue<string>());

        var refused = await _client.PostAsJsonAsync($"/api/deals/{id}/checkpoints", new { factor = "need", level = 1, note = "late", version = 2 });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("won", (await refused.ReadJsonAsync())["current"]!["status"]!.GetValue<string>());
        var board = await _client.GetJsonAsync("/api/board");
        Assert.Contains(board["won"]!.AsArray(), c => c!["id"]!.GetValue<Guid>() == id);

        card = await _client.PostOkAsync($"/api/deals/{id}/reopen", new { note = "Customer wants a second lane", version = 2 });
        Assert.Equal("open", card["status"]!.GetValue<string>());
        card = await Record(id, "need", 1, 3);
        Assert.Equal(1, card["levels"]!["need"]!.GetValue<int>());
    }

    [Fact]
    public async Task ClosingNeedsAKnownOutcomeAndReason()
    {
        var card = await _client.PostOkAsync("/api/deals", NewDeal("Close Validation"));
        var id = card["id"]!.GetValue<Guid>();
        await (await _client.PostAsJsonAsync($"/api/deals/{id}/close", new { outcome = "draw", reason = "price", version = 1 })).AssertFieldErrorAsync("outcome");
        await (await _client.PostAsJsonAsync($"/api/deals/{id}/close", new { outcome = "lost", version = 1 })).AssertFieldErrorAsync("reason");
        Assert.Equal("open", (await _client.GetJsonAsync($"/api/deals/{id}"))["card"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnOnHoldDealStaysInItsColumnMarkedAndCarriesNoStallSignal()
    {
        var card = await _client.PostOkAsync("/api/deals", NewDeal("Hold Warehousing") with { StartedOn = Today.AddDays(-90) });
        var id = card["id"]!.GetValue<Guid>();
        Assert.Contains("stalled", card["flags"].Strings());

        await (await _client.PostAsJsonAsync($"/api/deals/{id}/hold", new { version = 1 })).AssertFieldErrorAsync("reason");
        card = await _client.PostOkAsync($"/api/deals/{id}/hold", new { reason = "Budget frozen until April", version = 1 });

        Assert.Equal("onHold", card["status"]!.GetValue<string>());
        Assert.Empty(card["flags"]!.AsArray());
        var board = await _client.GetJsonAsync("/api/board");
        var discover = board["columns"]!.AsArray().First(c => c!["stage"]!["key"]!.GetValue<string>() == "discover")!;
        Assert.Contains(discover["deals"]!.AsArray(), c => c!["id"]!.GetValue<Guid>() == id && c["status"]!.GetValue<string>() == "onHold");

        card = await _client.PostOkAsync($"/api/deals/{id}/resume", new { reason = "Budget approved", version = 2 });
        Assert.Equal("open", card["status"]!.GetValue<string>());
        Assert.Contains("stalled", card["flags"].Strings());
    }

    [Fact]
    public async Task TheBoardHasEveryStageInOrderWithCountsAndValues()
    {
        var card = await _client.PostOkAsync("/api/deals", NewDeal("Board Totals") with { AnnualValue = 1_000_000m });
        var board = await _client.GetJsonAsync("/api/board");

        var columns = board["columns"]!.AsArray();
        Assert.Equal(["discover", "qualify", "access", "solution", "coplan", "commit"], columns.Select(c => c!["stage"]!["key"]!.GetValue<string>()));
        Assert.Equal([1, 2, 3, 4, 5, 6], columns.Select(c => c!["stage"]!["order"]!.GetValue<int>()));
        foreach (var column in columns)
        {
            var deals = column!["deals"]!.AsArray();
            Assert.Equal(deals.Count, column["count"]!.GetValue<int>());
            Assert.Equal(deals.Sum(d => d!["annualValue"]!.GetValue<decimal>()), column["annualValue"]!.GetValue<decimal>());
        }

        Assert.Contains(columns[0]!["deals"]!.AsArray(), c => c!["id"]!.GetValue<Guid>() == card["id"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task EditingDetailsKeepsAnEventWithOldAndNewValues()
    {
        var card = await _client.PostOkAsync("/api/deals", NewDeal("Edit Me Ltd"));
        var id = card["id"]!.GetValue<Guid>();

        card = await _client.SendOkAsync(HttpMethod.Put, $"/api/deals/{id}", EditOf(card) with { Title = "Seven warehouses → three", AnnualValue = 9_000_000m });

        Assert.Equal("Seven warehouses → three", card["title"]!.GetValue<string>());
        Assert.Equal(2, card["version"]!.GetValue<int>());
        var timeline = (await _client.GetJsonAsync($"/api/deals/{id}/timeline")).AsArray();
        var edited = timeline.First(e => e!["event"]?["kind"]?.GetValue<string>() == "detailsEdited")!;
        var changes = edited["event"]!["changes"]!.AsArray();
        Assert.Contains(changes, c => c!["field"]!.GetValue<string>() == "title" && c["new"]!.GetValue<string>() == "Seven warehouses → three");
        // The card's name and unit (yuan), not the stored column's (fen).
        Assert.Contains(changes, c => c!["field"]!.GetValue<string>() == "annualValue"
            && c["old"]!.GetValue<string>() == "12500000.5" && c["new"]!.GetValue<string>() == "9000000");
    }

    [Fact]
    public async Task AnOwnerChangeOnTheTimelineNamesBothPeople()
    {
        var card = await _client.PostOkAsync("/api/deals", NewDeal("Reassigned Harbour"));
        var id = card["id"]!.GetValue<Guid>();

        await _client.PostOkAsync($"/api/deals/{id}/owner", new { ownerId = app.OtherRep.Id, version = card["version"]!.GetValue<int>() });

        var timeline = (await _client.GetJsonAsync($"/api/deals/{id}/timeline")).AsArray();
        var change = Assert.Single(timeline.Single(e => e!["event"]?["kind"]?.GetValue<string>() == "ownerChanged")!["event"]!["changes"]!.AsArray())!;
        Assert.Equal(("owner", app.Rep.Name, app.OtherRep.Name),
            (change["field"]!.GetValue<string>(), change["old"]!.GetValue<string>(), change["new"]!.GetValue<string>()));
    }

    /// <summary>Rows recorded before the field had its card name kept the stored column's name and unit; they read as yuan.</summary>
    [Fact]
    public async Task AnAnnualValueRecordedInFenByAnOlderVersionReadsInYuan()
    {
        var card = await _client.PostOkAsync("/api/deals", NewDeal("Older History Shipping"));
        var id = card["id"]!.GetValue<Guid>();
        card = await _client.SendOkAsync(HttpMethod.Put, $"/api/deals/{id}", EditOf(card) with { AnnualValue = 9_000_000m });
        IReadOnlyList<Domain.Deals.FieldChange> older = [new("annualValueFen", "1250000050", "900000000")];
        await app.QueryAsync(db => db.DealEvents.Where(e => e.DealId == id && e.Kind == Domain.Deals.DealEventKind.DetailsEdited)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Changes, older)));

        var timeline = (await _client.GetJsonAsync($"/api/deals/{id}/timeline")).AsArray();
        var change = Assert.Single(timeline.Single(e => e!["event"]?["kind"]?.GetValue<string>() == "detailsEdited")!["event"]!["changes"]!.AsArray())!;
        Assert.Equal(("annualValue", "12500000.5", "9000000"),
            (change["field"]!.GetValue<string>(), change["old"]!.GetValue<string>(), change["new"]!.GetValue<string>()));
    }

    [Fact]
    public async Task StakeholdersAreKeptWithTheirChangesOnTheTimeline()
    {
        var card = await _client.PostOkAsync("/api/deals", NewDeal("Stakeholder Map Inc"));
        var id = card["id"]!.GetValue<Guid>();

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var it = await _client.PostOkAsync($"/api/deals/{id}/stakeholders",
            new { name = "赵敏 Zhao Min", title = "CIO", department = "IT", role = "vetoHolder", goal = "No new systems to integrate" });
        Assert.Equal("notContacted", it["vetoStatus"]!.GetValue<string>());
        var stakeholderId = it["id"]!.GetValue<Guid>();
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        it = await _client.SendOkAsync(HttpMethod.Put, $"/api/deals/{id}/stakeholders/{stakeholderId}",
            new { name = "赵敏 Zhao Min", title = "CIO", department = "IT", role = "vetoHolder", goal = "No new systems to integrate", vetoStatus = "agreed" });
        Assert.Equal("agreed", it["vetoStatus"]!.GetValue<string>());
        await (await _client.PostAsJsonAsync($"/api/deals/{id}/stakeholders", new { name = "X", role = "influencer", vetoStatus = "agreed" }))
            .AssertFieldErrorAsync("vetoStatus");

        var detail = await _client.GetJsonAsync($"/api/deals/{id}");
        Assert.Equal("agreed", Assert.Single(detail["stakeholders"]!.AsArray())!["vetoStatus"]!.GetValue<string>());

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/deals/{id}/stakeholders/{stakeholderId}")).StatusCode);
        Assert.Empty((await _client.GetJsonAsync($"/api/deals/{id}"))["stakeholders"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.DeleteAsync($"/api/deals/{id}/stakeholders/{stakeholderId}")).StatusCode);

        var kinds = (await _client.GetJsonAsync($"/api/deals/{id}/timeline")).AsArray()
            .Select(e => e!["event"]?["kind"]?.GetValue<string>()).OfType<string>().ToList();
        Assert.Equal(["stakeholderRemoved", "stakeholderChanged", "stakeholderAdded", "created"], kinds);
    }

    [Fact]
    public async Task TheTimelineMergesCheckpointsActivitiesAndEventsNewestFirst()
    {
        var card = await _client.PostOkAsync("/api/deals", NewDeal("Timeline Trading"));
        var id = card["id"]!.GetValue<Guid>();
        app.Clock.Advance(TimeSpan.FromHours(1));
        await _client.PostOkAsync($"/api/deals/{id}/activities", new { kind = "visit", summary = "Warehouse visit", occurredAt = app.Clock.GetUtcNow().AddMinutes(-30) });
        await Record(id, "need", 1, 1, occurredAt: app.Clock.GetUtcNow().AddMinutes(-10));

        var timeline = (await _client.GetJsonAsync($"/api/deals/{id}/timeline")).AsArray();

        Assert.Equal(["checkpoint", "activity", "event"], OrderOf(timeline));
    }

    [Fact]
    public async Task BrokenRulesAreExplainedInTheCallersLanguage()
    {
        var card = await _client.PostOkAsync("/api/deals", NewDeal("语言物流 Language Logistics"));
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/deals/{card["id"]}/checkpoints")
        {
            Content = JsonContent.Create(new { factor = "need", level = 1, note = "明天的拜访", occurredAt = app.Clock.GetUtcNow().AddDays(1), version = 1 }),
        };
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");

        var problem = await (await _client.SendAsync(request)).AssertFieldErrorAsync("occurredAt");

        Assert.Equal("变化的发生时间不能晚于现在。", problem["errors"]!["occurredAt"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task ReadModelTextsAndAConflictsCardFollowAcceptLanguage()
    {
        var playbook = DefaultPlaybook.Create();
        var need = playbook.Factor(Factor.Need);
        var power = playbook.Factor(Factor.Power);
        var card = await _client.PostOkAsync("/api/deals", NewDeal("语言读取 Reading Language"));
        var id = card["id"]!.GetValue<Guid>();
        await Record(id, "need", 3, 1);

        foreach (var language in new[] { "zh-CN", "en" })
        {
            string In(Localized text) => text.For(CultureInfo.GetCultureInfo(language));
            var detail = await (await SendInAsync(HttpMethod.Get, $"/api/deals/{id}", null, language)).ReadJsonAsync();
            Assert.Equal(In(playbook.Stages[0].Name), detail["card"]!["stage"]!["name"]!.GetValue<string>());
            Assert.Equal(In(playbook.Stages[1].Name), detail["card"]!["nextStage"]!["name"]!.GetValue<string>());
            var missing = detail["missing"]!.AsArray().Single()!;
            Assert.Equal(In(power.Name), missing["factorName"]!.GetValue<string>());
            Assert.Equal(In(power.Question), missing["question"]!.GetValue<string>());
            Assert.Equal(["1. " + In(power.Levels[1])], missing["checkpoints"].Strings());
            var history = (await (await SendInAsync(HttpMethod.Get, $"/api/deals/{id}/history", null, language)).ReadJsonAsync()).AsArray();
            Assert.Equal(In(need.Levels[3]), Assert.Single(history)!["toText"]!.GetValue<string>());

            // The exception handler answers outside request localization's scope: still the caller's language, and it
            // leaves no culture behind for the next request.
            var stale = await SendInAsync(HttpMethod.Post, $"/api/deals/{id}/checkpoints", new { factor = "need", level = 4, note = "Stale", version = 1 }, language);
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            var problem = await stale.ReadJsonAsync();
            Assert.Equal(In(RuleTexts.StaleVersion(1, 2)), problem["detail"]!.GetValue<string>());
            Assert.Equal(In(playbook.Stages[0].Name), problem["current"]!["stage"]!["name"]!.GetValue<string>());
            Assert.Equal(In(playbook.Stages[1].Name), problem["current"]!["nextStage"]!["name"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task NamesFollowAcceptLanguage()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/playbook");
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");
        var playbook = await (await _client.SendAsync(request)).ReadJsonAsync();

        Assert.Equal("需求", playbook["factors"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("接触决策人", playbook["stages"]![2]!["name"]!.GetValue<string>());
        Assert.Equal(6, playbook["factors"]![1]!["maxLevel"]!.GetValue<int>());
        var english = await _client.GetJsonAsync("/api/playbook");
        Assert.Equal("Reach the decision maker", english["stages"]![2]!["name"]!.GetValue<string>());
        Assert.Equal(28, english["stages"]![3]!["stallAfterDays"]!.GetValue<int>());
        Assert.Equal(5, english["stages"]![5]!["gate"]!["need"]!.GetValue<int>());
    }

    [Fact]
    public async Task PeopleAndHealthAnswer()
    {
        var people = (await _client.GetJsonAsync("/api/people")).AsArray();
        Assert.Contains(people, p => p!["id"]!.GetValue<Guid>() == app.Manager.Id && p["role"]!.GetValue<string>() == "manager");
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health")).StatusCode);
    }

    /// <summary>A text of <paramref name="length"/> Chinese characters: limits count characters, not bytes.</summary>
    private static string Chinese(int length) => new('长', length);

    private static string[] OrderOf(JsonArray timeline) =>
        timeline.Select(e => e!["type"]!.GetValue<string>()).Take(3).ToArray();

    private Task<HttpResponseMessage> SendInAsync(HttpMethod method, string url, object? body, string language)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return _client.SendAsync(request);
    }

    private async Task<JsonNode> Record(Guid id, string factor, int level, int version, string note = "Checked with the customer", DateTimeOffset? occurredAt = null)
    {
        // A minute passes between changes, as in life: history rows never share an instant.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        return await _client.PostOkAsync($"/api/deals/{id}/checkpoints",
            new { factor, level, note, evidence = new { kind = "meeting", detail = "Minutes on file" }, occurredAt, version });
    }

    private NewDealBody NewDeal(string customer) =>
        new(customer, "3C electronics", "South China", "Seven warehouses nationwide", "warehousing", app.Rep.Id, 12_500_000.50m, Today.AddMonths(4), null);

    private static EditBody EditOf(JsonNode card) => new(
        card["title"]!.GetValue<string>(), card["serviceLine"]!.GetValue<string>(), card["annualValue"]!.GetValue<decimal>(),
        DateOnly.Parse(card["targetCloseDate"]!.GetValue<string>(), CultureInfo.InvariantCulture),
        DateOnly.Parse(card["startedOn"]!.GetValue<string>(), CultureInfo.InvariantCulture), card["version"]!.GetValue<int>());

    private sealed record NewDealBody(string Customer, string Industry, string Region, string Title, string ServiceLine, Guid OwnerId,
        decimal AnnualValue, DateOnly TargetCloseDate, DateOnly? StartedOn);

    private sealed record EditBody(string Title, string ServiceLine, decimal AnnualValue, DateOnly TargetCloseDate, DateOnly StartedOn, int Version);
}

public sealed class SqliteDealApiTests(SqliteApp app) : DealApiTests<SqliteApp>(app);

public sealed class PostgresDealApiTests(PostgresApp app) : DealApiTests<PostgresApp>(app);
