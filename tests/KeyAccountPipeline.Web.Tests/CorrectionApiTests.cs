using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Web.Tests.Infrastructure;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// METHOD.md, "Corrections are not regressions", through the API: a rep taps Power 4 meaning 3 and corrects it at once. Runs on
/// SQLite and PostgreSQL. The fixture's clock moves minutes, so each test reads the review from today.
/// </summary>
public abstract class CorrectionApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private readonly HttpClient _rep = app.ClientFor(app.Rep);

    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Date);

    [Fact]
    public async Task SlipCorrectedWithinTheWindowIsNoRegressionOnTheCardNorInTheReview()
    {
        var (id, card) = await DealAsync("Slip Power Logistics");
        card = await RecordAsync(id, "power", 3, card, "Met the COO");
        card = await RecordAsync(id, "power", 4, card, "Met the COO (tapped 4)");
        var slip = (await HistoryAsync(id))[^1]!["id"]!.GetValue<Guid>();
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        var response = await _rep.PostAsJsonAsync($"/api/deals/{id}/checkpoints/{slip}/correct", new { level = 3, version = Version(card) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        card = await response.ReadJsonAsync();
        Assert.Equal(3, card["levels"]!["power"]!.GetValue<int>());
        Assert.DoesNotContain("regressed", card["flags"].Strings());
        var history = await HistoryAsync(id);
        Assert.Equal(3, history.Count);
        var corrected = history[1]!;
        Assert.Equal(slip, corrected["id"]!.GetValue<Guid>());
        Assert.Equal(app.Rep.Name, corrected["correctedBy"]!["by"]!["name"]!.GetValue<string>());
        Assert.Equal(3, corrected["correctedBy"]!["to"]!.GetValue<int>());
        var correction = history[2]!;
        Assert.Equal(slip, correction["corrects"]!.GetValue<Guid>());
        Assert.Equal((3, 3), (correction["from"]!.GetValue<int>(), correction["to"]!.GetValue<int>()));
        Assert.False(correction["regression"]!.GetValue<bool>());
        Assert.Equal(corrected["occurredAt"]!.GetValue<DateTimeOffset>(), correction["occurredAt"]!.GetValue<DateTimeOffset>());
        var timeline = (await _rep.GetJsonAsync($"/api/deals/{id}/timeline")).AsArray();
        Assert.Contains(timeline, e => e!["checkpoint"]?["correctedBy"] is not null);

        // The review counts the one real advance (0 → 3) and no regression.
        var review = await ReviewedAsync(id);
        var change = Assert.Single(review["changes"]!.AsArray())!;
        Assert.Equal((0, 3), (change["from"]!.GetValue<int>(), change["to"]!.GetValue<int>()));
        Assert.Equal(0, review["regressions"]!.GetValue<int>());
        Assert.Equal(3, review["advanced"]!.GetValue<int>());
    }

    [Fact]
    public async Task WithoutTheCorrectionTheSameTwoTapsAreARegression()
    {
        var (id, card) = await DealAsync("Slip Uncorrected Logistics");
        card = await RecordAsync(id, "power", 4, card, "Met the COO (tapped 4)");

        card = await RecordAsync(id, "power", 3, card, "Meant 3");

        Assert.Contains("regressed", card["flags"].Strings());
        Assert.Equal(1, (await ReviewedAsync(id))["regressions"]!.GetValue<int>());
    }

    [Fact]
    public async Task UndoGoesBackToTheFromLevelAndGivesTheStallClockBack()
    {
        var (id, card) = await DealAsync("Slip Undo Logistics");
        var tenDaysAgo = app.Clock.GetUtcNow().AddDays(-10);
        card = await _rep.PostOkAsync($"/api/deals/{id}/checkpoints",
            new { factor = "need", level = 2, note = "Root cause written down", occurredAt = tenDaysAgo, version = Version(card) });
        var before = card["lastAdvanceAt"]!.GetValue<DateTimeOffset>();
        card = await RecordAsync(id, "need", 4, card, "Quantified (wrong deal)");
        Assert.NotEqual(before, card["lastAdvanceAt"]!.GetValue<DateTimeOffset>());
        var slip = (await HistoryAsync(id))[^1]!["id"]!.GetValue<Guid>();

        card = await _rep.PostOkAsync($"/api/deals/{id}/checkpoints/{slip}/correct", new { version = Version(card) });

        Assert.Equal(2, card["levels"]!["need"]!.GetValue<int>());
        Assert.Equal(before, card["lastAdvanceAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(10, card["daysSinceAdvance"]!.GetValue<int>());
        var review = await ReviewedAsync(id);
        var change = Assert.Single(review["changes"]!.AsArray())!;
        Assert.Equal((0, 2), (change["from"]!.GetValue<int>(), change["to"]!.GetValue<int>()));
    }

    [Fact]
    public async Task AfterTheWindowACorrectionIs409AndNothingIsWritten()
    {
        var (id, card) = await DealAsync("Slip Late Logistics");
        card = await RecordAsync(id, "power", 4, card, "Met the COO (tapped 4)");
        var slip = (await HistoryAsync(id))[^1]!["id"]!.GetValue<Guid>();
        app.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        var response = await _rep.PostAsJsonAsync($"/api/deals/{id}/checkpoints/{slip}/correct", new { level = 3, version = Version(card) });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Contains("15 minutes", problem["detail"]!.GetValue<string>());
        Assert.Equal(Version(card), problem["current"]!["version"]!.GetValue<int>());
        await AssertUnchangedAsync(id, card, rows: 1);
    }

    public static TheoryData<string, string, string> BadCorrections => new()
    {
        { "missing version", """{"level":3}""", "version" },
        { "level not a number", """{"level":"three","version":2}""", "level" },
        { "same level", """{"level":4,"version":2}""", "level" },
        { "below the from-level", """{"level":1,"version":2}""", "level" },
        { "off the ladder", """{"level":7,"version":2}""", "level" },
        { "malformed json", """{"level":3,""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadCorrections))]
    public async Task BadCorrectionIsRefusedNamingTheFieldAndNothingIsWritten(string @case, string body, string field)
    {
        var (id, card) = await DealAsync($"Slip Bad {@case}");
        card = await _rep.PostOkAsync($"/api/deals/{id}/checkpoints", new { factor = "power", level = 2, note = "Introduced", version = Version(card) });
        card = await RecordAsync(id, "power", 4, card, "Tapped 4");
        var slip = (await HistoryAsync(id))[^1]!["id"]!.GetValue<Guid>();
        body = body.Replace("\"version\":2", $"\"version\":{Version(card)}", StringComparison.Ordinal);

        var response = await _rep.PostAsync($"/api/deals/{id}/checkpoints/{slip}/correct", ApiClient.RawJson(body));

        await response.AssertFieldErrorAsync(field);
        await AssertUnchangedAsync(id, card, rows: 2);
    }

    [Fact]
    public async Task OnlyTheRecorderCorrectsAndOnlyOnce()
    {
        var (id, card) = await DealAsync("Slip Someone Else Logistics");
        card = await RecordAsync(id, "power", 4, card, "Tapped 4");
        var slip = (await HistoryAsync(id))[^1]!["id"]!.GetValue<Guid>();

        var manager = await app.ClientFor(app.Manager).PostAsJsonAsync($"/api/deals/{id}/checkpoints/{slip}/correct", new { version = Version(card) });
        Assert.Equal(HttpStatusCode.Forbidden, manager.StatusCode);
        await AssertUnchangedAsync(id, card, rows: 1);

        card = await _rep.PostOkAsync($"/api/deals/{id}/checkpoints/{slip}/correct", new { level = 3, version = Version(card) });
        var again = await _rep.PostAsJsonAsync($"/api/deals/{id}/checkpoints/{slip}/correct", new { level = 2, version = Version(card) });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        await AssertUnchangedAsync(id, card, rows: 2);
    }

    [Fact]
    public async Task StaleVersionUnknownChangeAndUnknownDealAreRefused()
    {
        var (id, card) = await DealAsync("Slip Stale Logistics");
        card = await RecordAsync(id, "power", 4, card, "Tapped 4");
        var slip = (await HistoryAsync(id))[^1]!["id"]!.GetValue<Guid>();

        var stale = await _rep.PostAsJsonAsync($"/api/deals/{id}/checkpoints/{slip}/correct", new { version = Version(card) - 1 });
        var unknownChange = await _rep.PostAsJsonAsync($"/api/deals/{id}/checkpoints/{Guid.NewGuid()}/correct", new { version = Version(card) });
        var unknownDeal = await _rep.PostAsJsonAsync($"/api/deals/{Guid.NewGuid()}/checkpoints/{slip}/correct", new { version = Version(card) });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownChange.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownDeal.StatusCode);
        await AssertUnchangedAsync(id, card, rows: 1);
    }

    private async Task<(Guid Id, JsonNode Card)> DealAsync(string customer)
    {
        var card = await app.ClientFor(app.Manager).PostOkAsync("/api/deals", new
        {
            customer = $"{customer} {Guid.NewGuid():N}", industry = "3C electronics", title = "Seven warehouses nationwide", serviceLine = "warehousing",
            ownerId = app.Rep.Id, annualValue = 1_000_000m, targetCloseDate = Today.AddMonths(4), startedOn = Today.AddDays(-30),
        });
        return (card["id"]!.GetValue<Guid>(), card);
    }

    /// <summary>Records a change a second after the last one, as a person would: changes recorded at one instant have no order to correct by.</summary>
    private Task<JsonNode> RecordAsync(Guid id, string factor, int level, JsonNode card, string note)
    {
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        return _rep.PostOkAsync($"/api/deals/{id}/checkpoints", new { factor, level, note, version = Version(card) });
    }

    private async Task<JsonArray> HistoryAsync(Guid id) => (await _rep.GetJsonAsync($"/api/deals/{id}/history")).AsArray();

    private static int Version(JsonNode card) => card["version"]!.GetValue<int>();

    /// <summary>The deal's entry in the review of today's changes.</summary>
    private async Task<JsonNode> ReviewedAsync(Guid id)
    {
        var changes = await app.ClientFor(app.Manager).GetJsonAsync($"/api/review/changes?since={Today:yyyy-MM-dd}");
        return changes["deals"]!.AsArray().Single(d => d!["card"]!["id"]!.GetValue<Guid>() == id)!;
    }

    private async Task AssertUnchangedAsync(Guid id, JsonNode card, int rows)
    {
        var now = (await _rep.GetJsonAsync($"/api/deals/{id}"))["card"]!;
        Assert.Equal(Version(card), Version(now));
        Assert.Equal(card["levels"]!.ToJsonString(), now["levels"]!.ToJsonString());
        Assert.Equal(rows, (await HistoryAsync(id)).Count);
    }
}

public sealed class SqliteCorrectionApiTests(SqliteApp app) : CorrectionApiTests<SqliteApp>(app);

public sealed class PostgresCorrectionApiTests(PostgresApp app) : CorrectionApiTests<PostgresApp>(app);
