using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Data;
using KeyAccountPipeline.Data.Imports;
using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Web.Notifications;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Issue 17 §1: each event is recorded once, for the people it concerns and never for the person who caused it, in the
/// transaction of the change (nothing when the change is refused or rolled back); time-driven events come from the scan, once;
/// old notifications are purged. Runs on SQLite and PostgreSQL. The fixture's clock moves days, so every test reads "today"
/// from it and asserts only on its own deals.
/// </summary>
public abstract class NotificationEventTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private readonly HttpClient _rep = app.ClientFor(app.Rep);
    private readonly HttpClient _manager = app.ClientFor(app.Manager);

    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Date);

    private NotificationScan Scan => app.Services.GetRequiredService<NotificationScan>();

    [Fact]
    public async Task EachEventReachesThePeopleItConcernsAndNeverThePersonWhoCausedIt()
    {
        // A manager opens a deal for the rep: assigned to the rep.
        var id = await NewDealAsync(_manager, "Event Express");
        Assert.Equal([(NotificationKind.DealAssigned, app.Rep.Id)], await KindsAsync(id));

        // The rep's own work tells the rep nothing; the rep's own regression is news for the manager only.
        await RecordAsync(_rep, id, "power", 3, "Met the COO");
        await RecordAsync(_rep, id, "power", 2, "The COO left the company");
        // The manager lowers the rep's deal: the rep is told; the manager, who did it, is not.
        await RecordAsync(_manager, id, "power", 1, "Nobody at the customer knows us now");
        await _manager.PostOkAsync($"/api/deals/{id}/coaching", new { text = "Ask who replaces the COO" });
        await _manager.PostOkAsync($"/api/deals/{id}/action-items", new { ownerId = app.Rep.Id, text = "Find the new COO", dueOn = Today.AddDays(5) });
        await _manager.PostOkAsync($"/api/deals/{id}/owner", new { ownerId = app.OtherRep.Id, version = await VersionAsync(id) });
        await _manager.PostOkAsync($"/api/deals/{id}/close", new { outcome = "won", reason = "relationship", note = "Signed", version = await VersionAsync(id) });
        await _manager.PostOkAsync($"/api/deals/{id}/reopen", new { note = "Signed the wrong entity", version = await VersionAsync(id) });
        // The new owner closes it themselves: nobody is told.
        await app.ClientFor(app.OtherRep).PostOkAsync($"/api/deals/{id}/close", new { outcome = "lost", reason = "price", version = await VersionAsync(id) });

        List<(NotificationKind, Guid)> expected =
            [
                (NotificationKind.DealAssigned, app.Rep.Id),
                (NotificationKind.TeamRegression, app.Manager.Id),
                (NotificationKind.DealRegressed, app.Rep.Id),
                (NotificationKind.CoachingNote, app.Rep.Id),
                (NotificationKind.ActionAssigned, app.Rep.Id),
                (NotificationKind.DealAssigned, app.OtherRep.Id),
                (NotificationKind.DealTakenAway, app.Rep.Id),
                (NotificationKind.DealClosed, app.OtherRep.Id),
                (NotificationKind.DealReopened, app.OtherRep.Id),
            ];
        Assert.Equal(expected.Order(), await KindsAsync(id));
        var all = await NotificationsAsync(id);
        Assert.DoesNotContain(all, n => n.PersonId == n.ActorId);
        Assert.DoesNotContain(all, n => n.PersonId == app.Admin.Id);
    }

    [Fact]
    public async Task ARegressionReadsInEachPersonsLanguageWithTheFactorLevelsReasonAndLink()
    {
        var id = await NewDealAsync(_rep, "Regression Freight");
        await RecordAsync(_rep, id, "power", 4, "The COO accepts our solution");
        await RecordAsync(_manager, id, "power", 2, "The COO <left> *today*");

        var regressed = Assert.Single(await NotificationsAsync(id), n => n.Kind == NotificationKind.DealRegressed);
        Assert.Equal(app.Rep.Id, regressed.PersonId);
        var messages = app.Services.GetRequiredService<NotificationMessages>();
        var zh = messages.Render(regressed, CultureInfo.GetCultureInfo("zh-CN"));
        var en = messages.Render(regressed, CultureInfo.GetCultureInfo("en-US"));

        var link = new Uri($"http://localhost:5000/deals/{id}");
        Assert.Equal(link, zh.Link);
        Assert.Equal(link, en.Link);
        Assert.Equal($"{app.Manager.Name} recorded a regression on your deal {Customer(id)} – Seven warehouses nationwide: Power 4 → 2", en.Subject);
        Assert.Contains("权力", zh.Subject);
        Assert.Contains("4 → 2", zh.Subject);
        Assert.Contains("原因：The COO <left> *today*", zh.Text);
        Assert.Contains("Reason: The COO <left> *today*", en.Text);
        Assert.Contains(link.AbsoluteUri, en.Text);
        Assert.Contains("Power: level 4 → level 2", en.Text);
        Assert.Contains("The COO &lt;left&gt; *today*", en.Html);
        Assert.DoesNotContain("<left>", en.Html);
        Assert.Contains($"href=\"{link.AbsoluteUri}\"", en.Html);
        Assert.Contains("lang=\"zh-CN\"", zh.Html);
        Assert.Contains("The COO \\<left\\> \\*today\\*", en.Markdown);
        Assert.Contains($"[Open the deal]({link.AbsoluteUri})", en.Markdown);
        Assert.Contains($"[打开商机]({link.AbsoluteUri})", zh.Markdown);
    }

    [Fact]
    public async Task UndoingARegressionSlipTellsNobodyAgain()
    {
        var id = await NewDealAsync(_rep, "Slip Notice Logistics");
        await RecordAsync(_rep, id, "power", 3, "Met the COO");
        var card = await RecordAsync(_manager, id, "power", 1, "Tapped 1 by mistake");
        var history = (await _manager.GetJsonAsync($"/api/deals/{id}/history")).AsArray();
        var slip = history[^1]!["id"]!.GetValue<Guid>();
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        await _manager.PostOkAsync($"/api/deals/{id}/checkpoints/{slip}/correct", new { version = card["version"]!.GetValue<int>() });

        // The slip itself was told when it was recorded (in its transaction); its undo is not news.
        Assert.Equal([(NotificationKind.DealRegressed, app.Rep.Id)], await KindsAsync(id));
    }

    [Fact]
    public async Task AnActionItemGivenInAReviewReachesItsOwnerButNotTheManagerWhoGaveItToHimself()
    {
        var id = await NewDealAsync(_rep, "Review Action Freight");

        await _manager.PostOkAsync("/api/reviews", new
        {
            heldOn = Today,
            attendees = new[] { app.Manager.Id, app.Rep.Id },
            actionItems = new[]
            {
                new { dealId = id, ownerId = app.Rep.Id, text = "Send the quote", dueOn = Today.AddDays(3) },
                new { dealId = id, ownerId = app.Manager.Id, text = "Call their COO", dueOn = Today.AddDays(3) },
            },
        });

        var assigned = Assert.Single(await NotificationsAsync(id));
        Assert.Equal((NotificationKind.ActionAssigned, app.Rep.Id, app.Manager.Id), (assigned.Kind, assigned.PersonId, assigned.ActorId));
        Assert.Equal(("Send the quote", Today.AddDays(3)), (EventNotifications.FactsOf(assigned).ActionText, EventNotifications.FactsOf(assigned).DueOn));
    }

    [Fact]
    public async Task AnImportTellsOwnersOfReassignmentsAndRegressionsButNotTheManagersRowByRow()
    {
        var (customer, externalId) = ($"Import Notice {Guid.NewGuid():N}", $"EXT-{Guid.NewGuid():N}");
        await ImportAsync("first.csv", customer, externalId, app.Rep.Email, "2026-05-01", need: 3, power: 4);
        var id = await app.QueryAsync(db => db.Deals.Where(d => d.ExternalId == externalId).Select(d => d.Id).SingleAsync());
        // A deal an import brings in is the team's own record, not a deal handed to someone.
        Assert.Empty(await NotificationsAsync(id));

        await ImportAsync("second.csv", customer, externalId, app.OtherRep.Email, "2026-06-01", need: 3, power: 2);

        List<(NotificationKind, Guid)> expected =
            [(NotificationKind.DealAssigned, app.OtherRep.Id), (NotificationKind.DealTakenAway, app.Rep.Id), (NotificationKind.DealRegressed, app.OtherRep.Id)];
        Assert.Equal(expected.Order(), await KindsAsync(id));
        var regressed = Assert.Single(await NotificationsAsync(id), n => n.Kind == NotificationKind.DealRegressed);
        Assert.Equal("Import: second.csv", EventNotifications.FactsOf(regressed).Note);
    }

    [Fact]
    public async Task ARefusedOrRolledBackChangeLeavesNoNotificationAndRingsNoBell()
    {
        var id = await NewDealAsync(_rep, "Rollback Cargo");
        var heard = new List<PipelineChange>();
        var changes = app.Services.GetRequiredService<PipelineChanges>();
        void Hear(PipelineChange change)
        {
            lock (heard)
            {
                heard.Add(change);
            }
        }

        changes.Changed += Hear;
        try
        {
            // A stale version: 409, nothing written.
            var stale = await _manager.PostAsJsonAsync($"/api/deals/{id}/close", new { outcome = "won", reason = "price", version = 99 });
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

            // A change saved inside a transaction that is rolled back: the notification was written with it, and goes with it.
            await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PipelineDbContext>>().CreateDbContextAsync())
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                var deal = await db.Deals.SingleAsync(d => d.Id == id);
                deal.AddCoachingNote("Never mind", app.Manager.Id, app.Clock.GetUtcNow());
                await db.SaveChangesAsync();
                Assert.Equal(1, await db.Notifications.CountAsync(n => n.DealId == id));
                await transaction.RollbackAsync();
            }

            Assert.Empty(await NotificationsAsync(id));

            // The same note committed: recorded, and the rep's bell hears of it.
            await _manager.PostOkAsync($"/api/deals/{id}/coaching", new { text = "Ask who replaces the COO" });
            Assert.Equal([(NotificationKind.CoachingNote, app.Rep.Id)], await KindsAsync(id));
            await WaitUntilAsync(() => Heard(heard).Contains(PipelineChange.Inbox(app.Rep.Id)));
            Assert.Single(Heard(heard), c => c.Kind == PipelineChangeKind.Inbox);
        }
        finally
        {
            changes.Changed -= Hear;
        }
    }

    [Fact]
    public async Task AStallIsToldOnceToTheOwnerAndTheManagersAndAgainOnlyAfterAnAdvance()
    {
        var id = await NewDealAsync(_rep, "Stall Shipping");
        // Discover allows 14 days without an advance: on the 15th the deal is stalled.
        app.Clock.Advance(TimeSpan.FromDays(15));

        await Scan.ScanAsync();
        await Scan.ScanAsync();

        List<(NotificationKind, Guid)> stalls = [(NotificationKind.DealStalled, app.Rep.Id), (NotificationKind.TeamStalled, app.Manager.Id)];
        Assert.Equal(stalls.Order(), await KindsAsync(id));
        var stalled = Assert.Single(await NotificationsAsync(id), n => n.Kind == NotificationKind.DealStalled);
        Assert.Null(stalled.ActorId);
        Assert.Equal(15, EventNotifications.FactsOf(stalled).Days);

        // Advanced, then stalled anew: told again, once.
        await RecordAsync(_rep, id, "need", 1, "Interviewed the ops lead");
        app.Clock.Advance(TimeSpan.FromDays(15));
        await Scan.ScanAsync();
        await Scan.ScanAsync();

        Assert.Equal(2, (await NotificationsAsync(id)).Count(n => n.Kind == NotificationKind.DealStalled));
        Assert.Equal(2, (await NotificationsAsync(id)).Count(n => n.Kind == NotificationKind.TeamStalled));
    }

    [Fact]
    public async Task AStallThatBeganLongAgoIsNotNewsAndBusyButStuckIsToldOnce()
    {
        var id = await NewDealAsync(_rep, "Busy Stuck Haulage", startedOn: Today.AddDays(-60));
        foreach (var day in new[] { 3, 2, 1 })
        {
            await _rep.PostOkAsync($"/api/deals/{id}/activities", new { kind = "call", summary = "Chased the buyer", occurredAt = app.Clock.GetUtcNow().AddDays(-day) });
        }

        await Scan.ScanAsync();
        await Scan.ScanAsync();

        Assert.Equal([(NotificationKind.DealBusyButStuck, app.Rep.Id)], await KindsAsync(id));
    }

    [Fact]
    public async Task AnActionItemIsToldTheDayBeforeItIsDueAndOnceWhenOverdueNotWhenDone()
    {
        var id = await NewDealAsync(_rep, "Due Tomorrow Logistics");
        var item = await _manager.PostOkAsync($"/api/deals/{id}/action-items", new { ownerId = app.Rep.Id, text = "Send the quote", dueOn = Today.AddDays(2) });
        var done = await _manager.PostOkAsync($"/api/deals/{id}/action-items", new { ownerId = app.Rep.Id, text = "Book the visit", dueOn = Today.AddDays(2) });
        await _rep.PostOkAsync($"/api/action-items/{done["id"]!.GetValue<Guid>()}/done", new { });

        await Scan.ScanAsync();
        Assert.DoesNotContain(await KindsAsync(id), k => k.Kind == NotificationKind.ActionDueTomorrow);

        app.Clock.Advance(TimeSpan.FromDays(1));
        await Scan.ScanAsync();
        await Scan.ScanAsync();
        var due = Assert.Single(await NotificationsAsync(id), n => n.Kind == NotificationKind.ActionDueTomorrow);
        Assert.Equal(app.Rep.Id, due.PersonId);
        Assert.Equal("Send the quote", EventNotifications.FactsOf(due).ActionText);

        app.Clock.Advance(TimeSpan.FromDays(2));
        await Scan.ScanAsync();
        app.Clock.Advance(TimeSpan.FromDays(1));
        await Scan.ScanAsync();
        var overdue = Assert.Single(await NotificationsAsync(id), n => n.Kind == NotificationKind.ActionOverdue);
        Assert.Equal(DateOnly.Parse(item["dueOn"]!.GetValue<string>(), CultureInfo.InvariantCulture), EventNotifications.FactsOf(overdue).DueOn);
        Assert.Equal(2, (await NotificationsAsync(id)).Count(n => n.Kind is NotificationKind.ActionAssigned));
    }

    [Fact]
    public async Task NotificationsOlderThanNinetyDaysAreDeletedWithTheirDeliveries()
    {
        var id = await NewDealAsync(_manager, "Purge Express");
        var assigned = Assert.Single(await NotificationsAsync(id));
        await app.QueryAsync(async db =>
        {
            db.Deliveries.Add(new Delivery(assigned.Id, app.Rep.Id, DeliveryChannel.Email, null, app.Rep.Email, app.Clock.GetUtcNow()));
            return await db.SaveChangesAsync();
        });

        app.Clock.Advance(TimeSpan.FromDays(89));
        await Scan.ScanAsync();
        Assert.Single(await NotificationsAsync(id), n => n.Id == assigned.Id);

        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await Scan.ScanAsync();
        Assert.DoesNotContain(await NotificationsAsync(id), n => n.Id == assigned.Id);
        Assert.Equal(0, await app.QueryAsync(db => db.Deliveries.CountAsync(d => d.NotificationId == assigned.Id)));
    }

    /// <summary>Imports one row through the API as the manager: a CSV with every field's English header.</summary>
    private async Task ImportAsync(string fileName, string customer, string externalId, string ownerEmail, string asOf, int need, int power)
    {
        var row = new Dictionary<ImportField, string>
        {
            [ImportField.Customer] = customer, [ImportField.Industry] = "Retail", [ImportField.Region] = "East China",
            [ImportField.Title] = "Regional distribution", [ImportField.ServiceLine] = "Warehousing", [ImportField.OwnerEmail] = ownerEmail,
            [ImportField.AnnualValue] = "1200000", [ImportField.TargetCloseDate] = "2026-12-31", [ImportField.StartedOn] = "2026-03-01",
            [ImportField.LevelsAsOf] = asOf, [ImportField.ExternalId] = externalId,
            [ImportField.Need] = need.ToString(CultureInfo.InvariantCulture), [ImportField.Power] = power.ToString(CultureInfo.InvariantCulture),
        };
        var columns = Enum.GetValues<ImportField>();
        var csv = string.Join(',', columns.Select(f => $"\"{ImportColumns.Header(f).En}\"")) + "\n"
            + string.Join(',', columns.Select(f => $"\"{row.GetValueOrDefault(f, string.Empty)}\"")) + "\n";
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var upload = await _manager.PostAsync("/api/imports", new MultipartFormDataContent { { file, "file", fileName } });
        Assert.True(upload.StatusCode == HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
        await _manager.PostOkAsync($"/api/imports/{(await upload.ReadJsonAsync())["id"]}/commit", new { });
    }

    private readonly Dictionary<Guid, string> _customers = [];

    private string Customer(Guid id) => _customers[id];

    private async Task<Guid> NewDealAsync(HttpClient client, string customer, DateOnly? startedOn = null)
    {
        var name = $"{customer} {Guid.NewGuid():N}";
        var body = new
        {
            customer = name, industry = "3C electronics", title = "Seven warehouses nationwide", serviceLine = "warehousing",
            ownerId = app.Rep.Id, annualValue = 1_000_000m, targetCloseDate = Today.AddMonths(4), startedOn = startedOn ?? Today,
        };
        var id = (await client.PostOkAsync("/api/deals", body))["id"]!.GetValue<Guid>();
        _customers[id] = name;
        return id;
    }

    private async Task<int> VersionAsync(Guid id) => (await _rep.GetJsonAsync($"/api/deals/{id}"))["card"]!["version"]!.GetValue<int>();

    /// <summary>Records a change a second after the last, as a person would.</summary>
    private async Task<JsonNode> RecordAsync(HttpClient client, Guid id, string factor, int level, string note)
    {
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        return await client.PostOkAsync($"/api/deals/{id}/checkpoints", new { factor, level, note, version = await VersionAsync(id) });
    }

    private Task<List<Notification>> NotificationsAsync(Guid dealId) =>
        app.QueryAsync(db => db.Notifications.AsNoTracking().Where(n => n.DealId == dealId).ToListAsync());

    /// <summary>Kind and person of each of the deal's notifications, sorted (several happen at one instant of the fake clock).</summary>
    private async Task<List<(NotificationKind Kind, Guid PersonId)>> KindsAsync(Guid dealId) =>
        [.. (await NotificationsAsync(dealId)).Select(n => (n.Kind, n.PersonId)).Order()];

    private static List<PipelineChange> Heard(List<PipelineChange> heard)
    {
        lock (heard)
        {
            return [.. heard];
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "Not heard within 10 seconds.");
    }
}

public sealed class SqliteNotificationEventTests(SqliteApp app) : NotificationEventTests<SqliteApp>(app);

public sealed class PostgresNotificationEventTests(PostgresApp app) : NotificationEventTests<PostgresApp>(app);
