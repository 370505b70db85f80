using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Every committed change announces "deal X changed" (on PostgreSQL through LISTEN/NOTIFY, on SQLite within the
/// process); open pages re-read on hearing it. Runs once on SQLite and once on PostgreSQL.
/// </summary>
public abstract class LiveChangesTests<TApp>(TApp app) : IClassFixture<TApp>, IDisposable
    where TApp : PipelineApp
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly HttpClient _client = app.ClientFor(app.Manager);
    private readonly Heard _heard = new(app.Services.GetRequiredService<PipelineChanges>());

    [Fact]
    public async Task EveryKindOfDealChangeIsAnnouncedWithTheDealsId()
    {
        var card = await AnnouncedAsync(null, () => _client.PostOkAsync("/api/deals", NewDeal("Live Notice Logistics")));
        var id = card["id"]!.GetValue<Guid>();
        var url = $"/api/deals/{id}";

        card = await AnnouncedAsync(id, () => _client.PostOkAsync($"{url}/checkpoints", new
        {
            factor = "need", level = 1, note = "Pain confirmed", evidence = new { kind = "call", detail = "Call notes" }, version = 1,
        }));
        card = await AnnouncedAsync(id, () => _client.PostOkAsync($"{url}/activities", new { kind = "visit", summary = "Walked the warehouse" }));
        card = await AnnouncedAsync(id, () => _client.SendOkAsync(HttpMethod.Put, url, new
        {
            title = "Two warehouses", serviceLine = "warehousing", annualValue = 9_000_000m,
            targetCloseDate = PipelineApp.StartDate.AddMonths(4), startedOn = PipelineApp.StartDate, version = Version(card),
        }));
        card = await AnnouncedAsync(id, () => _client.PostOkAsync($"{url}/hold", new { reason = "Budget frozen", version = Version(card) }));
        card = await AnnouncedAsync(id, () => _client.PostOkAsync($"{url}/resume", new { reason = "Budget approved", version = Version(card) }));
        card = await AnnouncedAsync(id, () => _client.PostOkAsync($"{url}/owner", new { ownerId = app.OtherRep.Id, version = Version(card) }));
        await AnnouncedAsync(id, () => _client.PostOkAsync($"{url}/coaching", new { text = "Ask who signs" }));
        var stakeholder = await AnnouncedAsync(id, () => _client.PostOkAsync($"{url}/stakeholders", new { name = "赵敏 Zhao Min", role = "vetoHolder" }));
        await AnnouncedAsync(id, () => _client.SendOkAsync(HttpMethod.Put, $"{url}/stakeholders/{stakeholder["id"]}",
            new { name = "赵敏 Zhao Min", role = "vetoHolder", vetoStatus = "agreed" }));
        await AnnouncedAsync(id, async () =>
        {
            Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"{url}/stakeholders/{stakeholder["id"]}")).StatusCode);
            return card;
        });
        card = await AnnouncedAsync(id, () => _client.PostOkAsync($"{url}/close", new { outcome = "lost", reason = "price", version = Version(card) }));
        await AnnouncedAsync(id, () => _client.PostOkAsync($"{url}/reopen", new { note = "Second try", version = Version(card) }));
    }

    [Fact]
    public async Task AReviewAnnouncesTheDealsItGaveActionItemsAndClosingOneAnnouncesItsDeal()
    {
        var card = await _client.PostOkAsync("/api/deals", NewDeal("Review Notice Cold Chain"));
        var id = card["id"]!.GetValue<Guid>();
        var today = PipelineApp.StartDate;

        var review = await AnnouncedAsync(id, () => _client.PostOkAsync("/api/reviews", new
        {
            heldOn = today,
            attendees = new[] { app.Manager.Id },
            actionItems = new[] { new { dealId = id, ownerId = app.Rep.Id, text = "Send the quote", dueOn = today } },
        }));
        await AnnouncedAsync(id, () => _client.PostOkAsync($"/api/action-items/{review["actionItems"]![0]!["id"]}/done", new { }));
    }

    [Fact]
    public async Task ARefusedChangeAnnouncesNothing()
    {
        var card = await _client.PostOkAsync("/api/deals", NewDeal("Stale Version Freight"));
        var id = card["id"]!.GetValue<Guid>();
        await _heard.WaitForAsync(PipelineChange.Deal(id), 1, Patience);

        var stale = await _client.PostAsJsonAsync($"/api/deals/{id}/hold", new { reason = "Budget frozen", version = 7 });
        var forbidden = await app.ClientFor(app.OtherRep).PostAsJsonAsync($"/api/deals/{id}/activities", new { kind = "call", summary = "Not mine" });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        // A notification takes milliseconds; give a wrong one time to arrive.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Equal(1, _heard.Count(PipelineChange.Deal(id)));
    }

    [Fact]
    public async Task APlaybookSavedElsewhereIsReadAfreshWhenItsChangeIsHeard()
    {
        var shown = (await _client.GetJsonAsync("/api/playbook"))["version"]!.GetValue<int>();
        var heard = _heard.Count(PipelineChange.Playbook);

        // What another instance's save leaves behind: a newer version in the database, and its announcement.
        await app.QueryAsync(async db =>
        {
            var latest = await db.Playbooks.OrderByDescending(p => p.Version).FirstAsync();
            db.Playbooks.Add(new PlaybookRecord { Version = latest.Version + 1, Document = latest.Document, CreatedAt = app.Clock.GetUtcNow() });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(shown, (await _client.GetJsonAsync("/api/playbook"))["version"]!.GetValue<int>()); // still the cached one
        await app.Services.GetRequiredService<PipelineChanges>().PublishAsync(PipelineChange.Playbook);
        await _heard.WaitForAsync(PipelineChange.Playbook, heard + 1, Patience);

        Assert.Equal(shown + 1, (await _client.GetJsonAsync("/api/playbook"))["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task DataProtectionKeysAreKeptInTheDatabase()
    {
        await app.SignInAsync(app.Admin.Email, PipelineApp.Password); // a bearer token is protected with the key ring

        var keys = await app.QueryAsync(db => db.DataProtectionKeys.CountAsync());

        Assert.True(keys >= 1, "No Data Protection key was stored in the database.");
    }

    private async Task<System.Text.Json.Nodes.JsonNode> AnnouncedAsync(Guid? id, Func<Task<System.Text.Json.Nodes.JsonNode>> change)
    {
        var before = id is { } known ? _heard.Count(PipelineChange.Deal(known)) : 0;
        var result = await change();
        var dealId = id ?? result["id"]!.GetValue<Guid>();
        await _heard.WaitForAsync(PipelineChange.Deal(dealId), before + 1, Patience);
        return result;
    }

    private static int Version(System.Text.Json.Nodes.JsonNode card) => card["version"]!.GetValue<int>();

    private object NewDeal(string customer) => new
    {
        customer = $"{customer} {Guid.NewGuid():N}",
        industry = "3C electronics",
        region = "South China",
        title = "Seven warehouses nationwide",
        serviceLine = "warehousing",
        ownerId = app.Rep.Id,
        annualValue = 12_500_000m,
        targetCloseDate = PipelineApp.StartDate.AddMonths(4),
    };

    public void Dispose() => _heard.Dispose();

    /// <summary>Every change this app instance hears, counted.</summary>
    private sealed class Heard : IDisposable
    {
        private readonly PipelineChanges _changes;
        private readonly ConcurrentDictionary<PipelineChange, int> _counts = new();

        public Heard(PipelineChanges changes)
        {
            _changes = changes;
            changes.Changed += Record;
        }

        public int Count(PipelineChange change) => _counts.GetValueOrDefault(change);

        public async Task WaitForAsync(PipelineChange change, int count, TimeSpan patience)
        {
            var until = DateTime.UtcNow + patience;
            while (Count(change) < count)
            {
                Assert.True(DateTime.UtcNow < until, $"Heard {change.Payload} {Count(change)} times, expected {count} within {patience}.");
                await Task.Delay(20);
            }
        }

        private void Record(PipelineChange change) => _counts.AddOrUpdate(change, 1, (_, n) => n + 1);

        public void Dispose() => _changes.Changed -= Record;
    }
}

public sealed class SqliteLiveChangesTests(SqliteApp app) : LiveChangesTests<SqliteApp>(app);

public sealed class PostgresLiveChangesTests(PostgresApp app) : LiveChangesTests<PostgresApp>(app);
