using System.Net;
using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Containment: dates already stored outside the range (an older version, a hand edit, an import; written here with
/// SQL, bypassing the app) never make a read fail for everyone. The board, lists, a deal, insights, the review and the
/// CSV files answer; the odd deal shows its dates clamped into 2000-01-01 … 2100-12-31 and is marked. On PostgreSQL the
/// year-1 and year-9999 values are stored as -infinity and infinity, as the issue saw them.
/// </summary>
public abstract class StoredOutOfRangeTests<TApp>(TApp app) : IClassFixture<TApp>, IAsyncLifetime
    where TApp : PipelineApp
{
    private static readonly DateTimeOffset YearOne = DateTimeOffset.MinValue;
    private static readonly DateTimeOffset LastSecond = new(9999, 12, 31, 23, 59, 59, TimeSpan.Zero);

    private readonly HttpClient _manager = app.ClientFor(app.Manager);
    private Guid _oddStart;
    private Guid _oddTarget;
    private Guid _oddAdvance;

    /// <summary>Each test writes its own odd rows (xunit makes a new instance per test).</summary>
    public async Task InitializeAsync()
    {
        _oddStart = await CreateDealAsync("Odd Start Logistics");
        _oddTarget = await CreateDealAsync("Odd Target Freight");
        _oddAdvance = await CreateDealAsync("Odd Advance Shipping");
        await _manager.PostOkAsync($"/api/deals/{_oddStart}/activities", new { kind = "visit", summary = "Visit" });
        await _manager.PostOkAsync($"/api/deals/{_oddAdvance}/checkpoints", new { factor = "need", level = 1, note = "Interviewed", version = 1 });
        var review = await _manager.PostOkAsync("/api/reviews", new { heldOn = PipelineApp.StartDate, attendees = new[] { app.Manager.Id } });

        var activity = await app.QueryAsync(db => db.Activities.Where(a => a.DealId == _oddStart).Select(a => a.Id).SingleAsync());
        var change = await app.QueryAsync(db => db.CheckpointChanges.Where(c => c.DealId == _oddAdvance).Select(c => c.Id).SingleAsync());
        await SetAsync("Deals", "StartedOn", _oddStart, DateOnly.MinValue);
        await SetAsync("Deals", "TargetCloseDate", _oddTarget, DateOnly.MaxValue);
        await SetAsync("Deals", "LastUpwardAt", _oddAdvance, LastSecond);
        await SetAsync("Activities", "OccurredAt", activity, YearOne);
        await SetAsync("CheckpointChanges", "OccurredAt", change, LastSecond);
        await SetAsync("Reviews", "HeldOn", review["id"]!.GetValue<Guid>(), DateOnly.MinValue);
        await SetAsync("Reviews", "Since", review["id"]!.GetValue<Guid>(), DateOnly.MinValue);
        // Hand edits bump no version: the shared board learns of them as of anything else done outside the app, when told
        // (docs/decisions/0039-shared-board-snapshot.md).
        await app.Services.GetRequiredService<PipelineChanges>().PublishAsync(PipelineChange.Anything);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/api/board")]
    [InlineData("/api/deals")]
    [InlineData("/api/deals?status=all")]
    [InlineData("/api/insights")]
    [InlineData("/api/review/changes")]
    [InlineData("/api/export/board.csv")]
    [InlineData("/api/action-items?owner=all")]
    public async Task EveryReadStaysUp(string url)
    {
        var response = await _manager.GetAsync(url);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task TheOddDealsReadWithTheirDatesClampedAndMarked()
    {
        var board = await _manager.GetJsonAsync("/api/board");
        var cards = board["columns"]!.AsArray().SelectMany(c => c!["deals"]!.AsArray()).ToDictionary(c => c!["id"]!.GetValue<Guid>());

        Assert.Equal("2000-01-01", cards[_oddStart]!["startedOn"]!.GetValue<string>());
        Assert.Equal(["startedOn"], cards[_oddStart]!["dataWarnings"].Strings());
        Assert.Equal("2100-12-31", cards[_oddTarget]!["targetCloseDate"]!.GetValue<string>());
        Assert.Equal(["targetCloseDate"], cards[_oddTarget]!["dataWarnings"].Strings());
        Assert.Equal(["lastAdvanceAt"], cards[_oddAdvance]!["dataWarnings"].Strings());
        var ordinary = await CreateDealAsync("Ordinary Dates Trading");
        Assert.Null((await _manager.GetJsonAsync($"/api/deals/{ordinary}"))["card"]!["dataWarnings"]);
    }

    [Fact]
    public async Task TheOddDealsOwnPagesAndFilesStayUp()
    {
        foreach (var url in new[]
        {
            $"/api/deals/{_oddStart}", $"/api/deals/{_oddStart}/timeline", $"/api/deals/{_oddStart}/history",
            $"/api/deals/{_oddAdvance}", $"/api/deals/{_oddAdvance}/history", $"/api/deals/{_oddAdvance}/history.csv", $"/api/deals/{_oddTarget}",
        })
        {
            var response = await _manager.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var detail = await _manager.GetJsonAsync($"/api/deals/{_oddStart}");
        Assert.Equal(["startedOn"], detail["card"]!["dataWarnings"].Strings());
    }

    [Fact]
    public async Task ThePagesStayUp()
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SignInForm.PostAsync(browser, app.Manager.Email, PipelineApp.Password);

        foreach (var page in new[] { "/", "/insights", "/review", "/my/actions", $"/deals/{_oddStart}", $"/deals/{_oddAdvance}" })
        {
            var response = await browser.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private async Task<Guid> CreateDealAsync(string customer)
    {
        var card = await _manager.PostOkAsync("/api/deals", new
        {
            customer = $"{customer} {Guid.NewGuid():N}"[..(customer.Length + 9)], industry = "x", title = "t", serviceLine = "transport",
            annualValue = 1, targetCloseDate = "2027-01-01", ownerId = app.Rep.Id,
        });
        return card["id"]!.GetValue<Guid>();
    }

    /// <summary>Writes one value with SQL, as a hand edit or an older version would; SQLite keeps instants in EF's binary form.</summary>
    private Task SetAsync(string table, string column, Guid id, object value) => app.QueryAsync(db =>
    {
        if (value is DateTimeOffset instant && db.Database.IsSqlite())
        {
            value = new DateTimeOffsetToBinaryConverter().ConvertToProvider(instant)!;
        }

        // The table and column are this test's own constants; the values go as parameters.
#pragma warning disable EF1002
        return db.Database.ExecuteSqlRawAsync($"UPDATE \"{table}\" SET \"{column}\" = {{0}} WHERE \"Id\" = {{1}}", value, id);
#pragma warning restore EF1002
    });
}

public sealed class SqliteStoredOutOfRangeTests(SqliteApp app) : StoredOutOfRangeTests<SqliteApp>(app);

public sealed class PostgresStoredOutOfRangeTests(PostgresApp app) : StoredOutOfRangeTests<PostgresApp>(app);
