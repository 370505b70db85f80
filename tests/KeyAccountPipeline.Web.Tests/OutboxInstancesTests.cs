using System.Diagnostics;
using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Issue 17 §5 on several instances: two app hosts on ONE PostgreSQL database, their dispatchers' loops running, 200
/// notifications → every delivery sent exactly once (counted per delivery id by the senders both hosts share), also when one
/// host stops mid-run; the weekly digest run by both at the same minute, each person's digest written and delivered once;
/// nothing left pending or leased. SQLite is one instance by design (decision 0037-notifications-outbox).
/// </summary>
public sealed class OutboxInstancesTests
{
    private const int Notifications = 200;

    [Fact]
    public async Task TwoInstancesSendEveryDeliveryExactlyOnce()
    {
        var log = new SenderLog { Delay = TimeSpan.FromMilliseconds(2) };
        await using var first = await StartAsync(log, "a");
        await using var second = await StartAsync(log, "b");
        var expected = await WriteNotificationsAsync(first);

        // Written on the first instance: its change announcement wakes both (LISTEN/NOTIFY), as a real write's would.
        await first.Services.GetRequiredService<PipelineChanges>().PublishAsync(PipelineChange.Anything);
        await UntilAllSentAsync(first, log, expected, first, second);

        AssertExactlyOnce(log, await SentIdsAsync(first), expected);
        Assert.Contains(log.Attempts, a => a.Host == "a");
        Assert.Contains(log.Attempts, a => a.Host == "b");
    }

    [Fact]
    public async Task StoppingOneInstanceMidRunStillSendsEveryDeliveryExactlyOnce()
    {
        var log = new SenderLog { Delay = TimeSpan.FromMilliseconds(5) };
        await using var first = await StartAsync(log, "a");
        var second = await StartAsync(log, "b");
        var expected = await WriteNotificationsAsync(first);

        first.Dispatcher().Wake();
        second.Dispatcher().Wake();
        var clock = Stopwatch.StartNew();
        while (log.Attempts.Count(a => a.Host == "b") < 20 && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(10);
        }

        // The host stops as a deployment stops it: its attempt in flight finishes and is recorded, its other leases go back.
        await second.DisposeAsync();
        var sentBySecond = log.Attempts.Count(a => a.Host == "b");
        Assert.InRange(sentBySecond, 20, expected - 1);
        await UntilAllSentAsync(first, log, expected, first);

        AssertExactlyOnce(log, await SentIdsAsync(first), expected);
        Assert.Equal(sentBySecond, log.Attempts.Count(a => a.Host == "b"));
        Assert.Contains(log.Attempts, a => a.Host == "a");
    }

    [Fact]
    public async Task TwoInstancesRunningTheDigestAtTheSameMinuteDeliverEachPersonsDigestOnce()
    {
        var log = new SenderLog();
        await using var first = await StartAsync(log, "a");
        await using var second = await StartAsync(log, "b");
        await OutboxHost.AddChannelsAsync(first);
        // Something for each rep's digest: an open action item on a deal of theirs.
        var manager = first.ClientFor(first.Manager);
        foreach (var owner in new[] { first.Rep, first.OtherRep })
        {
            var body = new
            {
                customer = $"Digest Twin {Guid.NewGuid():N}", industry = "Retail", title = "Two warehouses", serviceLine = "warehousing",
                ownerId = owner.Id, annualValue = 900_000m, targetCloseDate = PipelineApp.StartDate.AddMonths(4),
            };
            var deal = (await manager.PostOkAsync("/api/deals", body))["id"]!;
            await manager.PostOkAsync($"/api/deals/{deal}/action-items", new { ownerId = owner.Id, text = "Book the site visit", dueOn = PipelineApp.StartDate.AddDays(20) });
        }

        // Both instances wake at the same minute, each more than once (a restart runs it again).
        var now = first.Clock.GetUtcNow();
        var runs = await Task.WhenAll(new[] { first, second, first, second }.Select(app => Task.Run(() => app.Services.GetRequiredService<DigestRun>().RunAsync(now))));

        var digests = await first.QueryAsync(db => db.Notifications.Where(n => n.Kind == NotificationKind.WeeklyDigest).Select(n => n.PersonId).ToListAsync());
        Assert.Contains(first.Rep.Id, digests);
        Assert.Contains(first.OtherRep.Id, digests);
        Assert.Equal(digests.Count, digests.Distinct().Count());
        Assert.Equal(digests.Count, runs.Sum(r => r.Written));

        await UntilAllSentAsync(first, log, expected: null, first, second);
        var sent = await SentIdsAsync(first);
        AssertExactlyOnce(log, sent, sent.Count);
        var digestDeliveries = await first.QueryAsync(db => db.Deliveries.CountAsync(d => db.Notifications.Any(n => n.Id == d.NotificationId && n.Kind == NotificationKind.WeeklyDigest)));
        Assert.True(digestDeliveries >= digests.Count, $"{digestDeliveries} deliveries for {digests.Count} digests");
    }

