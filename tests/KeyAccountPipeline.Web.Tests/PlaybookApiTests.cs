using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Tests.Infrastructure;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Editing the playbook through the API; runs once on SQLite and once on PostgreSQL. The tests share one
/// database, so each edits the playbook as it finds it and asserts on what its own edit changed.
/// </summary>
public abstract class PlaybookApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private readonly HttpClient _admin = app.ClientFor(app.Admin);

    [Fact]
    public async Task SavingStoresANewVersionWithWhoAndWhen()
    {
        var document = await EditableAsync();
        var version = document["version"]!.GetValue<int>();
        document["factors"]![1]!["levels"]![1]!["en"] = "Our contact told the decision maker about us";
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        var saved = await _admin.SendOkAsync(HttpMethod.Put, "/api/playbook", document);

        Assert.Equal(version + 1, saved["version"]!.GetValue<int>());
        Assert.Equal("Our contact told the decision maker about us", saved["factors"]![1]!["levels"]![1]!["en"]!.GetValue<string>());
        var latest = (await app.ClientFor(app.Rep).GetJsonAsync("/api/playbook/versions")).AsArray()[0]!;
        Assert.Equal(version + 1, latest["version"]!.GetValue<int>());
        Assert.Equal(app.Admin.Id, latest["createdBy"]!["id"]!.GetValue<Guid>());
        Assert.Equal(app.Admin.Name, latest["createdBy"]!["name"]!.GetValue<string>());
        Assert.Equal(app.Clock.GetUtcNow(), latest["createdAt"]!.GetValue<DateTimeOffset>());
        var current = await app.ClientFor(app.Rep).GetJsonAsync("/api/playbook");
        Assert.Equal(version + 1, current["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task SavingAnUnchangedPlaybookAnswersTheCurrentVersionAndStoresNoNewOne()
    {
        var document = await EditableAsync();
        var version = document["version"]!.GetValue<int>();
        var before = await VersionCountAsync();
        // Surrounding white space is not kept (texts are stored trimmed), so it is no change either.
        document["factors"]![1]!["levels"]![1]!["en"] = $"  {document["factors"]![1]!["levels"]![1]!["en"]!.GetValue<string>()} ";
        document["stages"]![2]!["key"] = $" {document["stages"]![2]!["key"]!.GetValue<string>()}";

        var saved = await _admin.SendOkAsync(HttpMethod.Put, "/api/playbook", document);
        var again = await _admin.SendOkAsync(HttpMethod.Put, "/api/playbook", document);

        Assert.Equal(version, saved["version"]!.GetValue<int>());
        Assert.Equal(version, again["version"]!.GetValue<int>());
        Assert.Equal(before, await VersionCountAsync());
        Assert.Equal(version, (await app.ClientFor(app.Rep).GetJsonAsync("/api/playbook"))["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task StagesAreRemovedAndReKeyedAndTheBoardFollows()
    {
        var original = await EditableAsync();
        var document = original.DeepClone();
        var stages = document["stages"]!.AsArray();
        var removed = stages[^1]!["key"]!.GetValue<string>();
        stages.RemoveAt(stages.Count - 1);
        stages[1]!["key"] = "qualified";

        var saved = await _admin.SendOkAsync(HttpMethod.Put, "/api/playbook", document);

        var keys = (await app.ClientFor(app.Rep).GetJsonAsync("/api/playbook"))["stages"]!.AsArray().Select(s => s!["key"]!.GetValue<string>()).ToList();
        Assert.Equal(original["stages"]!.AsArray().Count - 1, keys.Count);
        Assert.Contains("qualified", keys);
        Assert.DoesNotContain(removed, keys);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFor(app.Rep).GetAsync("/api/deals?stage=qualified")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.ClientFor(app.Rep).GetAsync($"/api/deals?stage={removed}")).StatusCode);

        // Added back as it was: the other tests read the shipped stages.
        original["version"] = saved["version"]!.GetValue<int>();
        await _admin.SendOkAsync(HttpMethod.Put, "/api/playbook", original);
    }

    [Fact]
    public async Task AddedOrReKeyedStagesThatBreakARuleAreRefusedNamingEachAndNothingIsSaved()
    {
        var before = await VersionCountAsync();
        var document = await EditableAsync();
        var stages = document["stages"]!.AsArray();
        var added = stages[^1]!.DeepClone(); // the last stage's gate again: no higher than the one before
        added["key"] = stages[0]!["key"]!.GetValue<string>(); // a key already used
        added["order"] = 99;
        stages.Add(added);
        stages[1]!["key"] = "Not A Key";

        var response = await _admin.PutAsJsonAsync("/api/playbook", document);

        var problem = await response.AssertFieldErrorAsync($"stages[{stages.Count - 1}].key");
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey($"stages[{stages.Count - 1}].gate"), errors.ToJsonString());
        Assert.True(errors.ContainsKey("stages[1].key"), errors.ToJsonString());
        Assert.Equal(before, await VersionCountAsync());

        stages.Clear();
        await (await _admin.PutAsJsonAsync("/api/playbook", document)).AssertFieldErrorAsync("stages");
        Assert.Equal(before, await VersionCountAsync());
    }

    [Fact]
    public async Task BothPlaybookShapesNameEveryFactorOnceInFactorOrder()
    {
        var keys = Factors.All.Select(f => f.Key()).ToList();

        var editable = await EditableAsync();
        var read = await app.ClientFor(app.Rep).GetJsonAsync("/api/playbook");

        Assert.Equal(keys, editable["factors"]!.AsArray().Select(f => f!["key"]!.GetValue<string>()));
        Assert.Equal(keys, read["factors"]!.AsArray().Select(f => f!["key"]!.GetValue<string>()));
        var editableStages = editable["stages"]!.AsArray();
        var readStages = read["stages"]!.AsArray();
        Assert.Equal(readStages.Count, editableStages.Count);
        for (var i = 0; i < readStages.Count; i++)
        {
            var editableGate = editableStages[i]!["gate"]!.AsObject();
            var readGate = readStages[i]!["gate"]!.AsObject();
            Assert.Equal(keys, editableGate.Select(p => p.Key));
            Assert.Equal(keys, readGate.Select(p => p.Key));
            Assert.Equal(readGate.Select(p => p.Value!.GetValue<int>()), editableGate.Select(p => p.Value!.GetValue<int>()));
        }

        // The gates ask different levels of different factors, so a gate read into the wrong factor would show above.
        Assert.Contains(readStages, s => s!["gate"]!.AsObject().Select(p => p.Value!.GetValue<int>()).Distinct().Count() > 2);
    }

    [Fact]
    public async Task EveryBrokenRuleIsNamedAtOnceAndNothingIsSaved()
    {
        var before = await VersionCountAsync();
        var document = await EditableAsync();
        document["stages"]![5]!["gate"]!["power"] = 9;     // the power ladder goes up to 6
        document["stages"]![2]!["gate"] = document["stages"]![1]!["gate"]!.DeepClone(); // no higher than the stage before
        document["factors"]![0]!["levels"]![2]!["zh"] = " ";

        var response = await _admin.PutAsJsonAsync("/api/playbook", document);

        var problem = await response.AssertFieldErrorAsync("stages[5].gate.power");
        var errors = problem["errors"]!.AsObject();
        Assert.Contains("goes up to 6", errors["stages[5].gate.power"]![0]!.GetValue<string>());
        Assert.True(errors.ContainsKey("stages[2].gate"), errors.ToJsonString());
        Assert.True(errors.ContainsKey("factors[0].levels[2].zh"), errors.ToJsonString());
        Assert.Equal(before, await VersionCountAsync());
    }

    [Fact]
    public async Task AMissingNumberOrAnOverlongTextIsNamedByItsPath()
    {
        var document = await EditableAsync();
        document["stages"]![1]!["gate"]!.AsObject().Remove("need");
        document["factors"]![4]!["levels"]![3]!["en"] = new string('x', 301);

        var response = await _admin.PutAsJsonAsync("/api/playbook", document);

        var problem = await response.AssertFieldErrorAsync("stages[1].gate.need");
        Assert.True(problem["errors"]!.AsObject().ContainsKey("factors[4].levels[3].en"), problem.ToJsonString());
    }

    [Fact]
    public async Task AGateAskingForMoreThanItsLadderHasIsRefused()
    {
        var document = await EditableAsync();
        document["stages"]![5]!["gate"]!["need"] = 6;

        var response = await _admin.PutAsJsonAsync("/api/playbook", document);

        await response.AssertFieldErrorAsync("stages[5].gate.need");
    }

    [Fact]
    public async Task AStageThatAsksForLessThanThePreviousOneIsRefused()
    {
        var document = await EditableAsync();
        document["stages"]![3]!["gate"]!["need"] = 2; // "access" asks for need 3

        var response = await _admin.PutAsJsonAsync("/api/playbook", document);

        var problem = await response.AssertFieldErrorAsync("stages[3].gate.need");
        Assert.StartsWith("Each stage's gate must ask at least as much as the one before it: ",
            problem["errors"]!["stages[3].gate.need"]![0]!.GetValue<string>());
        Assert.Contains("asks less Need than", problem["errors"]!["stages[3].gate.need"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task RemovingATopLevelADealStandsOnIsRefusedNamingTheDeal()
    {
        var customer = $"Summit Cold Chain {Guid.NewGuid():N}";
        var card = await NewDealAsync(customer);
        await RecordAsync(card, "need", 5);
        var document = await EditableAsync();
        var before = await VersionCountAsync();
        document["factors"]![0]!["levels"]!.AsArray().RemoveAt(5);
        document["stages"]![5]!["gate"]!["need"] = 4; // so the only problem left is the deal on level 5

        var response = await _admin.PutAsJsonAsync("/api/playbook", document);

        var problem = await response.AssertFieldErrorAsync("factors[0].levels");
        Assert.Contains($"{customer} · Seven warehouses nationwide", problem["errors"]!["factors[0].levels"]![0]!.GetValue<string>());
        Assert.Equal(before, await VersionCountAsync());
    }

    [Fact]
    public async Task AddingAndRemovingATopLevelNoDealStandsOnIsSaved()
    {
        var document = await EditableAsync();
        var levels = document["factors"]![2]!["levels"]!.AsArray();
        var count = levels.Count;
        levels.Add(new JsonObject { ["zh"] = "客户书面确认目标达成路径", ["en"] = "The customer confirmed the path to their goals in writing" });

        var added = await _admin.SendOkAsync(HttpMethod.Put, "/api/playbook", document);
        Assert.Equal(count + 1, added["factors"]![2]!["levels"]!.AsArray().Count);
        Assert.Equal(count, (await app.ClientFor(app.Rep).GetJsonAsync("/api/playbook"))["factors"]![2]!["maxLevel"]!.GetValue<int>());

        added["factors"]![2]!["levels"]!.AsArray().RemoveAt(count);
        var removed = await _admin.SendOkAsync(HttpMethod.Put, "/api/playbook", added);
        Assert.Equal(count, removed["factors"]![2]!["levels"]!.AsArray().Count);
    }

    [Fact]
    public async Task SavingOverAnOlderVersionAnswers409WithTheCurrentVersion()
    {
        var document = await EditableAsync();
        document["signals"]!["busyActivityCount"] = (document["signals"]!["busyActivityCount"]!.GetValue<int>() % 50) + 1;
        var saved = await _admin.SendOkAsync(HttpMethod.Put, "/api/playbook", document);

        var response = await _admin.PutAsJsonAsync("/api/playbook", document);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"Expected 409, got {(int)response.StatusCode}: {text}");
        Assert.Equal(saved["version"]!.GetValue<int>(), JsonNode.Parse(text)!["currentVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task OnlyAnAdminMayEditThePlaybook()
    {
        var document = await EditableAsync();
        var before = await VersionCountAsync();
        document["stages"]![0]!["stallAfterDays"] = 3;

        foreach (var person in new[] { app.Rep, app.Manager })
        {
            var client = app.ClientFor(person);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync("/api/playbook", document)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/playbook/edit")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PutAsJsonAsync("/api/playbook", document)).StatusCode);
        Assert.Equal(before, await VersionCountAsync());
    }

    [Fact]
    public async Task HistoryKeepsTheLadderTextItWasRecordedUnder()
    {
        var card = await NewDealAsync($"Harbour Freight {Guid.NewGuid():N}");
        card = await RecordAsync(card, "value", 1);
        var document = await EditableAsync();
        var old = document["factors"]![3]!["levels"]![1]!["en"]!.GetValue<string>();
        document["factors"]![3]!["levels"]![1]!["en"] = "Value proposition agreed with the contact";
        await _admin.SendOkAsync(HttpMethod.Put, "/api/playbook", document);

        await RecordAsync(card, "value", 1 + 1);
        var history = (await _admin.GetJsonAsync($"/api/deals/{card["id"]}/history")).AsArray();

        var first = history.Single(h => h!["to"]!.GetValue<int>() == 1)!;
        Assert.Equal(old, first["toText"]!.GetValue<string>());
        var current = await _admin.GetJsonAsync("/api/playbook");
        Assert.Equal("Value proposition agreed with the contact", current["factors"]![3]!["levels"]![1]!["text"]!.GetValue<string>());
        Assert.True(history.Single(h => h!["to"]!.GetValue<int>() == 2)!["playbookVersion"]!.GetValue<int>() > first["playbookVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task LoweringAStagesStallAfterDaysMakesADealStalledOnTheBoard()
    {
        // Started 10 days ago at discover, which stalls after 14 days by default.
        var card = await NewDealAsync($"Delta Parcels {Guid.NewGuid():N}", PipelineApp.StartDate.AddDays(-10));
        var document = await EditableAsync();
        document["stages"]![0]!["stallAfterDays"] = 14;
        await _admin.SendOkAsync(HttpMethod.Put, "/api/playbook", document);
        Assert.DoesNotContain("stalled", await FlagsOnTheBoardAsync(card));

        document = await EditableAsync();
        document["stages"]![0]!["stallAfterDays"] = 7;
        await _admin.SendOkAsync(HttpMethod.Put, "/api/playbook", document);

        Assert.Contains("stalled", await FlagsOnTheBoardAsync(card));
    }

    private async Task<string[]> FlagsOnTheBoardAsync(JsonNode card)
    {
        var board = await app.ClientFor(app.Manager).GetJsonAsync("/api/board");
        var onBoard = board["columns"]!.AsArray().SelectMany(c => c!["deals"]!.AsArray()).Single(d => d!["id"]!.GetValue<Guid>() == card["id"]!.GetValue<Guid>())!;
        return onBoard["flags"].Strings();
    }

    private Task<JsonNode> EditableAsync() => _admin.GetJsonAsync("/api/playbook/edit");

    private async Task<int> VersionCountAsync() => (await _admin.GetJsonAsync("/api/playbook/versions")).AsArray().Count;

    private Task<JsonNode> NewDealAsync(string customer, DateOnly? startedOn = null) =>
        app.ClientFor(app.Manager).PostOkAsync("/api/deals", new
        {
            customer,
            industry = "3C electronics",
            region = "South China",
            title = "Seven warehouses nationwide",
            serviceLine = "warehousing",
            ownerId = app.Rep.Id,
            annualValue = 12_500_000m,
            targetCloseDate = PipelineApp.StartDate.AddMonths(4),
            startedOn,
        });

    private Task<JsonNode> RecordAsync(JsonNode card, string factor, int level)
    {
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        return app.ClientFor(app.Manager).PostOkAsync($"/api/deals/{card["id"]}/checkpoints", new
        {
            factor,
            level,
            note = "Confirmed in the steering meeting",
            evidence = new { kind = "meeting", detail = "Minutes on file" },
            version = card["version"]!.GetValue<int>(),
        });
    }
}

public sealed class SqlitePlaybookApiTests(SqliteApp app) : PlaybookApiTests<SqliteApp>(app);

public sealed class PostgresPlaybookApiTests(PostgresApp app) : PlaybookApiTests<PostgresApp>(app);
