using System.Collections.Concurrent;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Insights;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Signals;
using KeyAccountPipeline.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Data.Insights;

/// <summary>
/// The numbers behind the manager's insights. What each read grows with, so the page stays fast as history grows
/// (decision 0001): the open cards (the board's own query: open deals), one narrow row per deal (id, version, start,
/// status), the close events of the last <see cref="ClosedWindowDays"/> days, the upward changes of the last
/// <see cref="WeeksShown"/> weeks, the people, and the level changes of only those deals whose version moved since this
/// instance last replayed them (<see cref="StageStays"/> are kept per deal version and playbook version). The definitions,
/// so the page can say them:
/// <list type="bullet">
/// <item>"Open" is the board's open and on-hold deals.</item>
/// <item>The team's weakest factor is the one with the lowest average level across the open deals as a share of its
/// ladder's top level; ties go to the earlier factor in the method's order.</item>
/// <item>Won and lost count deals closed now whose latest close fell in the last <see cref="ClosedWindowDays"/> days.</item>
/// <item>Days per stage replay every deal's changes against today's gates (<see cref="StageStays"/>).</item>
/// <item>Advances per week are levels gained by upward changes, by the day they happened, credited to the deal's
/// current owner (who carries the deal now, whoever typed the change): a change from 1 to 3 counts two.</item>
/// </list>
/// </summary>
public sealed class InsightQueries(IDbContextFactory<PipelineDbContext> contexts, DealQueries deals, PlaybookStore playbooks, OrgCalendar calendar)
{
    public const int ClosedWindowDays = 90;
    public const int WeeksShown = 8;

    /// <summary>
    /// Each deal's finished stage stays, as last replayed, with the deal version and playbook version they were replayed
    /// at. Every change that can move a stay (a checkpoint change, a start date edit, a close or a reopening) raises the
    /// deal's version in the same transaction, so a deal whose version has not moved need not be read again.
    /// </summary>
    private readonly ConcurrentDictionary<Guid, ReplayedStays> _stays = new();

    public async Task<TeamInsights> InsightsAsync(CancellationToken cancellationToken = default)
    {
        var playbook = await playbooks.CurrentAsync(cancellationToken);
        var open = await deals.CardsAsync(new DealFilter(), cancellationToken);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var all = await db.Deals.AsNoTracking()
            .Select(d => new DealRow(d.Id, d.OwnerId, d.StartedOn, d.Status, d.Version))
            .ToListAsync(cancellationToken);

        // A closed deal's latest close is in the window exactly when any of its closes is: the latest is no earlier.
        var since = calendar.WindowStart(ClosedWindowDays);
        var recentCloses = await db.DealEvents.AsNoTracking()
            .Where(e => (e.Kind == DealEventKind.Won || e.Kind == DealEventKind.Lost) && e.OccurredAt >= since)
            .Join(db.Deals.Where(d => d.Status == DealStatus.Won || d.Status == DealStatus.Lost), e => e.DealId, d => d.Id,
                (e, d) => new CloseRow(e.DealId, d.Status, e.Reason, e.OccurredAt, d.AnnualValueFen))
            .ToListAsync(cancellationToken);
        var weeks = Weeks();
        var firstWeekStarts = calendar.StartOfDay(weeks[0]);
        var advances = await db.StandingCheckpointChanges().AsNoTracking()
            .Where(c => c.OccurredAt >= firstWeekStarts && c.ToLevel > c.FromLevel)
            .Join(db.Deals, c => c.DealId, d => d.Id, (c, d) => new Advance(d.OwnerId, c.OccurredAt, c.ToLevel - c.FromLevel))
            .ToListAsync(cancellationToken);
        var people = await db.People.AsNoTracking().Select(p => new { p.Id, p.Name, p.Role, p.Active }).ToListAsync(cancellationToken);
        var stays = await StaysAsync(db, playbook, all, cancellationToken);

        var factors = FactorAverages(playbook, open);
        var stages = playbook.Stages.OrderBy(s => s.Order).ToList();
        return new TeamInsights(
            calendar.Today,
            factors,
            open.Count == 0 ? null : factors.OrderBy(f => f.AverageShare).ThenBy(f => f.Key).First().Key,
            open.OrderBy(c => c.Stage.Order).ThenByDescending(c => c.AnnualValue).ThenBy(c => c.Customer, StringComparer.Ordinal)
                .Select(c => new HeatRow(c.Id, c.Customer, c.Title, c.Owner, c.Stage, c.Status, c.Levels))
                .ToList(),
            stages.Select(s =>
            {
                var inStage = open.Where(c => c.Stage.Key == s.Key).ToList();
                return new FunnelStage(StageRef.Of(s), inStage.Count, inStage.Sum(c => c.AnnualValue));
            }).ToList(),
            Closed(recentCloses.GroupBy(c => c.DealId).Select(g => g.MaxBy(c => c.OccurredAt)!).ToList(), since),
            stages.Select(s => new StageDuration(StageRef.Of(s), StageStays.Median(stays[s.Key]), stays[s.Key].Count())).ToList(),
            weeks,
            Reps(people.Select(p => (new PersonRef(p.Id, p.Name), p.Role, p.Active)), open, weeks, advances));
    }

