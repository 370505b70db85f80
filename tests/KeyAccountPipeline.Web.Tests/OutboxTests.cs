using System.Net;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Notifications;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// The outbox (issue 17 §5; decision 0037-notifications-outbox): which deliveries a notification gets (the person's choices, a confirmed address,
/// the robots' audiences), sending in the person's language, backoff and failure, a lease that expires, and the admin's
/// delivery log and resend — on both providers, with the dispatcher driven step by step and recording senders.
/// </summary>
public abstract class OutboxTests<TApp>(TApp app) : IClassFixture<TApp>, IAsyncLifetime
    where TApp : PipelineApp, IOutboxApp
{
    private SenderLog Log => app.Outbox.Log;

    /// <summary>Every test's notifications meet the same channels: an SMTP server and three robots, written once per app.</summary>
    public Task InitializeAsync() => app.Outbox.ChannelsAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task PlanningHonoursChoicesConfirmationAndAudience()
    {
        var channels = await app.Outbox.ChannelsAsync(app);
        var unconfirmed = await app.NewPersonAsync(Role.Rep);
        await app.QueryAsync(db => db.Users.Where(u => u.Id == unconfirmed.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, false)));
        var chooser = await app.NewPersonAsync(Role.Rep);
        await app.QueryAsync(db =>
        {
            db.NotificationSettings.Add(new NotificationSettingsRecord(chooser.Id,
                NotificationChoices.Defaults.With(new Dictionary<string, IReadOnlyList<string>> { ["dealRegressed"] = ["weCom"] }).ToJson()));
            return db.SaveChangesAsync();
        });
        var disabled = await app.NewPersonAsync(Role.Rep);
        await app.RevokeAsync(disabled, disable: true);

        var repRegressed = await app.NotifyAsync(app.Rep.Id, NotificationKind.DealRegressed);
        var otherRegressed = await app.NotifyAsync(app.OtherRep.Id, NotificationKind.DealRegressed);
        var otherCoached = await app.NotifyAsync(app.OtherRep.Id, NotificationKind.CoachingNote);
        var otherDueTomorrow = await app.NotifyAsync(app.OtherRep.Id, NotificationKind.ActionDueTomorrow);
        var unconfirmedRegressed = await app.NotifyAsync(unconfirmed.Id, NotificationKind.DealRegressed);
        var unconfirmedConfirm = await app.NotifyAsync(unconfirmed.Id, NotificationKind.ConfirmEmail);
        var chooserRegressed = await app.NotifyAsync(chooser.Id, NotificationKind.DealRegressed);
        var disabledRegressed = await app.NotifyAsync(disabled.Id, NotificationKind.DealRegressed);

        await PlanAllAsync();

        // The rep: email (confirmed), the robot for everyone, and the DingTalk robot whose audience is them; not the disabled Feishu.
        Assert.Equal(Rows((DeliveryChannel.Email, channels.Email, app.Rep.Email), (DeliveryChannel.WeCom, channels.WeComEveryone, null),
            (DeliveryChannel.DingTalk, channels.DingTalkForRep, null)), await DeliveriesAsync(repRegressed));
        // Another rep is not in the DingTalk robot's audience.
        Assert.Equal(Rows((DeliveryChannel.Email, channels.Email, app.OtherRep.Email), (DeliveryChannel.WeCom, channels.WeComEveryone, null)), await DeliveriesAsync(otherRegressed));
        // A coaching note goes by email only (the defaults); "due tomorrow" stays in the bell.
        Assert.Equal(Rows((DeliveryChannel.Email, channels.Email, app.OtherRep.Email)), await DeliveriesAsync(otherCoached));
        Assert.Empty(await DeliveriesAsync(otherDueTomorrow));
        // No email to an address never confirmed — except the confirmation itself, which goes nowhere else.
        Assert.Equal(Rows((DeliveryChannel.WeCom, channels.WeComEveryone, null)), await DeliveriesAsync(unconfirmedRegressed));
        Assert.Equal(Rows((DeliveryChannel.Email, channels.Email, unconfirmed.Email)), await DeliveriesAsync(unconfirmedConfirm));
        // A person who chose WeCom alone for regressions gets only that.
        Assert.Equal(Rows((DeliveryChannel.WeCom, channels.WeComEveryone, null)), await DeliveriesAsync(chooserRegressed));
        // A disabled person gets nothing; the notification is still planned, so it is not looked at again.
        Assert.Empty(await DeliveriesAsync(disabledRegressed));
        var ids = new[] { repRegressed.Id, disabledRegressed.Id, otherDueTomorrow.Id };
        Assert.Equal(3, await app.QueryAsync(db => db.Notifications.CountAsync(n => ids.Contains(n.Id) && n.PlannedAt == app.Clock.GetUtcNow())));
    }

    [Fact]
    public async Task PlanningTwiceWritesEachDeliveryOnce()
    {
        var notification = await app.NotifyAsync(app.Rep.Id, NotificationKind.DealStalled);
        await PlanAllAsync();
        var first = await DeliveriesAsync(notification);

        // As if an instance stopped between writing the rows and marking the notification planned (or two planned it).
        await app.QueryAsync(db => db.Notifications.Where(n => n.Id == notification.Id).ExecuteUpdateAsync(n => n.SetProperty(x => x.PlannedAt, (DateTimeOffset?)null)));
        await PlanAllAsync();

        Assert.Equal(3, first.Count);
        Assert.Equal(first, await DeliveriesAsync(notification));
        Assert.NotNull(await app.QueryAsync(db => db.Notifications.Where(n => n.Id == notification.Id).Select(n => n.PlannedAt).SingleAsync()));
    }

    [Fact]
    public async Task EachDeliveryIsSentOnceInThePersonsLanguageAndMarkedSent()
    {
        var english = await app.NewPersonAsync(Role.Rep);
        await app.QueryAsync(async db =>
        {
            var person = await db.People.SingleAsync(p => p.Id == english.Id);
            person.ChooseLanguage("en-US");
            return await db.SaveChangesAsync();
        });
        var chinese = await app.NewPersonAsync(Role.Rep);
        var toEnglish = await app.NotifyAsync(english.Id, NotificationKind.CoachingNote);
        var toChinese = await app.NotifyAsync(chinese.Id, NotificationKind.CoachingNote);

        await RunUntilIdleAsync();
        await RunUntilIdleAsync();

        var sentEnglish = Assert.Single(Log.For(english.Id));
        Assert.Equal("CoachingNote en-US", sentEnglish.Message.Subject);
        Assert.Equal(english.Email, sentEnglish.Address);
        Assert.Equal("CoachingNote zh-CN", Assert.Single(Log.For(chinese.Id)).Message.Subject);
        foreach (var notification in new[] { toEnglish, toChinese })
        {
            var delivery = await app.QueryAsync(db => db.Deliveries.AsNoTracking().SingleAsync(d => d.NotificationId == notification.Id));
            Assert.Equal((DeliveryStatus.Sent, 1, app.Clock.GetUtcNow(), null, null), (delivery.Status, delivery.Attempts, delivery.SentAt, delivery.LeaseOwner, delivery.LastError));
        }
    }

    [Fact]
    public async Task RetryLaterBacksOffExponentiallyThenFailsAfterTheLastAttempt()
    {
        var person = await app.NewPersonAsync(Role.Rep);
        Log.Scripts[person.Id] = () => new SendOutcome.RetryLater("errcode 45009: api freq out of limit");
        var notification = await app.NotifyAsync(person.Id, NotificationKind.CoachingNote);

        // 30 s, then 1 min, then 2 min (each up to a quarter more at random); the 4th attempt (MaxAttempts=4) gives up.
        foreach (var (attempt, backoff) in new[] { (1, 30), (2, 60), (3, 120) })
        {
            var before = app.Clock.GetUtcNow();
            await RunUntilIdleAsync();
            var delivery = await DeliveryAsync(notification);
            Assert.Equal((DeliveryStatus.Pending, attempt, "errcode 45009: api freq out of limit"), (delivery.Status, delivery.Attempts, delivery.LastError));
            Assert.InRange(delivery.NextAttemptAt, before.AddSeconds(backoff), before.AddSeconds(backoff * 1.25));

            // Not tried again before its time.
            app.Clock.Advance(TimeSpan.FromSeconds(backoff - 1));
            await RunUntilIdleAsync();
            Assert.Equal(attempt, Log.For(person.Id).Count());
            app.Clock.Advance(delivery.NextAttemptAt - app.Clock.GetUtcNow());
        }

        await RunUntilIdleAsync();
        var failed = await DeliveryAsync(notification);
        Assert.Equal((DeliveryStatus.Failed, 4), (failed.Status, failed.Attempts));
        Assert.Equal("Gave up after 4 attempts: errcode 45009: api freq out of limit", failed.LastError);
        app.Clock.Advance(TimeSpan.FromHours(2));
        await RunUntilIdleAsync();
        Assert.Equal(4, Log.For(person.Id).Count());
    }

    [Fact]
    public async Task TheChannelsRetryAfterIsHonouredAndARefusalFailsAtOnce()
    {
        var waiting = await app.NewPersonAsync(Role.Rep);
        var refused = await app.NewPersonAsync(Role.Rep);
        Log.Scripts[waiting.Id] = () => new SendOutcome.RetryLater("421 too many connections", TimeSpan.FromMinutes(10));
        Log.Scripts[refused.Id] = () => new SendOutcome.Failed("550 mailbox unavailable");
        var toWaiting = await app.NotifyAsync(waiting.Id, NotificationKind.CoachingNote);
        var toRefused = await app.NotifyAsync(refused.Id, NotificationKind.CoachingNote);

        var now = app.Clock.GetUtcNow();
        await RunUntilIdleAsync();

        Assert.Equal(now.AddMinutes(10), (await DeliveryAsync(toWaiting)).NextAttemptAt);
        var failed = await DeliveryAsync(toRefused);
        Assert.Equal((DeliveryStatus.Failed, 1, "550 mailbox unavailable"), (failed.Status, failed.Attempts, failed.LastError));
    }

    [Fact]
    public async Task ASenderThatThrowsCountsAsRetryLaterAndItsErrorKeepsNoAddress()
    {
        var person = await app.NewPersonAsync(Role.Rep);
        Log.Scripts[person.Id] = () => throw new HttpRequestException(
            "Connection refused (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=5e1c-secret-key)\r\n" + new string('x', 900));
        var notification = await app.NotifyAsync(person.Id, NotificationKind.CoachingNote);

        await RunUntilIdleAsync();

        var delivery = await DeliveryAsync(notification);
        Assert.Equal((DeliveryStatus.Pending, 1), (delivery.Status, delivery.Attempts));
        Assert.StartsWith("HttpRequestException: Connection refused ([address]", delivery.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", delivery.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", delivery.LastError, StringComparison.Ordinal);
        Assert.Equal(DeliveryOutbox.ErrorLength, delivery.LastError!.Length);
    }

    [Fact]
    public async Task ALeaseHeldByAnInstanceThatDiedExpiresAndAnotherSendsItOnce()
    {
        var person = await app.NewPersonAsync(Role.Rep);
        var notification = await app.NotifyAsync(person.Id, NotificationKind.CoachingNote);
        await PlanAllAsync();
        var outbox = app.Services.GetRequiredService<DeliveryOutbox>();
        var now = app.Clock.GetUtcNow();
        // An instance claims it and dies before sending: its lease holds for two minutes.
        var claimed = (await outbox.ClaimAsync("crashed-instance", now, now.AddMinutes(2), 1_000, CancellationToken.None))
            .Single(c => c.Delivery.NotificationId == notification.Id);

        app.Clock.Advance(TimeSpan.FromSeconds(119));
        await RunUntilIdleAsync();
        Assert.Empty(Log.For(person.Id));

        app.Clock.Advance(TimeSpan.FromSeconds(2));
        await RunUntilIdleAsync();
        Assert.Single(Log.For(person.Id));
        Assert.Equal(DeliveryStatus.Sent, (await DeliveryAsync(notification)).Status);
        // The dead instance's late write is refused: its lease is no longer its own.
        Assert.False(await outbox.RecordAsync(claimed.Delivery.Id, "crashed-instance", AttemptResult.Failed, "late", now, now, CancellationToken.None));
    }

    [Fact]
    public async Task AnAdminSeesTheLogAndResendsAFailedDelivery()
    {
        var person = await app.NewPersonAsync(Role.Rep);
        Log.Scripts[person.Id] = () => new SendOutcome.Failed("errcode 93000: invalid webhook url");
        var notification = await app.NotifyAsync(person.Id, NotificationKind.CoachingNote);
        await RunUntilIdleAsync();
        var failed = await DeliveryAsync(notification);
        var admin = app.ClientFor(app.Admin);

        var log = await admin.GetJsonAsync("/api/deliveries?status=failed&channel=email&pageSize=100");
        var row = log["items"]!.AsArray().Single(i => i!["id"]!.GetValue<Guid>() == failed.Id)!;
        Assert.Equal(("coachingNote", "CoachingNote en", person.Email, "email", "SMTP", "failed", 1, "errcode 93000: invalid webhook url"), (
            row["kind"]!.GetValue<string>(), row["what"]!.GetValue<string>(), row["address"]!.GetValue<string>(), row["channel"]!.GetValue<string>(),
            row["channelName"]!.GetValue<string>(), row["status"]!.GetValue<string>(), row["attempts"]!.GetValue<int>(), row["lastError"]!.GetValue<string>()));
        Assert.Equal("Matrix Person", row["personName"]!.GetValue<string>());
        Assert.All(log["items"]!.AsArray(), i => Assert.Equal("failed", i!["status"]!.GetValue<string>()));

        Log.Scripts.TryRemove(person.Id, out _);
        var resent = await admin.PostAsync($"/api/deliveries/{failed.Id}/resend", null);
        Assert.Equal(HttpStatusCode.NoContent, resent.StatusCode);
        var requeued = await DeliveryAsync(notification);
        Assert.Equal((DeliveryStatus.Pending, 0, null, app.Clock.GetUtcNow()), (requeued.Status, requeued.Attempts, requeued.LastError, requeued.NextAttemptAt));

        // Still pending: nothing to resend (400 naming the id); then sent, it may be sent again.
        var pending = await admin.PostAsync($"/api/deliveries/{failed.Id}/resend", null);
        Assert.Equal(HttpStatusCode.BadRequest, pending.StatusCode);
        Assert.NotNull((await pending.ReadJsonAsync())["errors"]!["id"]);
        await RunUntilIdleAsync();
        Assert.Equal(DeliveryStatus.Sent, (await DeliveryAsync(notification)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/deliveries/{failed.Id}/resend", null)).StatusCode);
        await RunUntilIdleAsync();
        Assert.Equal(3, Log.For(person.Id).Count());

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/deliveries/{Guid.NewGuid()}/resend", null)).StatusCode);
    }

    [Theory]
    [InlineData("status=lost", "status")]
    [InlineData("status=1", "status")]
    [InlineData("channel=sms", "channel")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=-1", "pageSize")]
    public async Task ABadLogQueryIsRefusedNamingTheParameter(string query, string field)
    {
        var response = await app.ClientFor(app.Admin).GetAsync($"/api/deliveries?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull((await response.ReadJsonAsync())["errors"]![field]);
    }

    [Fact]
    public async Task TheLogIsNewestFirstAndPaged()
    {
        var person = await app.NewPersonAsync(Role.Rep);
        var first = await app.NotifyAsync(person.Id, NotificationKind.CoachingNote);
        await PlanAllAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await app.NotifyAsync(person.Id, NotificationKind.CoachingNote);
        await PlanAllAsync();

        var admin = app.ClientFor(app.Admin);
        var all = (await admin.GetJsonAsync("/api/deliveries?pageSize=100"))["items"]!.AsArray();
        var secondOnly = await admin.GetJsonAsync("/api/deliveries?pageSize=1&page=2");

        var ids = all.Select(i => i!["id"]!.GetValue<Guid>()).ToList();
        Assert.True(ids.IndexOf((await DeliveryAsync(second)).Id) < ids.IndexOf((await DeliveryAsync(first)).Id));
        var created = all.Select(i => i!["createdAt"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(created.OrderDescending(), created);
        Assert.Equal(ids[1], secondOnly["items"]![0]!["id"]!.GetValue<Guid>());
        Assert.Equal(secondOnly["total"]!.GetValue<int>(), await app.QueryAsync(db => db.Deliveries.CountAsync()));
    }

    private async Task PlanAllAsync()
    {
        var planner = app.Services.GetRequiredService<DeliveryPlanner>();
        while (await planner.PlanAsync(50, CancellationToken.None) > 0)
        {
        }
    }

    /// <summary>Dispatcher steps until one does nothing.</summary>
    private async Task RunUntilIdleAsync()
    {
        while ((await app.Dispatcher().RunOnceAsync()).DidWork)
        {
        }
    }

    private static List<(DeliveryChannel, Guid?, string?)> Rows(params (DeliveryChannel, Guid?, string?)[] rows) => [.. rows];

    private Task<List<(DeliveryChannel, Guid?, string?)>> DeliveriesAsync(Notification notification) => app.QueryAsync(async db =>
        (await db.Deliveries.AsNoTracking().Where(d => d.NotificationId == notification.Id).ToListAsync())
        .OrderBy(d => d.Channel).Select(d => (d.Channel, d.ChannelId, d.Address)).ToList());

    private Task<Delivery> DeliveryAsync(Notification notification) =>
        app.QueryAsync(db => db.Deliveries.AsNoTracking().SingleAsync(d => d.NotificationId == notification.Id));
}

public sealed class SqliteOutboxTests(OutboxSqliteApp app) : OutboxTests<OutboxSqliteApp>(app);

public sealed class PostgresOutboxTests(OutboxPostgresApp app) : OutboxTests<OutboxPostgresApp>(app);
