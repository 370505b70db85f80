using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KeyAccountPipeline.Data.Deals;

public sealed record NewDeal(
    string Customer, string? Industry, string? Region, string Title, ServiceLine ServiceLine, Guid OwnerId,
    long AnnualValueFen, DateOnly TargetCloseDate, DateOnly? StartedOn, Guid? ActorId);

public sealed record CheckpointInput(Factor Factor, int Level, string? Note, Evidence? Evidence, DateTimeOffset? OccurredAt, Guid? ActorId, int Version);

public sealed record ActivityInput(ActivityKind Kind, string Summary, DateTimeOffset? OccurredAt, Guid? ActorId);

/// <summary>
/// Every write to a deal: load it, let the domain apply the rule and append history, save in one
/// transaction. A stale version or a concurrent save is a <see cref="DealConflictException"/>.
/// </summary>
public sealed class DealService(
    IDbContextFactory<PipelineDbContext> contexts,
    PlaybookStore playbooks,
    OrgCalendar calendar,
    DealQueries queries,
    ILogger<DealService> logger)
{
    public async Task<DealCard> CreateAsync(NewDeal input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var owner = await db.People.SingleOrDefaultAsync(p => p.Id == input.OwnerId && p.Active, cancellationToken)
            ?? throw new DomainException("ownerId", new($"没有 id 为 {input.OwnerId} 的在职人员。", $"No active person has the id {input.OwnerId}."));
        var actor = await ResolveActorAsync(db, input.ActorId, owner.Id, cancellationToken);
        var startedOn = input.StartedOn ?? calendar.Today;
        if (startedOn > calendar.Today)
        {
            throw new DomainException("startedOn", new("开始日期不能晚于今天。", "The pursuit cannot start in the future."));
        }

        var name = input.Customer.Trim();
        var lowered = name.ToLower();
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Name.ToLower() == lowered, cancellationToken);
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
            new DealDetails(input.Title, input.ServiceLine, input.AnnualValueFen, input.TargetCloseDate, startedOn), actor, calendar.Now);
        db.Deals.Add(deal);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Deal {DealId} created for {Customer} by {ActorId}", deal.Id, account.Name, actor);
        return (await queries.CardAsync(deal.Id, cancellationToken))!;
    }

    public Task<DealCard> EditAsync(Guid id, DealDetails details, int version, Guid? actorId, CancellationToken cancellationToken = default) =>
        ChangeCardAsync(id, version, actorId, (deal, actor, now, _) => deal.EditDetails(details, actor, now), cancellationToken);

    public Task<DealCard> RecordCheckpointAsync(Guid id, CheckpointInput input, CancellationToken cancellationToken = default) =>
        ChangeCardAsync(id, input.Version, input.ActorId, (deal, actor, now, playbook) =>
        {
            var change = deal.RecordCheckpoint(playbook, input.Factor, input.Level, input.Note, input.Evidence, input.OccurredAt ?? now, actor, now);
            logger.LogInformation(
                "Checkpoint {Factor} {FromLevel} -> {ToLevel} on deal {DealId} by {ActorId}, occurred {OccurredAt}, playbook v{PlaybookVersion}",
                change.Factor, change.FromLevel, change.ToLevel, id, actor, change.OccurredAt, change.PlaybookVersion);
        }, cancellationToken);

    public Task<DealCard> LogActivityAsync(Guid id, ActivityInput input, CancellationToken cancellationToken = default) =>
        ChangeCardAsync(id, null, input.ActorId,
            (deal, actor, now, _) => deal.LogActivity(input.Kind, input.OccurredAt ?? now, input.Summary, actor, now), cancellationToken);

    public Task<DealCard> CloseAsync(Guid id, CloseOutcome outcome, CloseReason reason, string? note, int version, Guid? actorId,
        CancellationToken cancellationToken = default) =>
        ChangeCardAsync(id, version, actorId, (deal, actor, now, _) => deal.Close(outcome, reason, note, actor, now), cancellationToken);

    public Task<DealCard> ReopenAsync(Guid id, string? note, int version, Guid? actorId, CancellationToken cancellationToken = default) =>
        ChangeCardAsync(id, version, actorId, (deal, actor, now, _) => deal.Reopen(note, actor, now), cancellationToken);

    public Task<DealCard> HoldAsync(Guid id, string? reason, int version, Guid? actorId, CancellationToken cancellationToken = default) =>
        ChangeCardAsync(id, version, actorId, (deal, actor, now, _) => deal.PutOnHold(reason, actor, now), cancellationToken);

    public Task<DealCard> ResumeAsync(Guid id, string? reason, int version, Guid? actorId, CancellationToken cancellationToken = default) =>
        ChangeCardAsync(id, version, actorId, (deal, actor, now, _) => deal.Resume(reason, actor, now), cancellationToken);

    public async Task<StakeholderView> AddStakeholderAsync(Guid id, StakeholderDetails details, Guid? actorId, CancellationToken cancellationToken = default) =>
        View(await ChangeAsync(id, null, actorId, (deal, actor, now, _) => deal.AddStakeholder(details, actor, now), false, cancellationToken));

    public async Task<StakeholderView> ChangeStakeholderAsync(Guid id, Guid stakeholderId, StakeholderDetails details, Guid? actorId,
        CancellationToken cancellationToken = default) =>
        View(await ChangeAsync(id, null, actorId, (deal, actor, now, _) => deal.ChangeStakeholder(stakeholderId, details, actor, now), true, cancellationToken));

    public Task RemoveStakeholderAsync(Guid id, Guid stakeholderId, Guid? actorId, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, null, actorId, (deal, actor, now, _) =>
        {
            deal.RemoveStakeholder(stakeholderId, actor, now);
            return true;
        }, true, cancellationToken);

    private static StakeholderView View(Stakeholder s) => new(s.Id, s.Name, s.Title, s.Department, s.Role, s.Goal, s.VetoStatus);

    private async Task<DealCard> ChangeCardAsync(Guid id, int? version, Guid? actorId, Action<Deal, Guid, DateTimeOffset, Playbook> change,
        CancellationToken cancellationToken)
    {
        await ChangeAsync(id, version, actorId, (deal, actor, now, playbook) =>
        {
            change(deal, actor, now, playbook);
            return true;
        }, false, cancellationToken);
        return (await queries.CardAsync(id, cancellationToken))!;
    }

    private async Task<T> ChangeAsync<T>(Guid id, int? version, Guid? actorId, Func<Deal, Guid, DateTimeOffset, Playbook, T> change,
        bool withStakeholders, CancellationToken cancellationToken)
    {
        var playbook = await playbooks.CurrentAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        IQueryable<Deal> deals = withStakeholders ? db.Deals.Include(d => d.Stakeholders) : db.Deals;
        var deal = await deals.SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw new KeyNotFoundException($"There is no deal {id}.");
        if (version is { } expected)
        {
            deal.EnsureVersion(expected);
        }

        var actor = await ResolveActorAsync(db, actorId, deal.OwnerId, cancellationToken);
        var result = change(deal, actor, calendar.Now, playbook);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DealConflictException(id, new("保存时这个商机被别人修改了。", "The deal was changed by someone else while you were saving."));
        }

        return result;
    }

    /// <summary>Until sign-in exists, the acting person is the given one, or else the deal's owner.</summary>
    private static async Task<Guid> ResolveActorAsync(PipelineDbContext db, Guid? actorId, Guid ownerId, CancellationToken cancellationToken)
    {
        if (actorId is not { } id)
        {
            return ownerId;
        }

        return await db.People.AnyAsync(p => p.Id == id && p.Active, cancellationToken)
            ? id
            : throw new DomainException("actorId", new($"没有 id 为 {id} 的在职人员。", $"No active person has the id {id}."));
    }
}