    /// <summary>
    /// Every deal's finished stays by stage key. Replays only the deals not yet replayed at their current version under
    /// this playbook version (all of them on the first request of an instance, after that the deals changed since).
    /// </summary>
    private async Task<ILookup<string, int>> StaysAsync(PipelineDbContext db, Playbook playbook, IReadOnlyList<DealRow> all,
        CancellationToken cancellationToken)
    {
        var stale = all.Where(d => !(_stays.TryGetValue(d.Id, out var kept) && kept.DealVersion == d.Version && kept.PlaybookVersion == playbook.Version))
            .ToList();
        if (stale.Count > 0)
        {
            var ids = stale.Select(d => d.Id).ToList();
            var everyDeal = stale.Count == all.Count;
            var changes = (await db.StandingCheckpointChanges().AsNoTracking()
                    .Where(c => everyDeal || ids.Contains(c.DealId))
                    .Select(c => new { c.DealId, Step = new LevelStep(c.Factor, c.ToLevel, c.OccurredAt, c.RecordedAt) })
                    .ToListAsync(cancellationToken))
                .ToLookup(c => c.DealId, c => c.Step);
            // The close that put a closed deal where it is: its latest one (a deal can be reopened and closed again).
            var closes = (await db.DealEvents.AsNoTracking()
                    .Where(e => (e.Kind == DealEventKind.Won || e.Kind == DealEventKind.Lost) && (everyDeal || ids.Contains(e.DealId)))
                    .Select(e => new { e.DealId, e.OccurredAt })
                    .ToListAsync(cancellationToken))
                .ToLookup(e => e.DealId, e => e.OccurredAt);
            foreach (var deal in stale)
            {
                DateOnly? closedOn = deal.Status is DealStatus.Won or DealStatus.Lost && closes[deal.Id].Any()
                    ? calendar.LocalDate(closes[deal.Id].Max())
                    : null;
                _stays[deal.Id] = new ReplayedStays(deal.Version, playbook.Version,
                    StageStays.Of(playbook, DateLimits.Clamp(deal.StartedOn), changes[deal.Id], closedOn, calendar.LocalDate));
            }
        }

        return all.SelectMany(d => _stays[d.Id].Stays).ToLookup(s => s.StageKey, s => s.Days);
    }

    private static List<FactorAverage> FactorAverages(Playbook playbook, IReadOnlyList<DealCard> open) =>
        playbook.Factors.Select(f =>
        {
            var average = open.Count == 0 ? 0 : open.Average(c => (double)c.Levels[f.Key]);
            return new FactorAverage(f.Key, f.Name, f.MaxLevel, Math.Round(average, 2),
                f.MaxLevel == 0 ? 0 : Math.Round(average / f.MaxLevel, 3));
        }).ToList();

    private ClosedSummary Closed(IReadOnlyList<CloseRow> closed, DateTimeOffset since)
    {
        OutcomeSummary Of(DealStatus status)
        {
            var these = closed.Where(c => c.Status == status).ToList();
            var reasons = these.GroupBy(c => c.Reason ?? CloseReason.Other)
                .Select(g => new ReasonCount(g.Key, g.Count()))
                .OrderByDescending(r => r.Count).ThenBy(r => r.Reason)
                .ToList();
            return new OutcomeSummary(these.Count, these.Sum(c => c.AnnualValueFen) / 100m, reasons);
        }

        return new ClosedSummary(ClosedWindowDays, calendar.LocalDate(since), Of(DealStatus.Won), Of(DealStatus.Lost));
    }

    /// <summary>The Mondays (the organisation's calendar) that start the last <see cref="WeeksShown"/> weeks, this week last.</summary>
    private List<DateOnly> Weeks()
    {
        var today = calendar.Today;
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return Enumerable.Range(0, WeeksShown).Select(i => monday.AddDays(-7 * (WeeksShown - 1 - i))).ToList();
    }

    /// <summary>Every active rep, and anyone else who owns an open deal, by name.</summary>
    private List<RepInsight> Reps(IEnumerable<(PersonRef Person, Role Role, bool Active)> people, IReadOnlyList<DealCard> open,
        IReadOnlyList<DateOnly> weeks, IReadOnlyList<Advance> advances)
    {
        var first = weeks[0];
        var advancesBy = advances.ToLookup(a => a.OwnerId);
        var openBy = open.ToLookup(c => c.Owner.Id);
        return people
            .Where(p => (p.Active && p.Role == Role.Rep) || openBy.Contains(p.Person.Id))
            .OrderBy(p => p.Person.Name, StringComparer.Ordinal)
            .Select(p =>
            {
                var perWeek = new int[weeks.Count];
                foreach (var advance in advancesBy[p.Person.Id])
                {
                    var day = calendar.LocalDate(advance.OccurredAt);
                    perWeek[Math.Min(weeks.Count - 1, (day.DayNumber - first.DayNumber) / 7)] += advance.Gained;
                }

                var cards = openBy[p.Person.Id].ToList();
                return new RepInsight(p.Person, perWeek, cards.Count,
                    cards.Count(c => c.Flags.Contains(Flag.Stalled)), cards.Count(c => c.Flags.Contains(Flag.BusyButStuck)));
            })
            .ToList();
    }

    private sealed record DealRow(Guid Id, Guid OwnerId, DateOnly StartedOn, DealStatus Status, int Version);

    private sealed record CloseRow(Guid DealId, DealStatus Status, CloseReason? Reason, DateTimeOffset OccurredAt, long AnnualValueFen);

    private sealed record Advance(Guid OwnerId, DateTimeOffset OccurredAt, int Gained);

    private sealed record ReplayedStays(int DealVersion, int PlaybookVersion, IReadOnlyList<StageStay> Stays);
}
