using System.Globalization;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Data.Reviews;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Signals;
using KeyAccountPipeline.Domain.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KeyAccountPipeline.Data.Notifications;

/// <summary>What one digest run did, for its log line and for tests.</summary>
/// <param name="Week">The digest week it wrote (its digest day, the organisation's date).</param>
/// <param name="Written">Digests this run wrote.</param>
/// <param name="AlreadyWritten">People whose digest of the week was already there (an earlier run, or another instance at the same minute).</param>
/// <param name="NothingToSay">People with nothing stuck, nothing open and (managers) a quiet pipeline: no digest.</param>
public sealed record DigestRunResult(DateOnly Week, int Written, int AlreadyWritten, int NothingToSay);

/// <summary>
/// The weekly ladder digest job (issue 17 §3; decision 0038-notifications-digest): one <see cref="Notification"/> of kind
/// <see cref="NotificationKind.WeeklyDigest"/> per active person per digest week, whose dedupe key
/// "weeklyDigest:{personId}:{yyyy-MM-dd}" names the week's digest day. It is idempotent, so it needs no coordination: each row is
/// inserted if absent (the unique index on the key lets one writer win; the loser moves on), people whose digest is there are
/// not read again, and a run stopped half-way is finished by the next one. The outbox delivers the rows (they are written with
/// <see cref="Notification.PlannedAt"/> null).
/// </summary>
/// <remarks>
/// The content is read as the board and review mode read it, at <c>now</c>: the same <see cref="DealQueries"/> (signals by
/// <see cref="DealSignals"/>, weakest factor and gates by the playbook) and <see cref="ReviewQueries.ChangesSinceAsync"/>
/// (regressions and newly stalled since the last review), with the organisation's calendar stopped at <c>now</c>. A fixed
/// handful of queries per run, whatever the number of people.
/// </remarks>
public sealed class DigestRun(
    IDbContextFactory<PipelineDbContext> contexts, PlaybookStore playbooks, OrgCalendar calendar, DigestSchedule schedule, ILogger<DigestRun> logger)
{
    /// <summary>The dedupe key of <paramref name="personId"/>'s digest of the week whose digest day is <paramref name="week"/>.</summary>
    public static string DedupeKey(Guid personId, DateOnly week) =>
        string.Create(CultureInfo.InvariantCulture, $"weeklyDigest:{personId}:{week:yyyy-MM-dd}");

    /// <summary>
    /// Writes the digest of the week whose moment is the latest at or before <paramref name="now"/> (<see cref="DigestSchedule"/>)
    /// for every active person who has none yet and has something to be told. Safe to call any number of times, from any
    /// number of instances at once.
    /// </summary>
    /// <exception cref="DbUpdateException">The database refused a row for another reason than the digest being there already.</exception>
    public async Task<DigestRunResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var week = schedule.WeekOf(schedule.LatestAtOrBefore(now));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var people = await db.People.AsNoTracking().Where(p => p.Active)
            .Select(p => new Reader(p.Id, p.Name, p.Role)).ToListAsync(cancellationToken);
        var keys = people.Select(p => DedupeKey(p.Id, week)).ToList();
        var written = (await db.Notifications.AsNoTracking().Where(n => keys.Contains(n.DedupeKey))
            .Select(n => n.DedupeKey).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var waiting = people.Where(p => !written.Contains(DedupeKey(p.Id, week))).ToList();
        var result = new DigestRunResult(week, 0, people.Count - waiting.Count, 0);
        if (waiting.Count == 0)
        {
            return result;
        }

        var then = calendar.At(now);
        var content = await ReadAsync(then, waiting.Any(p => p.Actor.MayReadReviews), cancellationToken);
        foreach (var person in waiting)
        {
            var facts = content.For(person, week, then.Today);
            if (facts.IsEmpty)
            {
                result = result with { NothingToSay = result.NothingToSay + 1 };
                continue;
            }

            var key = DedupeKey(person.Id, week);
            db.Notifications.Add(new Notification(person.Id, NotificationKind.WeeklyDigest, null, null, now, facts.ToJson(), key));
            if (await InsertIfAbsentAsync(db, key, cancellationToken))
            {
                result = result with { Written = result.Written + 1 };
            }
            else
            {
                // Another instance (or an overlapping run) wrote this person's digest of the week first: theirs stands.
                result = result with { AlreadyWritten = result.AlreadyWritten + 1 };
            }
        }

        logger.LogInformation(
            "Weekly digest of {Week}: {Written} written, {Already} already there, {Nothing} with nothing to say",
            week, result.Written, result.AlreadyWritten, result.NothingToSay);
        return result;
    }

    /// <summary>
    /// Saves the added row: true when it was written, false when its key was taken already. Each row is its own transaction, so
    /// one person's clash (PostgreSQL aborts a transaction at its first error) never costs another's digest.
    /// </summary>
    /// <exception cref="DbUpdateException">The save failed and the key is not taken: not a clash, so not ours to swallow.</exception>
    private static async Task<bool> InsertIfAbsentAsync(PipelineDbContext db, string key, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Most likely the unique index on the key; if not (the database went away), the read below fails or finds nothing.
            db.ChangeTracker.Clear();
            if (await db.Notifications.AsNoTracking().AnyAsync(n => n.DedupeKey == key, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }

    /// <summary>Everything the digests of one run are cut from, read once: open deals, open action items, and the review window for managers.</summary>
    private async Task<Content> ReadAsync(OrgCalendar then, bool forManagers, CancellationToken cancellationToken)
    {
        var playbook = await playbooks.CurrentAsync(cancellationToken);
        var deals = new DealQueries(contexts, playbooks, then);
        var reviews = new ReviewQueries(contexts, playbooks, deals, then);
        var cards = await deals.CardsAsync(new DealFilter(Status: DealStatus.Open), cancellationToken);
        var stuck = cards.Where(c => c.Flags.Contains(Flag.Stalled) || c.Flags.Contains(Flag.BusyButStuck))
            .OrderByDescending(c => c.DaysSinceAdvance).ThenBy(c => c.Customer, StringComparer.Ordinal)
            .Select(c => (c.Owner.Id, Deal: Stuck(c, playbook)))
            .ToLookup(s => s.Id, s => s.Deal);
        var actions = await reviews.ActionItemsAsync(new ActionItemFilter(), cancellationToken);
        var team = forManagers ? await TeamAsync(reviews, actions, playbook, then.Today, cancellationToken) : null;
        return new Content(stuck, actions.ToLookup(a => a.Owner.Id, a => new DigestAction(a.Id, a.DealId, a.Customer, a.Text, a.DueOn)), team);
    }

    private static async Task<DigestTeam> TeamAsync(
        ReviewQueries reviews, IReadOnlyList<ActionItemView> actions, Playbook playbook, DateOnly today, CancellationToken cancellationToken)
    {
        var window = await reviews.ChangesSinceAsync(null, cancellationToken: cancellationToken);
        var regressions = window.Deals
            .SelectMany(d => d.Changes.Where(c => c.Regression).Select(c => new DigestRegression(
                d.Card.Id, d.Card.Customer, d.Card.Title, d.Card.Owner.Name, playbook.Factor(c.Factor).Name, c.From, c.To, c.By.Name, c.Note)))
            .ToList();
        var stalled = window.Deals.Where(d => d.NewlyStalled)
            .Select(d => new DigestStalled(d.Card.Id, d.Card.Customer, d.Card.Title, d.Card.Owner.Name, d.Card.Stage.Name))
            .ToList();
        var overdue = actions.Where(a => a.DueOn < today)
            .Select(a => new DigestAction(a.Id, a.DealId, a.Customer, a.Text, a.DueOn, a.Owner.Name))
            .ToList();
        return new DigestTeam(window.Since, window.LastReview is not null, regressions, stalled, overdue);
    }

    /// <summary>A stuck card with its weakest factor's next checkpoint and question, as the deal page's "what is left" names them.</summary>
    private static DigestDeal Stuck(DealCard card, Playbook playbook)
    {
        var stalled = card.Signals.FirstOrDefault(s => s.Flag == Flag.Stalled);
        var busy = card.Signals.FirstOrDefault(s => s.Flag == Flag.BusyButStuck);
        var weakest = card.Weakest is { } factor ? playbook.Factor(factor) : null;
        var level = weakest is null ? (int?)null : card.Levels[weakest.Key];
        var needs = weakest is null
            ? (int?)null
            : card.NextStage?.Missing.FirstOrDefault(m => m.Factor == weakest.Key)?.Required ?? weakest.MaxLevel;
        return new DigestDeal(
            card.Id, card.Customer, card.Title, card.Stage.Name,
            stalled?.Days, stalled?.AllowedDays,
            busy?.Activities, busy is null ? null : playbook.Signals.BusyWindowDays,
            weakest?.Key, weakest?.Name, level, needs,
            level is { } l && weakest is not null && l < weakest.MaxLevel ? weakest.Levels[l + 1] : null,
            weakest?.Question);
    }

    private sealed record Reader(Guid Id, string Name, Role Role)
    {
        public Actor Actor => new(Id, Role);
    }

    private sealed record Content(ILookup<Guid, DigestDeal> Stuck, ILookup<Guid, DigestAction> Actions, DigestTeam? Team)
    {
        public DigestFacts For(Reader person, DateOnly week, DateOnly today) =>
            new(week, today, person.Name, [.. Stuck[person.Id]], [.. Actions[person.Id]], person.Actor.MayReadReviews ? Team : null);
    }
}
