using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KeyAccountPipeline.Data.Deals;

public sealed record NewDeal(
    string Customer, string? Industry, string? Region, string Title, ServiceLine ServiceLine, Guid? OwnerId,
    long AnnualValueFen, DateOnly TargetCloseDate, DateOnly? StartedOn);

public sealed record CheckpointInput(Factor Factor, int Level, string? Note, Evidence? Evidence, DateTimeOffset? OccurredAt, int Version);

public sealed record CoachingNoteView(Guid Id, DateTimeOffset At, Guid AuthorId, string Text);

public sealed record ActivityInput(ActivityKind Kind, string Summary, DateTimeOffset? OccurredAt);

/// <summary>
/// Every write to a deal: load it, let the domain apply the rule and append history, save in one
/// transaction. A stale version or a concurrent save is a <see cref="DealConflictException"/>; an actor
/// whose role does not allow the change is an <see cref="AccessDeniedException"/>, checked before anything is written.
/// Every committed change is announced to open pages on every instance (<see cref="PipelineChanges"/>).
/// </summary>
public sealed class DealService(
    IDbContextFactory<PipelineDbContext> contexts,
    PlaybookStore playbooks,
    OrgCalendar calendar,
    DealQueries queries,
    PipelineChanges changes,
    ILogger<DealService> logger)
{
    public async Task<DealCard> CreateAsync(NewDeal input, Actor actor, CancellationToken cancellationToken = default)
    {
        var ownerId = input.OwnerId ?? actor.Id;
        actor.Ensure(actor.MayCreateFor(ownerId), new("销售代表只能为自己创建商机。", "A rep can create deals only for themselves."));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var owner = await ActivePersonAsync(db, ownerId, cancellationToken);
        var startedOn = EnsureStartedByToday(input.StartedOn ?? calendar.Today);

        // One account per customer however its name is typed (width, case, accents composed or not): the folded key
        // decides, on every provider alike; the oldest wins where older rows hold two spellings.
        var name = input.Customer.Trim();
        var key = TextKey.Fold(name);
        var account = await db.Accounts.Where(a => a.NameKey == key).OrderBy(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            if (string.IsNullOrWhiteSpace(input.Industry))
            {
                throw new DomainException("industry", new("新客户需要填写行业。", "A new customer needs an industry."));
            }

            account = new Account(Guid.CreateVersion7(), name, input.Industry, input.Region ?? string.Empty);
            db.Accounts.Add(account);
        }

        var deal = Deal.Create(Guid.CreateVersion7(), account.Id, owner.Id,
            new DealDetails(input.Title, input.ServiceLine, input.AnnualValueFen, input.TargetCloseDate, startedOn), actor.Id, calendar.Now);
        db.Deals.Add(deal);
        var card = await queries.CardOfAsync(db, deal, await playbooks.CurrentAsync(cancellationToken), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await AnnounceAsync(deal.Id);
        logger.LogInformation("Deal {DealId} created for {Customer} by {ActorId}", deal.Id, account.Name, actor.Id);
        return card;
    }

    public async Task<DealCard> EditAsync(Guid id, DealDetails details, int version, Actor actor, CancellationToken cancellationToken = default)
    {
        EnsureStartedByToday(details.StartedOn);
        var earliest = await EarliestRecordedOnAsync(id, cancellationToken);
        return await ChangeCardAsync(id, version, actor, (deal, actor, now, _) => deal.EditDetails(details, actor, now, earliest), cancellationToken);
    }

    /// <summary>
    /// The organisation's day of the earliest checkpoint change or activity dated on the deal (null when none), which its start date
    /// may not pass. History is append-only and every new row is dated on or after the start, so reading it before the write is safe.
    /// </summary>
    private async Task<DateOnly?> EarliestRecordedOnAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var change = await db.CheckpointChanges.AsNoTracking().Where(c => c.DealId == id)
            .Select(c => (DateTimeOffset?)c.OccurredAt).OrderBy(at => at).FirstOrDefaultAsync(cancellationToken);
        var activity = await db.Activities.AsNoTracking().Where(a => a.DealId == id)
            .Select(a => (DateTimeOffset?)a.OccurredAt).OrderBy(at => at).FirstOrDefaultAsync(cancellationToken);
        DateTimeOffset?[] both = [change, activity];
        return both.Where(at => at is not null).Min() is { } earliest ? calendar.LocalDate(earliest) : null;
    }

    /// <summary>A pursuit starts today at the latest (the organisation's day; the deal itself knows no zone).</summary>
    /// <exception cref="DomainException">On <c>startedOn</c> when it is after today.</exception>
    private DateOnly EnsureStartedByToday(DateOnly startedOn) => startedOn > calendar.Today
        ? throw new DomainException("startedOn", new("开始日期不能晚于今天。", "The pursuit cannot start in the future."))
        : startedOn;

    public Task<DealCard> RecordCheckpointAsync(Guid id, CheckpointInput input, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeCardAsync(id, input.Version, actor, (deal, actor, now, playbook) =>
        {
            var change = deal.RecordCheckpoint(playbook, input.Factor, input.Level, input.Note, input.Evidence, input.OccurredAt ?? now, actor, now, calendar);
            logger.LogInformation(
                "Checkpoint {Factor} {FromLevel} -> {ToLevel} on deal {DealId} by {ActorId}, occurred {OccurredAt}, playbook v{PlaybookVersion}",
                change.Factor, change.FromLevel, change.ToLevel, id, actor, change.OccurredAt, change.PlaybookVersion);
        }, cancellationToken);

    public Task<DealCard> LogActivityAsync(Guid id, ActivityInput input, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeCardAsync(id, null, actor,
            (deal, actor, now, _) => deal.LogActivity(input.Kind, input.OccurredAt ?? now, input.Summary, actor, now, calendar), cancellationToken);

    public Task<DealCard> CloseAsync(Guid id, CloseOutcome outcome, CloseReason reason, string? note, int version, Actor actor,
        CancellationToken cancellationToken = default) =>
        ChangeCardAsync(id, version, actor, (deal, actor, now, _) => deal.Close(outcome, reason, note, actor, now), cancellationToken);

    public Task<DealCard> ReopenAsync(Guid id, string? note, int version, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeCardAsync(id, version, actor, (deal, actor, now, _) => deal.Reopen(note, actor, now), cancellationToken);

    public Task<DealCard> HoldAsync(Guid id, string? reason, int version, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeCardAsync(id, version, actor, (deal, actor, now, _) => deal.PutOnHold(reason, actor, now), cancellationToken);

    public Task<DealCard> ResumeAsync(Guid id, string? reason, int version, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeCardAsync(id, version, actor, (deal, actor, now, _) => deal.Resume(reason, actor, now), cancellationToken);

    public async Task<DealCard> ReassignAsync(Guid id, Guid ownerId, int version, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Ensure(actor.MayReassign, new("只有经理和管理员可以更换负责人。", "Only managers and admins can reassign a deal."));
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await ActivePersonAsync(db, ownerId, cancellationToken);
        }

        return await ChangeCardAsync(id, version, actor, (deal, by, now, _) => deal.ChangeOwner(ownerId, by, now), cancellationToken);
    }

    /// <summary>A manager's coaching note on the deal; it does not change the deal's version, so it never conflicts with a rep's edit.</summary>
    public async Task<CoachingNoteView> AddCoachingNoteAsync(Guid id, string? text, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Ensure(actor.MayCoach, new("只有经理和管理员可以写辅导意见。", "Only managers and admins can add coaching notes."));
        var (note, _) = await ChangeAsync(id, null, actor, (deal, by, now, _) => deal.AddCoachingNote(text, by, now), false, cancellationToken);
        return new CoachingNoteView(note.Id, note.OccurredAt, note.ActorId, note.Note!);
    }

    public async Task<StakeholderView> AddStakeholderAsync(Guid id, StakeholderDetails details, Actor actor, CancellationToken cancellationToken = default) =>
        View((await ChangeAsync(id, null, actor, (deal, actor, now, _) => deal.AddStakeholder(details, actor, now), false, cancellationToken)).Result);

    public async Task<StakeholderView> ChangeStakeholderAsync(Guid id, Guid stakeholderId, StakeholderDetails details, Actor actor,
        CancellationToken cancellationToken = default) =>
        View((await ChangeAsync(id, null, actor, (deal, actor, now, _) => deal.ChangeStakeholder(stakeholderId, details, actor, now), true, cancellationToken)).Result);

    public Task RemoveStakeholderAsync(Guid id, Guid stakeholderId, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, null, actor, (deal, actor, now, _) =>
        {
            deal.RemoveStakeholder(stakeholderId, actor, now);
            return true;
        }, true, cancellationToken);

    private static StakeholderView View(Stakeholder s) => new(s.Id, s.Name, s.Title, s.Department, s.Role, s.Goal, s.VetoStatus);

    private async Task<DealCard> ChangeCardAsync(Guid id, int? version, Actor actor, Action<Deal, Guid, DateTimeOffset, Playbook> change,
        CancellationToken cancellationToken)
    {
        var (_, card) = await ChangeAsync(id, version, actor, (deal, actor, now, playbook) =>
        {
            change(deal, actor, now, playbook);
            return true;
        }, false, cancellationToken, withCard: true);
        return card!;
    }

    /// <summary>
    /// Loads the deal, applies <paramref name="change"/> and saves. With <paramref name="withCard"/> the deal's card is
    /// built from the changed aggregate before the commit (see <see cref="DealQueries.CardOfAsync"/>), so the answer
    /// carries the version this write produced and cannot fail once the change is saved.
    /// </summary>
    private async Task<(T Result, DealCard? Card)> ChangeAsync<T>(Guid id, int? version, Actor actor,
        Func<Deal, Guid, DateTimeOffset, Playbook, T> change, bool withStakeholders, CancellationToken cancellationToken, bool withCard = false)
    {
        var playbook = await playbooks.CurrentAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        IQueryable<Deal> deals = withStakeholders ? db.Deals.Include(d => d.Stakeholders) : db.Deals;
        if (withCard)
        {
            deals = deals.Include(d => d.Account).Include(d => d.Owner);
        }

        var deal = await deals.SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw new NotFoundException($"There is no deal {id}.");
        actor.EnsureMayWorkOn(deal.OwnerId);
        if (version is { } expected)
        {
            deal.EnsureVersion(expected);
        }

        var result = change(deal, actor.Id, calendar.Now, playbook);
        var card = withCard ? await queries.CardOfAsync(db, deal, playbook, cancellationToken) : null;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        // A concurrency failure on an idempotency key's lease is the filter's to answer ("superseded"), not a deal conflict.
        catch (DbUpdateConcurrencyException error) when (!error.Entries.Any(e => e.Entity is Idempotency.IdempotencyRecord))
        {
            throw new DealConflictException(id, new("保存时这个商机被别人修改了。", "The deal was changed by someone else while you were saving."));
        }

        await AnnounceAsync(id);
        return (result, card);
    }

    /// <summary>
    /// After the commit, and even when the caller has gone: the change is saved, so every open page
    /// should learn about it.
    /// </summary>
    private Task AnnounceAsync(Guid id) => changes.PublishAsync(PipelineChange.Deal(id), CancellationToken.None);

    private static async Task<Person> ActivePersonAsync(PipelineDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.People.SingleOrDefaultAsync(p => p.Id == id && p.Active, cancellationToken)
        ?? throw new DomainException("ownerId", new($"没有 id 为 {id} 的在职人员。", $"No active person has the id {id}."));
}
