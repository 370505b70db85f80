using System.Text.Json.Nodes;
using KeyAccountPipeline.Web.Tests.Infrastructure;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Decision 0019: the review's "newly stalled" and "newly busy but stuck" read each end of the window from the deal's history as it
/// had been RECORDED by then (METHOD.md, "Precise readings"). Every case moves the shared clock to record its rows on their own
/// days, so a row recorded after a moment is really unknown at it; D is the case's today in Shanghai. The discover stage stalls
/// after 14 days; busy but stuck is 3 activities in the last 30 days without an advance.
/// </summary>
public abstract class ReviewReadingTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    /// <summary>
    /// One row recorded on the case's timeline: day offsets from D; rows are recorded at 10:00 Shanghai time on
    /// <see cref="Recorded"/>, or <see cref="AtStartOf"/>'s midnight plus <see cref="Seconds"/> when that is set.
    /// </summary>
    public sealed record Step(string What, int Recorded, int Occurred = 0, string Factor = "need", int Level = 1, int? AtStartOf = null, int Seconds = 0);

    private static Step Create(int startedOn, int recorded) => new("create", recorded, startedOn);

    private static Step Advance(int occurred, int recorded, string factor = "need", int level = 1) => new("checkpoint", recorded, occurred, factor, level);

    private static Step Visit(int occurred, int recorded) => new("visit", recorded, occurred);

    private static readonly Dictionary<string, Step[]> Scenarios = new()
    {
        // Fault 1: the need 0 → 1 dated D-16 was entered today; at D-20 and D-1 as known then, 80 and 99 days without an advance.
        ["advance entered today"] = [Create(-100, -25), Advance(-16, 0)],
        ["deal entered today"] = [Create(-100, 0), Advance(-16, 0)],
        // Stalled at the end of a past window (20 days), then an advance entered after it.
        ["stalls in a past window"] = [Create(-30, -30), Advance(-5, -5)],
        // Fault 2: visits dated D-25..D-23, entered today or on their days.
        ["visits entered today"] = [Create(-100, -40), Visit(-25, 0), Visit(-24, 0), Visit(-23, 0)],
        ["visits entered on their days"] = [Create(-100, -40), Visit(-25, -25), Visit(-24, -24), Visit(-23, -23)],
        ["busy in a past window"] = [Create(-100, -40), Visit(-15, -15), Visit(-14, -14), Visit(-13, -13), Advance(-2, -2)],
        // The window starts at 00:00 Shanghai time on D-20, 16:00 UTC on D-21: an advance entered one second before is known then.
        ["advance entered a second before the start"] =
            [Create(-100, -40), new("checkpoint", 0, -22, AtStartOf: -20, Seconds: -1), Advance(0, 0, "power")],
        ["advance entered at the start"] =
            [Create(-100, -40), new("checkpoint", 0, -22, AtStartOf: -20), Advance(0, 0, "power")],
        // Today's rules kept: stalled only after more than 14 days; a resume does not reset the clock; a deal new in the window.
        ["started 14 days ago"] = [Create(-14, -14)],
        ["started 15 days ago"] = [Create(-15, -15)],
        ["resumed yesterday"] = [Create(-40, -40), new("hold", -30), new("resume", -1)],
        ["resumed in a past window"] = [Create(-40, -40), new("hold", -30), new("resume", -10), new("hold", -2)],
        ["regression entered today"] = [Create(-40, -40), Advance(-30, -30, "power", 2), Advance(-10, 0, "power", 1)],
        ["created in the window"] = [Create(-100, -10)],
    };

    /// <summary>since/until: day offsets from D (until null: today). Changes: the window's checkpoint changes listed for the deal.</summary>
    public static TheoryData<string, int, int?, bool, bool, int> Cases => new()
    {
        { "advance entered today", -20, -1, false, false, 0 },
        { "advance entered today", -20, null, false, false, 1 },
        { "deal entered today", -20, -1, false, false, 0 },
        { "stalls in a past window", -20, -10, true, false, 0 },
        { "stalls in a past window", -20, null, false, false, 1 },
        { "visits entered today", -20, -1, false, false, 0 },
        { "visits entered today", -20, null, false, true, 0 },
        { "visits entered on their days", -20, null, false, false, 0 },
        { "busy in a past window", -20, -5, false, true, 0 },
        { "advance entered a second before the start", -20, -1, true, false, 0 },
        { "advance entered at the start", -20, -1, false, false, 1 },
        { "started 14 days ago", -2, -1, false, false, 0 },
        { "started 15 days ago", -2, -1, false, false, 0 },
        { "started 14 days ago", -1, null, false, false, 0 },
        { "started 15 days ago", -1, null, true, false, 0 },
        { "resumed yesterday", -2, null, true, false, 0 },
        { "resumed in a past window", -20, -5, true, false, 0 },
        { "regression entered today", 0, null, false, false, 1 },
        { "regression entered today", -12, -1, false, false, 0 },
        { "created in the window", -20, null, true, false, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachEndOfTheWindowReadsTheHistoryAsRecordedByThen(string scenario, int since, int? until, bool newlyStalled, bool newlyBusy, int changes)
    {
        var (id, today) = await PlayAsync(Scenarios[scenario]);

        var review = await ChangesAsync(today.AddDays(since), until is { } end ? today.AddDays(end) : null);

        var deal = Find(review, id);
        Assert.Equal(
            (newlyStalled, newlyBusy, changes),
            (deal?["newlyStalled"]!.GetValue<bool>() ?? false, deal?["newlyBusyButStuck"]!.GetValue<bool>() ?? false, deal?["changes"]!.AsArray().Count ?? 0));
        Assert.Equal(
            review["deals"]!.AsArray().Count(d => d!["newlyStalled"]!.GetValue<bool>()), review["totals"]!["newlyStalled"]!.GetValue<int>());
    }

    [Fact]
    public async Task AResumeDoesNotResetTheStallClock()
    {
        var (id, today) = await PlayAsync(Scenarios["resumed yesterday"]);

        var review = await ChangesAsync(today.AddDays(-2), null);

        Assert.True(Find(review, id)!["newlyStalled"]!.GetValue<bool>());
        Assert.Equal(40, await DaysSinceAdvanceAsync(id));
    }

    /// <summary>Fault 3: need 0 → 3 in one change is three levels advanced, in the review and in the insights alike, in one change.</summary>
    [Fact]
    public async Task AdvancedIsLevelsGainedInTheReviewAsInTheInsights()
    {
        var (id, today) = await PlayAsync([Create(-10, -10)]);
        var manager = app.ClientFor(app.Manager);
        var before = RepAdvanced(await manager.GetJsonAsync("/api/insights"));
        await CheckpointAsync(id, "need", 3, 1, at: Local(today, 9));
        await CheckpointAsync(id, "power", 1, 2, at: Local(today, 9));

        var review = await ChangesAsync(today, null);
        var after = RepAdvanced(await manager.GetJsonAsync("/api/insights"));

        var deal = Find(review, id)!;
        Assert.Equal((4, 2), (deal["advanced"]!.GetValue<int>(), deal["advancingChanges"]!.GetValue<int>()));
        Assert.Equal(4, after - before);
        Assert.True(review["totals"]!["advanced"]!.GetValue<int>() >= 4);
        Assert.Equal(review["deals"]!.AsArray().Sum(d => d!["advanced"]!.GetValue<int>()), review["totals"]!["advanced"]!.GetValue<int>());
        Assert.Equal(review["deals"]!.AsArray().Sum(d => d!["advancingChanges"]!.GetValue<int>()), review["totals"]!["advancingChanges"]!.GetValue<int>());
    }

    private int RepAdvanced(JsonNode insights) =>
        insights["reps"]!.AsArray().Single(r => r!["person"]!["id"]!.GetValue<Guid>() == app.Rep.Id)!["advancedPerWeek"]!.AsArray().Sum(n => n!.GetValue<int>());

    private async Task<int> DaysSinceAdvanceAsync(Guid id) =>
        (await app.ClientFor(app.Manager).GetJsonAsync($"/api/deals/{id}"))["card"]!["daysSinceAdvance"]!.GetValue<int>();

    /// <summary>Records the steps in the order they were entered, each with the clock at its recording time; returns the deal and D.</summary>
    private async Task<(Guid Id, DateOnly Today)> PlayAsync(Step[] steps)
    {
        var local = app.Clock.GetUtcNow().ToOffset(Shanghai);
        var today = DateOnly.FromDateTime(local.Date).AddDays(120);
        DateTimeOffset RecordedAt(Step s) => s.AtStartOf is { } day ? Local(today.AddDays(day), 0).AddSeconds(s.Seconds) : Local(today.AddDays(s.Recorded), 10);
        Guid id = default;
        var version = 0;
        foreach (var step in steps.OrderBy(RecordedAt))
        {
            app.Clock.SetUtcNow(RecordedAt(step).ToUniversalTime());
            var manager = app.ClientFor(app.Manager);
            switch (step.What)
            {
                case "create":
                    var card = await manager.PostOkAsync("/api/deals", new
                    {
                        customer = $"Reading {Guid.NewGuid():N}", industry = "Retail", title = "Regional DC", serviceLine = "warehousing",
                        ownerId = app.Rep.Id, annualValue = 1_000_000m, targetCloseDate = today.AddYears(1), startedOn = today.AddDays(step.Occurred),
                    });
                    (id, version) = (card["id"]!.GetValue<Guid>(), card["version"]!.GetValue<int>());
                    break;
                case "checkpoint":
                    var occurred = step.Occurred == step.Recorded && step.AtStartOf is null ? RecordedAt(step).AddHours(-1) : Local(today.AddDays(step.Occurred), 9);
                    version = await CheckpointAsync(id, step.Factor, step.Level, version, occurred);
                    break;
                case "visit":
                    await manager.PostOkAsync($"/api/deals/{id}/activities",
                        new { kind = "visit", summary = "Warehouse visit", occurredAt = Local(today.AddDays(step.Occurred), 9) });
                    break;
                default:
                    version = (await manager.PostOkAsync($"/api/deals/{id}/{step.What}", new { reason = "Budget review", version }))["version"]!.GetValue<int>();
                    break;
            }
        }

        app.Clock.SetUtcNow(Local(today, 12).ToUniversalTime());
        return (id, today);
    }

    private static DateTimeOffset Local(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), Shanghai);

    /// <summary>Records a change and returns the deal's new version.</summary>
    private async Task<int> CheckpointAsync(Guid id, string factor, int level, int version, DateTimeOffset at)
    {
        var card = await app.ClientFor(app.Manager).PostOkAsync($"/api/deals/{id}/checkpoints",
            new { factor, level, note = "Confirmed on site", occurredAt = at, version });
        return card["version"]!.GetValue<int>();
    }

    private Task<JsonNode> ChangesAsync(DateOnly since, DateOnly? until) => app.ClientFor(app.Manager).ReviewChangesAsync(since, until);

    private static JsonNode? Find(JsonNode changes, Guid id) => changes.ReviewedDeal(id);
}

public sealed class SqliteReviewReadingTests(SqliteApp app) : ReviewReadingTests<SqliteApp>(app);

public sealed class PostgresReviewReadingTests(PostgresApp app) : ReviewReadingTests<PostgresApp>(app);
