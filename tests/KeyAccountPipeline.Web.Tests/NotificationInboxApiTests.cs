using System.Globalization;
using System.Text.Json;
using KeyAccountPipeline.Data.Identity;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Notifications;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Issue 17 §2, §6: the bell's API. <c>GET /api/notifications</c> lists the caller's own notifications of the last 90 days,
/// newest first, paged, with the unread count; <c>POST /api/notifications/read</c> marks some or all read, never another
/// person's. Runs on SQLite and PostgreSQL. Notifications are written as rows here (the events part records them).
/// </summary>
public abstract class NotificationInboxApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private readonly HttpClient _rep = app.ClientFor(app.Rep);

    [Fact]
    public async Task TheCallerSeesTheirOwnNotificationsOfNinetyDaysNewestFirstWithTheUnreadCount()
    {
        var person = await app.NewPersonAsync(Role.Rep);
        var deal = await NewDealAsync("Bell List Freight");
        var now = app.Clock.GetUtcNow();
        var oldest = await app.NotifyAsync(person.Id, NotificationKind.DealRegressed, deal, now.AddDays(-89));
        var read = await app.NotifyAsync(person.Id, NotificationKind.CoachingNote, deal, now.AddHours(-5), read: true);
        var newest = await app.NotifyAsync(person.Id, NotificationKind.DealAssigned, deal, now.AddMinutes(-1));
        await app.NotifyAsync(person.Id, NotificationKind.DealStalled, deal, now.AddDays(-91)); // past the 90 days
        await app.NotifyAsync(app.OtherRep.Id, NotificationKind.DealRegressed, deal, now); // someone else's
        var client = app.ClientFor(person);

        var page = await client.GetJsonAsync("/api/notifications");

        Assert.Equal(2, page["unread"]!.GetValue<int>());
        Assert.Equal(3, page["total"]!.GetValue<int>());
        var items = page["items"]!.AsArray();
        Assert.Equal([newest.Id, read.Id, oldest.Id], items.Select(i => i!["id"]!.GetValue<Guid>()));
        Assert.Equal([false, true, false], items.Select(i => i!["read"]!.GetValue<bool>()));
        Assert.Equal("dealAssigned", items[0]!["kind"]!.GetValue<string>());
        Assert.Equal($"deals/{deal:D}", items[0]!["path"]!.GetValue<string>());
        Assert.Equal($"http://localhost:5000/deals/{deal:D}", items[0]!["link"]!.GetValue<string>());
        var expected = app.Services.GetRequiredService<NotificationMessages>().Render(newest, CultureInfo.GetCultureInfo("en"));
        Assert.Equal(expected.Subject, items[0]!["subject"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(expected.Subject));

        var second = await client.GetJsonAsync("/api/notifications?page=2&pageSize=2");
        Assert.Equal(oldest.Id, Assert.Single(second["items"]!.AsArray())!["id"]!.GetValue<Guid>());
        var unread = await client.GetJsonAsync("/api/notifications?unread=true");
        Assert.Equal([newest.Id, oldest.Id], unread["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()));
    }

    [Fact]
    public async Task MarkingOneAndThenAllReadCountsDownAndNeverTouchesAnotherPersonsNotifications()
    {
        var person = await app.NewPersonAsync(Role.Rep);
        var deal = await NewDealAsync("Bell Read Freight");
        var now = app.Clock.GetUtcNow();
        var first = await app.NotifyAsync(person.Id, NotificationKind.DealRegressed, deal, now.AddHours(-2));
        await app.NotifyAsync(person.Id, NotificationKind.DealClosed, deal, now.AddHours(-1));
        await app.NotifyAsync(person.Id, NotificationKind.DealReopened, deal, now);
        var others = await app.NotifyAsync(app.OtherRep.Id, NotificationKind.DealRegressed, deal, now);
        var client = app.ClientFor(person);

        var one = await client.PostOkAsync("/api/notifications/read", new { ids = new[] { first.Id, others.Id, Guid.NewGuid() } });
        Assert.Equal(1, one["marked"]!.GetValue<int>());
        Assert.Equal(2, one["unread"]!.GetValue<int>());
        var again = await client.PostOkAsync("/api/notifications/read", new { ids = new[] { first.Id } });
        Assert.Equal(0, again["marked"]!.GetValue<int>());

        var all = await client.PostOkAsync("/api/notifications/read", new { all = true });

        Assert.Equal(2, all["marked"]!.GetValue<int>());
        Assert.Equal(0, all["unread"]!.GetValue<int>());
        Assert.Equal(0, (await client.GetJsonAsync("/api/notifications"))["unread"]!.GetValue<int>());
        Assert.Null(await app.QueryAsync(db => db.Notifications.Where(n => n.Id == others.Id).Select(n => n.ReadAt).SingleAsync()));
    }

    public static TheoryData<string, string> BadLists => new()
    {
        { "page=0", "page" },
        { "page=-1", "page" },
        { "page=abc", "page" },
        { "pageSize=0", "pageSize" },
        { "pageSize=101", "pageSize" },
        { "pageSize=1.5", "pageSize" },
        { "unread=maybe", "unread" },
    };

    [Theory]
    [MemberData(nameof(BadLists))]
    public async Task ABadPageIsRefusedNamingTheField(string query, string field) =>
        await (await _rep.GetAsync($"/api/notifications?{query}")).AssertFieldErrorAsync(field);

    public static TheoryData<string, string> BadReads => new()
    {
        { "{}", "ids" },
        { """{"ids":[]}""", "ids" },
        { """{"all":false}""", "ids" },
        { """{"ids":["not-a-guid"]}""", "ids[0]" },
        { """{"all":"yes"}""", "all" },
        { "{\"ids\":[" + string.Join(",", Enumerable.Range(0, NotificationInbox.MaxIds + 1).Select(_ => $"\"{Guid.NewGuid()}\"")) + "]}", "ids" },
    };

    [Theory]
    [MemberData(nameof(BadReads))]
    public async Task ABadMarkReadIsRefusedNamingTheFieldAndNothingIsMarked(string body, string field)
    {
        var person = await app.NewPersonAsync(Role.Rep);
        await app.NotifyAsync(person.Id, NotificationKind.DealRegressed, await NewDealAsync("Bad Read Freight"), app.Clock.GetUtcNow());

        await (await app.ClientFor(person).PostAsync("/api/notifications/read", ApiClient.RawJson(body))).AssertFieldErrorAsync(field);

        Assert.Equal(1, (await app.ClientFor(person).GetJsonAsync("/api/notifications"))["unread"]!.GetValue<int>());
    }

    private async Task<Guid> NewDealAsync(string customer) =>
        (await app.ClientFor(app.Manager).PostOkAsync("/api/deals", app.NewDealBody($"{customer} {Guid.NewGuid():N}")))["id"]!.GetValue<Guid>();
}

public sealed class SqliteNotificationInboxApiTests(InboxApps.Sqlite app) : NotificationInboxApiTests<InboxApps.Sqlite>(app);

public sealed class PostgresNotificationInboxApiTests(InboxApps.Postgres app) : NotificationInboxApiTests<InboxApps.Postgres>(app);

/// <summary>
/// The apps of the inbox tests (a database of their own each; the messages are the app's own renderers'), and how they write
/// a notification row as the events part does.
/// </summary>
public static class InboxApps
{
    public sealed class Sqlite : SqliteApp;

    public sealed class Postgres : PostgresApp;

    /// <summary>A notification for <paramref name="personId"/> written as the events part writes it (a row), optionally read.</summary>
    public static async Task<Notification> NotifyAsync(this PipelineApp app, Guid personId, NotificationKind kind, Guid? dealId, DateTimeOffset at, bool read = false)
    {
        var facts = JsonSerializer.Serialize(new NotificationFacts(DealTitle: "Seven warehouses", Customer: "Bell Test Logistics", ActorName: "王磊 Wang Lei"),
            new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var notification = new Notification(personId, kind, dealId, app.Manager.Id, at, facts, $"test:{Guid.NewGuid():N}");
        if (read)
        {
            notification.MarkRead(at);
        }

        await app.QueryAsync(async db =>
        {
            db.Notifications.Add(notification);
            return await db.SaveChangesAsync();
        });
        return notification;
    }

    /// <summary>Sets whether <paramref name="person"/>'s email is confirmed, as Identity keeps it.</summary>
    public static async Task SetEmailConfirmedAsync(this PipelineApp app, Person person, bool confirmed)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PipelineUser>>();
        var user = await users.FindByIdAsync(person.Id.ToString("D"));
        user!.EmailConfirmed = confirmed;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
    }
}
