using System.Globalization;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Notifications;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Issue 17 §3: the weekly ladder digest, on a pipeline built through the API with the fake clock, then read at Monday 08:30 in
/// Asia/Shanghai (00:30 UTC). Each test has an app of its own (a digest is once per person per week, so tests sharing people
/// would see each other's). Runs once on SQLite and once on PostgreSQL.
/// </summary>
public abstract class DigestTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    /// <summary>Monday 29 June 2026, 08:30 in Shanghai: two weeks after <see cref="PipelineApp.Start"/>, so the deals it creates are older than the review window.</summary>
    private static readonly DateTimeOffset Monday = new(2026, 6, 29, 0, 30, 0, TimeSpan.Zero);

    private static readonly DateOnly Week = new(2026, 6, 29);

    /// <summary>A new app of the provider, in <paramref name="zone"/> (null: Asia/Shanghai), with the digest's scheduler running or not.</summary>
    protected abstract PipelineApp NewApp(string? zone = null, bool scheduled = false);

    private static DateTimeOffset Local(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, Shanghai);

    /// <summary>
    /// The hand-built pipeline, entered on 15 June (clock moved as it is recorded; "today" is Monday 29 June 2026 when it is read,
    /// the review window without a held review 22–29 June):
    /// East China Cold Chain (李娜 Li Na's): started 1 May, need 3 and power 1 on 10 May (Qualify, stalls after 21 days): stalled 50 days;
    /// Beta Retail (hers): started 1 April, need 1 on 20 April (Discover, 14 days), three visits 23–25 June: stalled 70 days and busy but stuck;
    /// Gamma Freight (张伟 Zhang Wei's): started 1 June, need 3 on 2 June, power 1 on 3 June (Qualify: not stalled on 22 June), put back to
    /// power 0 by 王磊 Wang Lei on 25 June: a regression in the window, and stalled since (Discover, 26 days), newly;
    /// her two action items, one overdue.
    /// </summary>
    private static async Task<(Guid ColdChain, Guid Beta, Guid Gamma)> BuildPipelineAsync(PipelineApp app)
    {
        var manager = app.ClientFor(app.Manager);
        async Task<(Guid Id, int Version)> DealAsync(string customer, Person owner, DateOnly startedOn)
        {
            var card = await manager.PostOkAsync("/api/deals", new
            {
                customer, industry = "Cold chain", title = "Regional DC", serviceLine = "warehousing", ownerId = owner.Id,
                annualValue = 2_000_000m, targetCloseDate = new DateOnly(2026, 12, 31), startedOn,
            });
            return (card["id"]!.GetValue<Guid>(), card["version"]!.GetValue<int>());
        }

        async Task<int> CheckpointAsync(Guid id, string factor, int level, int version, DateTimeOffset? at, string note = "Confirmed on site") =>
            (await manager.PostOkAsync($"/api/deals/{id}/checkpoints", new { factor, level, note, occurredAt = at, version }))["version"]!.GetValue<int>();

        var (coldChain, v1) = await DealAsync("East China Cold Chain", app.Rep, new DateOnly(2026, 5, 1));
        v1 = await CheckpointAsync(coldChain, "need", 3, v1, Local(5, 10, 9));
        await CheckpointAsync(coldChain, "power", 1, v1, Local(5, 10, 10));
        var (beta, v2) = await DealAsync("Beta Retail", app.Rep, new DateOnly(2026, 4, 1));
        await CheckpointAsync(beta, "need", 1, v2, Local(4, 20, 9));
        var (gamma, v3) = await DealAsync("Gamma Freight", app.OtherRep, new DateOnly(2026, 6, 1));
        v3 = await CheckpointAsync(gamma, "need", 3, v3, Local(6, 2, 9));
        v3 = await CheckpointAsync(gamma, "power", 1, v3, Local(6, 3, 9));

        app.Clock.SetUtcNow(Local(6, 25, 12).ToUniversalTime());
        foreach (var day in new[] { 23, 24, 25 })
        {
            await manager.PostOkAsync($"/api/deals/{beta}/activities", new { kind = "visit", summary = "Warehouse visit", occurredAt = Local(6, day, 9) });
        }

        await CheckpointAsync(gamma, "power", 0, v3, null, "Their COO left the company");
        await manager.PostOkAsync($"/api/deals/{coldChain}/action-items", new { ownerId = app.Rep.Id, text = "Book a meeting with the CFO", dueOn = new DateOnly(2026, 7, 2) });
        await manager.PostOkAsync($"/api/deals/{beta}/action-items", new { ownerId = app.Rep.Id, text = "Send the revised quote", dueOn = new DateOnly(2026, 6, 26) });
        return (coldChain, beta, gamma);
    }

    private static Task<List<Notification>> DigestsAsync(PipelineApp app) =>
        app.QueryAsync(db => db.Notifications.AsNoTracking().Where(n => n.Kind == NotificationKind.WeeklyDigest).ToListAsync());

    private static NotificationMessage Render(PipelineApp app, Notification digest, string culture) =>
        app.Services.GetRequiredService<NotificationMessages>().Render(digest, CultureInfo.GetCultureInfo(culture));

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task OnMondayAtHalfPastEightInShanghaiEachPersonGetsTheirDigestReadLineByLine()
    {
        await using var app = NewApp();
        await app.InitializeAsync();
        var (coldChain, beta, gamma) = await BuildPipelineAsync(app);
        app.Clock.SetUtcNow(Monday);

        var result = await app.Services.GetRequiredService<DigestRun>().RunAsync(app.Clock.GetUtcNow());

        Assert.Equal(new DigestRunResult(Week, 4, 0, 0), result);
        var digests = (await DigestsAsync(app)).ToDictionary(n => n.PersonId);
        Assert.Equal(
            new[] { app.Rep.Id, app.Manager.Id, app.OtherRep.Id, app.Admin.Id }.Order(),
            digests.Keys.Order());
        Assert.All(digests.Values, d => Assert.Equal(DigestRun.DedupeKey(d.PersonId, Week), d.DedupeKey));
        Assert.All(digests.Values, d => Assert.Equal($"weeklyDigest:{d.PersonId}:2026-06-29", d.DedupeKey));
        Assert.All(digests.Values, d => Assert.Null(d.PlannedAt));

        var rep = Render(app, digests[app.Rep.Id], "en-US");
        Assert.Equal("Weekly ladder digest, week of 29 Jun 2026: 2 stuck deals, 2 open action items", rep.Subject);
        Assert.Equal(new Uri("http://localhost:5000/"), rep.Link);
        Assert.Equal(
            [
                "Weekly ladder digest, week of 29 Jun 2026: 2 stuck deals, 2 open action items",
                "Hello 李娜 Li Na, here is what needs you this week.",
                "Your stuck deals (2)",
                "- Beta Retail · Regional DC — Discover",
                "  ■ Stalled: No checkpoint advanced for 70 days; Discover allows 14",
                "  ▲ Busy but stuck: 3 activities in 30 days, but no checkpoint advanced",
                "  Next checkpoint (Need: now 1, needs 3): 2. Real need (root cause) identified and written down",
                "  Question to ask: Is this the real need? What problem sits behind the stated request?",
                $"  http://localhost:5000/deals/{beta}",
                "- East China Cold Chain · Regional DC — Qualify",
                "  ■ Stalled: No checkpoint advanced for 50 days; Qualify allows 21",
                "  Next checkpoint (Power: now 1, needs 3): 2. Our contact recommended us to the decision maker and arranged a meeting",
                "  Question to ask: Who is the decision maker? Have we met the final decision maker? Has every department with a veto been consulted, and has it agreed?",
                $"  http://localhost:5000/deals/{coldChain}",
                "Your open action items (2)",
                "- ⚠ Overdue (due 26 Jun 2026) · Beta Retail: Send the revised quote",
                "- Due 2 Jul 2026 · East China Cold Chain: Book a meeting with the CFO",
                "Open My actions: http://localhost:5000/my/actions",
                "Open the board: http://localhost:5000/",
            ],
            Lines(rep.Text));

        var other = Render(app, digests[app.OtherRep.Id], "en-US");
        Assert.Equal(
            [
                "Weekly ladder digest, week of 29 Jun 2026: 1 stuck deal",
                "Hello 张伟 Zhang Wei, here is what needs you this week.",
                "Your stuck deals (1)",
                "- Gamma Freight · Regional DC — Discover",
                "  ■ Stalled: No checkpoint advanced for 26 days; Discover allows 14",
                "  Next checkpoint (Power: now 0, needs 1): 1. Our business contact has told the decision maker we are in the project",
                "  Question to ask: Who is the decision maker? Have we met the final decision maker? Has every department with a veto been consulted, and has it agreed?",
                $"  http://localhost:5000/deals/{gamma}",
                "Open the board: http://localhost:5000/",
            ],
            Lines(other.Text));

        var manager = Render(app, digests[app.Manager.Id], "en-US");
        Assert.Equal(new Uri("http://localhost:5000/review"), manager.Link);
        Assert.Equal(
            [
                "Weekly ladder digest, week of 29 Jun 2026: 1 regression, 1 newly stalled, 1 overdue action item",
                "Hello 王磊 Wang Lei, here is what needs you this week.",
                "The team: no review held yet, since 22 Jun 2026",
                "Regressions (1)",
                "- Gamma Freight · Regional DC (张伟 Zhang Wei): Power 1 → 0, by 王磊 Wang Lei: “Their COO left the company”",
                $"  http://localhost:5000/deals/{gamma}",
                "Newly stalled (1)",
                "- Gamma Freight · Regional DC (张伟 Zhang Wei) · Discover",
                $"  http://localhost:5000/deals/{gamma}",
                "Overdue action items (1)",
                "- ⚠ Due 26 Jun 2026 · 李娜 Li Na · Beta Retail: Send the revised quote",
                "Open review mode: http://localhost:5000/review",
            ],
            Lines(manager.Text));
        // The admin reads the pipeline as a manager does.
        Assert.Equal(Lines(manager.Text).Skip(2), Lines(Render(app, digests[app.Admin.Id], "en-US").Text).Skip(2));

        var zh = Render(app, digests[app.Rep.Id], "zh-CN");
        Assert.Equal("每周阶梯简报（2026年6月29日）：2 个商机卡住、2 项行动未完成", zh.Subject);
        Assert.Equal(
            [
                "每周阶梯简报（2026年6月29日）：2 个商机卡住、2 项行动未完成",
                "李娜 Li Na，你好！下面是本周需要你关注的商机和行动。",
                "你卡住的商机（2）",
                "- Beta Retail · Regional DC — 发现需求",
                "  ■ 停滞：已有 70 天没有推进任何检查点；“发现需求”阶段最多允许 14 天",
                "  ▲ 忙而不进：30 天内有 3 次拜访/电话等活动，但没有任何检查点推进",
                "  下一个检查点（需求：现在 1，需要 3）：2. 已识别真实需求（根因）并形成书面需求假设",
                "  要问的问题：这是客户的真实需求吗？表面需求背后的问题是什么？",
            ],
            Lines(zh.Text).Take(8));
        var zhManager = Render(app, digests[app.Manager.Id], "zh-CN");
        Assert.Contains("团队：还没有召开过评审，自 2026年6月22日 以来", Lines(zhManager.Text));
        Assert.Contains("- Gamma Freight · Regional DC（张伟 Zhang Wei）：权力 1 → 0，王磊 Wang Lei 记录：“Their COO left the company”", Lines(zhManager.Text));
        Assert.Contains("打开评审模式: http://localhost:5000/review", Lines(zhManager.Text));
    }

    [Fact]
    public async Task SinceTheLastReviewMeansSinceTheDayItWasHeld()
    {
        await using var app = NewApp();
        await app.InitializeAsync();
        await BuildPipelineAsync(app);
        await app.ClientFor(app.Manager).PostOkAsync("/api/reviews", new { heldOn = new DateOnly(2026, 6, 25), attendees = new[] { app.Manager.Id } });
        app.Clock.SetUtcNow(Monday);

        await app.Services.GetRequiredService<DigestRun>().RunAsync(app.Clock.GetUtcNow());

        var manager = (await DigestsAsync(app)).Single(d => d.PersonId == app.Manager.Id);
        Assert.Equal("The team: since the last review on 25 Jun 2026", Lines(Render(app, manager, "en-US").Text)[2]);
    }

    [Fact]
    public async Task RunsAtTheSameMinuteWriteOneDigestPerPersonAndALaterRunFinishesWhatAStoppedOneLeft()
    {
        await using var app = NewApp();
        await app.InitializeAsync();
        await BuildPipelineAsync(app);
        app.Clock.SetUtcNow(Monday);
        var run = app.Services.GetRequiredService<DigestRun>();
        // As if a run had stopped after the rep's digest: the next runs must write the other three, once.
        var rep = await run.RunAsync(Monday);
        await app.QueryAsync(db => db.Notifications.Where(n => n.PersonId != app.Rep.Id).ExecuteDeleteAsync());

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => run.RunAsync(Monday))));
        var again = await run.RunAsync(Monday.AddMinutes(1));

        Assert.Equal(4, rep.Written);
        Assert.Equal(3, results.Sum(r => r.Written));
        Assert.All(results, r => Assert.Equal(4, r.Written + r.AlreadyWritten));
        Assert.Equal(new DigestRunResult(Week, 0, 4, 0), again);
        var digests = await DigestsAsync(app);
        Assert.Equal(4, digests.Count);
        Assert.Equal(4, digests.Select(d => d.PersonId).Distinct().Count());
    }

    [Fact]
    public async Task ALateRunSendsThatWeeksDigestOnceAndAPersonWithNothingToReportGetsNone()
    {
        await using var app = NewApp();
        await app.InitializeAsync();
        var manager = app.ClientFor(app.Manager);
        app.Clock.SetUtcNow(Local(6, 30, 15).ToUniversalTime()); // Tuesday afternoon: the app was down on Monday
        // One deal started today: nothing stalled, nothing open, nothing regressed.
        await manager.PostOkAsync("/api/deals", app.NewDealBody("Quiet Logistics"));

        var late = await app.Services.GetRequiredService<DigestRun>().RunAsync(app.Clock.GetUtcNow());

        Assert.Equal(new DigestRunResult(Week, 0, 0, 4), late);
        Assert.Empty(await DigestsAsync(app));

        // A rep with only an open action item gets a digest saying so, in the late run of the same week.
        await manager.PostOkAsync($"/api/deals/{(await app.QueryAsync(db => db.Deals.SingleAsync())).Id}/action-items",
            new { ownerId = app.Rep.Id, text = "Send the warehouse plan", dueOn = new DateOnly(2026, 7, 3) });
        var later = await app.Services.GetRequiredService<DigestRun>().RunAsync(app.Clock.GetUtcNow());

        Assert.Equal(new DigestRunResult(Week, 1, 0, 3), later);
        var text = Lines(Render(app, Assert.Single(await DigestsAsync(app)), "en-US").Text);
        Assert.Equal("None of your deals is stalled or busy but stuck this week.", text[2]);
        Assert.Equal("- Due 3 Jul 2026 · Quiet Logistics: Send the warehouse plan", text[4]);
    }

    public static TheoryData<string, DateTimeOffset, DateTimeOffset> Zones => new()
    {
        // 08:30 Shanghai is 00:30 UTC: sent then, hours before 08:30 UTC.
        { "Asia/Shanghai", new DateTimeOffset(2026, 6, 22, 0, 29, 0, TimeSpan.Zero), new DateTimeOffset(2026, 6, 22, 0, 30, 0, TimeSpan.Zero) },
        // 08:30 UTC is 04:30 in New York (summer time): nothing yet; 08:30 there is 12:30 UTC.
        { "America/New_York", new DateTimeOffset(2026, 6, 22, 8, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 6, 22, 12, 30, 0, TimeSpan.Zero) },
    };

    [Theory]
    [MemberData(nameof(Zones))]
    public async Task TheSchedulerWakesAtHalfPastEightInTheOrganisationsZoneAndNotBefore(string zone, DateTimeOffset before, DateTimeOffset moment)
    {
        await using var app = NewApp(zone, scheduled: true);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 21, 8, 30, 0, TimeSpan.Zero)); // Sunday, before the app starts
        await app.InitializeAsync();
        var scheduler = app.Services.GetRequiredService<DigestScheduler>();
        // At start it caught up on last week's moment (nothing to say yet: no deals) and now waits for Monday's.
        await Until(() => scheduler.Runs == 1 && scheduler.WaitingUntil is not null);
        Assert.Equal(moment, scheduler.WaitingUntil);
        await app.ClientFor(app.Manager).PostOkAsync("/api/deals", new
        {
            customer = "Sleepy Shipping", industry = "Retail", title = "Regional DC", serviceLine = "warehousing", ownerId = app.Rep.Id,
            annualValue = 1_000_000m, targetCloseDate = new DateOnly(2026, 12, 31), startedOn = new DateOnly(2026, 5, 1),
        });

        app.Clock.SetUtcNow(before);
        await Task.Delay(300);

        Assert.Equal(1, scheduler.Runs);
        Assert.Empty(await DigestsAsync(app));

        app.Clock.SetUtcNow(moment);
        await Until(() => scheduler.Runs == 2);

        // The rep's stalled deal; the managers' newly stalled one (created in the window); nothing for the other rep.
        var week = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, TimeZoneInfo.FindSystemTimeZoneById(zone)).Date);
        var digests = await DigestsAsync(app);
        Assert.Equal(new[] { app.Rep.Id, app.Manager.Id, app.Admin.Id }.Order(), digests.Select(d => d.PersonId).Order());
        Assert.All(digests, d => Assert.Equal(DigestRun.DedupeKey(d.PersonId, week), d.DedupeKey));
        Assert.All(digests, d => Assert.Equal(moment, d.OccurredAt));
        Assert.Equal(moment.AddDays(7), scheduler.WaitingUntil);
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The scheduler did not get there in 30 seconds.");
            await Task.Delay(20);
        }
    }
}

public sealed class SqliteDigestTests : DigestTests
{
    protected override PipelineApp NewApp(string? zone = null, bool scheduled = false) => new SqliteApp { TimeZone = zone, DigestScheduler = scheduled };
}

public sealed class PostgresDigestTests : DigestTests
{
    protected override PipelineApp NewApp(string? zone = null, bool scheduled = false) => new PostgresApp { TimeZone = zone, DigestScheduler = scheduled };
}
