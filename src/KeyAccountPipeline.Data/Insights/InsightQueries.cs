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
/// The numbers behind the manager's insights, in five queries whatever the size of the pipeline: the open cards
/// (the board's own query), every deal's start and status, the close events, the level changes (three columns of
/// each) and the people. Everything else is arithmetic over those rows. The definitions, so the page can say them:
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

    public async Task<TeamInsights> InsightsAsync(CancellationToken cancellationToken = default)
    {
        var playbook = await playbooks.CurrentAsync(cancellationToken);
        var open = await deals.CardsAsync(new DealFilter(), cancellationToken);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var all = await db.Deals.AsNoTracking()
            .Select(d => new DealRow(d.Id, d.OwnerId, d.StartedOn, d.Status, d.AnnualValueFen))
            .ToListAsync(cancellationToken);
        var closes = await db.DealEvents.AsNoTracking()
            .Where(e => e.Kind == DealEventKind.Won || e.Kind == DealEventKind.Lost)
            .Select(e => new CloseRow(e.DealId, e.Kind, e.Reason, e.OccurredAt))
            .ToListAsync(cancellationToken);
        var changes = (await db.CheckpointChanges.AsNoTracking()
            .Select(c => new { c.DealId, c.Factor, c.FromLevel, c.ToLevel, c.OccurredAt, c.RecordedAt })
            .ToListAsync(cancellationToken))
            .ToLookup(c => c.DealId, c => (Step: new LevelStep(c.Factor, c.ToLevel, c.OccurredAt, c.RecordedAt), Gained: c.ToLevel - c.FromLevel));
        var people = await db.People.AsNoTracking().Select(p => new { p.Id, p.Name, p.Role, p.Active }).ToListAsync(cancellationToken);

        // The close that put a closed deal where it is: its latest one (a deal can be reopened and closed again).
        var closedOn = closes
            .GroupBy(c => c.DealId)
            .Select(g => g.MaxBy(c => c.OccurredAt)!)
            .Join(all.Where(d => d.Status is DealStatus.Won or DealStatus.Lost), c => c.DealId, d => d.Id, (c, d) => (Close: c, Deal: d))
            .ToList();

        var factors = FactorAverages(playbook, open);
        var stages = playbook.Stages.OrderBy(s => s.Order).ToList();
        var weeks = Weeks();
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
                return new FunnelStage(DealQueries.StageRefOf(s), inStage.Count, inStage.Sum(c => c.AnnualValue));
            }).ToList(),
            Closed(closedOn),
            StageDays(playbook, stages, all, closedOn.ToDictionary(c => c.Deal.Id, c => calendar.LocalDate(c.Close.OccurredAt)),
                id => changes[id].Select(c => c.Step)),
            weeks,
            Reps(people.Select(p => (new PersonRef(p.Id, p.Name), p.Role, p.Active)), open, all, weeks,
                id => changes[id].Where(c => c.Gained > 0).Select(c => (c.Step.OccurredAt, c.Gained))));
    }

    private static List<FactorAverage> FactorAverages(Playbook playbook, IReadOnlyList<DealCard> open) =>
        playbook.Factors.Select(f =>
        {
            var average = open.Count == 0 ? 0 : open.Average(c => (double)c.Levels[f.Key]);
            return new FactorAverage(f.Key, f.Name, f.MaxLevel, Math.Round(average, 2),
                f.MaxLevel == 0 ? 0 : Math.Round(average / f.MaxLevel, 3));
        }).ToList();

    private ClosedSummary Closed(IReadOnlyList<(CloseRow Close, DealRow Deal)> closed)
    {
        var since = calendar.WindowStart(ClosedWindowDays);
        var recent = closed.Where(c => c.Close.OccurredAt >= since).ToList();
        OutcomeSummary Of(DealStatus status)
        {
            var these = recent.Where(c => c.Deal.Status == status).ToList();
            var reasons = these.GroupBy(c => c.Close.Reason ?? CloseReason.Other)
                .Select(g => new ReasonCount(g.Key, g.Count()))
                .OrderByDescending(r => r.Count).ThenBy(r => r.Reason)
                .ToList();
            return new OutcomeSummary(these.Count, these.Sum(c => c.Deal.AnnualValueFen) / 100m, reasons);
        }

        return new ClosedSummary(ClosedWindowDays, calendar.LocalDate(since), Of(DealStatus.Won), Of(DealStatus.Lost));
    }

    private List<StageDuration> StageDays(Playbook playbook, IReadOnlyList<StageDefinition> stages, IReadOnlyList<DealRow> all,
        IReadOnlyDictionary<Guid, DateOnly> closedOn, Func<Guid, IEnumerable<LevelStep>> changesOf)
    {
        var stays = all
            .SelectMany(d => StageStays.Of(playbook, DateLimits.Clamp(d.StartedOn), changesOf(d.Id), closedOn.TryGetValue(d.Id, out var on) ? on : null, calendar.LocalDate))
            .ToLookup(s => s.StageKey, s => s.Days);
        return stages.Select(s => new StageDuration(DealQueries.StageRefOf(s), StageStays.Median(stays[s.Key]), stays[s.Key].Count())).ToList();
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
        IReadOnlyList<DealRow> all, IReadOnlyList<DateOnly> weeks, Func<Guid, IEnumerable<(DateTimeOffset At, int Gained)>> advancesOf)
    {
        var first = weeks[0];
        var owned = all.ToLookup(d => d.OwnerId, d => d.Id);
        var openBy = open.ToLookup(c => c.Owner.Id);
        return people
            .Where(p => (p.Active && p.Role == Role.Rep) || openBy.Contains(p.Person.Id))
            .OrderBy(p => p.Person.Name, StringComparer.Ordinal)
            .Select(p =>
            {
                var perWeek = new int[weeks.Count];
                foreach (var (at, gained) in owned[p.Person.Id].SelectMany(advancesOf))
                {
                    var day = calendar.LocalDate(at);
                    if (day >= first)
                    {
                        perWeek[Math.Min(weeks.Count - 1, (day.DayNumber - first.DayNumber) / 7)] += gained;
                    }
                }

                var cards = openBy[p.Person.Id].ToList();
                return new RepInsight(p.Person, perWeek, cards.Count,
                    cards.Count(c => c.Flags.Contains(Flag.Stalled)), cards.Count(c => c.Flags.Contains(Flag.BusyButStuck)));
            })
            .ToList();
    }

    private sealed record DealRow(Guid Id, Guid OwnerId, DateOnly StartedOn, DealStatus Status, long AnnualValueFen);

    private sealed record CloseRow(Guid DealId, DealEventKind Kind, CloseReason? Reason, DateTimeOffset OccurredAt);
}