    private async Task<SharedPostgresApp> StartAsync(SenderLog log, string host)
    {
        var app = new SharedPostgresApp(Database, log, host);
        await app.InitializeAsync();
        return app;
    }

    /// <summary>One database per test class instance (each test gets its own: xunit makes a new instance per test).</summary>
    private string Database { get; } = TestPostgres.Database($"kap_test_outbox_{Guid.NewGuid():N}");

    /// <summary>200 regressions, half for the rep (email, WeCom, the rep's DingTalk robot), half for another rep (email, WeCom).</summary>
    /// <returns>How many deliveries they make.</returns>
    private static async Task<int> WriteNotificationsAsync(SharedPostgresApp app)
    {
        await OutboxHost.AddChannelsAsync(app);
        await app.QueryAsync(db =>
        {
            for (var i = 0; i < Notifications; i++)
            {
                var person = i % 2 == 0 ? app.Rep.Id : app.OtherRep.Id;
                db.Notifications.Add(new KeyAccountPipeline.Data.Notifications.Notification(
                    person, NotificationKind.DealRegressed, null, null, app.Clock.GetUtcNow(), "{}", $"regression:{i}:{Guid.NewGuid():N}"));
            }

            return db.SaveChangesAsync();
        });
        return (Notifications / 2 * 3) + (Notifications / 2 * 2);
    }

    /// <summary>
    /// Waits (at most a minute) until every notification is planned, the senders have seen <paramref name="expected"/>
    /// deliveries (any number when null) and none is left pending or leased; wakes the running dispatchers as their poll
    /// would (the apps' clocks are fake and do not move on their own).
    /// </summary>
    private static async Task UntilAllSentAsync(SharedPostgresApp reader, SenderLog log, int? expected, params SharedPostgresApp[] running)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (log.PerDelivery.Count >= (expected ?? 0)
                && !await reader.QueryAsync(db => db.Notifications.AnyAsync(n => n.PlannedAt == null))
                && await reader.QueryAsync(db => db.Deliveries.CountAsync(d => d.Status != DeliveryStatus.Sent || d.LeaseOwner != null)) == 0)
            {
                return;
            }

            foreach (var app in running)
            {
                app.Dispatcher().Wake();
            }

            await Task.Delay(100);
        }

        var left = await reader.QueryAsync(db => db.Deliveries.CountAsync(d => d.Status != DeliveryStatus.Sent || d.LeaseOwner != null));
        Assert.Fail($"After a minute {log.PerDelivery.Count} of {expected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all"} deliveries were sent, {log.PerDelivery.Count(p => p.Value > 1)} of them "
            + $"more than once, and {left} are not marked sent or still leased.");
    }

    private static Task<List<Guid>> SentIdsAsync(SharedPostgresApp app) =>
        app.QueryAsync(db => db.Deliveries.Where(d => d.Status == DeliveryStatus.Sent).Select(d => d.Id).ToListAsync());

    private static void AssertExactlyOnce(SenderLog log, List<Guid> sent, int expected)
    {
        Assert.Equal(expected, sent.Count);
        Assert.Equal(sent.Order(), log.PerDelivery.Keys.Order());
        var doubled = log.PerDelivery.Where(p => p.Value != 1).ToList();
        Assert.True(doubled.Count == 0, $"{doubled.Count} deliveries were sent more than once: {string.Join(", ", doubled.Take(5))}");
        Assert.Equal(expected, log.Attempts.Count);
    }
}
