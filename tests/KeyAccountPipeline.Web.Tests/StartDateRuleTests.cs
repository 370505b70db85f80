using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// METHOD.md, "Precise readings": dates: nothing on a deal is dated before its start date, in the
/// organisation's days (Shanghai: the start day begins at 16:00 UTC the day before), and the start date cannot move past the
/// earliest recorded change or activity. A refusal is a 400 naming the field, and nothing is written.
/// </summary>
public abstract class StartDateRuleTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private readonly HttpClient _manager = app.ClientFor(app.Manager);

    /// <summary>seconds: from 00:00 Shanghai time on the deal's start day (ten days ago).</summary>
    [Theory]
    [InlineData("checkpoints", -1, false)]
    [InlineData("checkpoints", 0, true)]
    [InlineData("checkpoints", -30 * 86_400, false)]
    [InlineData("activities", -1, false)]
    [InlineData("activities", 0, true)]
    [InlineData("activities", -30 * 86_400, false)]
    public async Task NothingIsDatedBeforeTheDealStarted(string what, int seconds, bool accepted)
    {
        var startedOn = PipelineApp.StartDate.AddDays(-10);
        var card = await DealAsync(startedOn);
        var occurredAt = new DateTimeOffset(startedOn.ToDateTime(TimeOnly.MinValue), Shanghai).AddSeconds(seconds);
        object body = what == "checkpoints"
            ? new { factor = "need", level = 1, note = "Interviewed the contact", occurredAt, version = 1 }
            : new { kind = "visit", summary = "Warehouse visit", occurredAt };
        var before = await RowsAsync(card.Id);

        var response = await _manager.PostAsJsonAsync($"/api/deals/{card.Id}/{what}", body);

        if (accepted)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(before + 1, await RowsAsync(card.Id));
        }
        else
        {
            var problem = await response.AssertFieldErrorAsync("occurredAt");
            Assert.Contains($"started on {startedOn:yyyy-MM-dd}", problem["errors"]!["occurredAt"]![0]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(before, await RowsAsync(card.Id));
        }
    }

    /// <summary>The earliest row is a change or an activity dated five days after the start (days from the start).</summary>
    [Theory]
    [InlineData("checkpoints", 6, false)]
    [InlineData("checkpoints", 5, true)]
    [InlineData("checkpoints", -3, true)]
    [InlineData("activities", 6, false)]
    [InlineData("activities", 5, true)]
    public async Task TheStartDateCannotMovePastTheEarliestRecordedWork(string what, int newStart, bool accepted)
    {
        var startedOn = PipelineApp.StartDate.AddDays(-10);
        var card = await DealAsync(startedOn);
        var occurredAt = new DateTimeOffset(startedOn.AddDays(5).ToDateTime(new TimeOnly(23, 0)), Shanghai);
        var version = what == "checkpoints"
            ? (await _manager.PostOkAsync($"/api/deals/{card.Id}/checkpoints",
                new { factor = "need", level = 1, note = "Interviewed the contact", occurredAt, version = 1 }))["version"]!.GetValue<int>()
            : (await _manager.PostOkAsync($"/api/deals/{card.Id}/activities",
                new { kind = "call", summary = "Call with the contact", occurredAt }))["version"]!.GetValue<int>();

        var response = await _manager.PutAsJsonAsync($"/api/deals/{card.Id}", new
        {
            title = "Regional DC", serviceLine = "warehousing", annualValue = 1_000_000m, targetCloseDate = PipelineApp.StartDate.AddYears(1),
            startedOn = startedOn.AddDays(newStart), version,
        });

        var stored = await app.QueryAsync(db => db.Deals.Where(d => d.Id == card.Id).Select(d => d.StartedOn).SingleAsync());
        if (accepted)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(startedOn.AddDays(newStart), stored);
        }
        else
        {
            var problem = await response.AssertFieldErrorAsync("startedOn");
            Assert.Contains($"dated {startedOn.AddDays(5):yyyy-MM-dd}", problem["errors"]!["startedOn"]![0]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(startedOn, stored);
        }
    }

    private async Task<(Guid Id, JsonNode Card)> DealAsync(DateOnly startedOn)
    {
        var card = await _manager.PostOkAsync("/api/deals", new
        {
            customer = $"Start Rule {Guid.NewGuid():N}", industry = "Retail", title = "Regional DC", serviceLine = "warehousing",
            ownerId = app.Rep.Id, annualValue = 1_000_000m, targetCloseDate = PipelineApp.StartDate.AddYears(1), startedOn,
        });
        return (card["id"]!.GetValue<Guid>(), card);
    }

    private Task<int> RowsAsync(Guid id) => app.QueryAsync(async db =>
        await db.CheckpointChanges.CountAsync(c => c.DealId == id) + await db.Activities.CountAsync(a => a.DealId == id));
}

public sealed class SqliteStartDateRuleTests(SqliteApp app) : StartDateRuleTests<SqliteApp>(app);

public sealed class PostgresStartDateRuleTests(PostgresApp app) : StartDateRuleTests<PostgresApp>(app);
