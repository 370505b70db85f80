using FluentValidation;
using FluentValidation.Results;
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

public sealed record CoachingNoteView(Guid Id, DateTimeOffset At, Guid AuthorId, string Text);

/// <summary>
/// Every write to a deal: check the request's shape (its validator in DealRequests.cs, before anything is read), load the
/// deal, let the domain apply the rule and append history, save in one transaction. The API and the UI hand the same
/// requests to these methods. A malformed request is a <see cref="ValidationException"/> naming each field; a broken rule
/// a <see cref="DomainException"/>; a stale version or a concurrent save a <see cref="DealConflictException"/>; an actor
/// whose role does not allow the change an <see cref="AccessDeniedException"/>, checked before anything is written.
/// Every committed change is announced to open pages on every instance (<see cref="PipelineChanges"/>).
/// </summary>
public sealed partial class DealService(
    IDbContextFactory<PipelineDbContext> contexts,
    PlaybookStore playbooks,
    OrgCalendar calendar,
    DealQueries queries,
    PipelineChanges changes,
    IValidator<CreateDealRequest> createRules,
    IValidator<UpdateDealRequest> updateRules,
    IValidator<CheckpointRequest> checkpointRules,
    IValidator<ActivityRequest> activityRules,
    IValidator<StakeholderRequest> stakeholderRules,
    IValidator<CloseRequest> closeRules,
    IValidator<StatusRequest> statusRules,
    IValidator<ReassignRequest> reassignRules,
    IValidator<CoachingNoteRequest> coachingRules,
    IValidator<RecordVisitRequest> visitRules,
    IValidator<CorrectionRequest> correctionRules,
    CorrectionWindow correctionWindow,
    ILogger<DealService> logger)
{
    public async Task<DealCard> CreateAsync(CreateDealRequest input, Actor actor, CancellationToken cancellationToken = default)
    {
        var shape = await createRules.ValidateAsync(input, cancellationToken);
        var ownerId = input.OwnerId ?? actor.Id;
        actor.Ensure(actor.MayCreateFor(ownerId), RuleTexts.RepCreatesOwnDeals);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // One account per customer however its name is typed (width, case, accents composed or not): the folded key
        // decides, on every provider alike; the oldest wins where older rows hold two spellings. A name the validator
        // refused (a NUL, which PostgreSQL cannot take as a parameter) is not looked up.
        var name = input.Customer?.Trim() ?? string.Empty;
        var key = TextKey.Fold(name);
        var account = IsValid(shape, "customer")
            ? await db.Accounts.Where(a => a.NameKey == key).OrderBy(a => a.Id).FirstOrDefaultAsync(cancellationToken)
            : null;
        Refuse(shape,
            ("industry", IsValid(shape, "customer") && account is null && string.IsNullOrWhiteSpace(input.Industry), RuleTexts.NewCustomerNeedsIndustry),
            ("startedOn", input.StartedOn > calendar.Today, RuleTexts.StartNotInFuture));

        var owner = await ActivePersonAsync(db, ownerId, cancellationToken);
        if (account is null)
        {
            account = new Account(Guid.CreateVersion7(), name, input.Industry!, input.Region ?? string.Empty);
            db.Accounts.Add(account);
        }

        var details = new DealDetails(input.Title!, input.ServiceLine!.Value, Money.Fen(input.AnnualValue!.Value), input.TargetCloseDate!.Value,
            input.StartedOn ?? calendar.Today);
        var deal = Deal.Create(Guid.CreateVersion7(), account.Id, owner.Id, details, actor.Id, calendar.Now);
        db.Deals.Add(deal);
        var card = await queries.CardOfAsync(db, deal, await playbooks.CurrentAsync(cancellationToken), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await AnnounceAsync(deal.Id);
        logger.LogInformation("Deal {DealId} created for {Customer} by {ActorId}", deal.Id, account.Name, actor.Id);
        return card;
    }

    public async Task<DealCard> EditAsync(Guid id, UpdateDealRequest input, Actor actor, CancellationToken cancellationToken = default)
    {
        Refuse(await updateRules.ValidateAsync(input, cancellationToken), ("startedOn", input.StartedOn > calendar.Today, RuleTexts.StartNotInFuture));
        var details = input.ToDetails();
        var earliest = await EarliestRecordedOnAsync(id, cancellationToken);
        return await ChangeCardAsync(id, input.Version, actor, (deal, by, now, _) => deal.EditDetails(details, by, now, earliest), cancellationToken);
    }

    /// <summary>
    /// Throws the request's shape failures together with this service's own rules that are broken — those that need the
    /// database or today's date (a new customer's industry, a start after today) — so a form shows every one at once.
    /// </summary>
    /// <exception cref="ValidationException">Any failure, each under its field.</exception>
    private static void Refuse(ValidationResult shape, params (string Field, bool Broken, Localized Text)[] rules)
    {
        foreach (var (field, broken, text) in rules.Where(r => r.Broken && IsValid(shape, r.Field)))
        {
            shape.Errors.Add(new ValidationFailure(field, text.Current));
        }

        if (!shape.IsValid)
        {
            throw new ValidationException(shape.Errors);
        }
    }

    private static bool IsValid(ValidationResult shape, string field) =>
        !shape.Errors.Any(e => e.PropertyName.Equals(field, StringComparison.OrdinalIgnoreCase));

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

    public async Task<DealCard> RecordCheckpointAsync(Guid id, CheckpointRequest input, Actor actor, CancellationToken cancellationToken = default)
    {
        await checkpointRules.ValidateAndThrowAsync(input, cancellationToken);
        var evidence = input.Evidence is { } e ? new Evidence(e.Kind!.Value, e.Detail) : null;
        return await ChangeCardAsync(id, input.Version, actor, (deal, by, now, playbook) =>
        {
            var change = deal.RecordCheckpoint(playbook, input.Factor!.Value, input.Level!.Value, input.Note, evidence, input.OccurredAt ?? now, by, now, calendar);
            logger.LogInformation(
                "Checkpoint {Factor} {FromLevel} -> {ToLevel} on deal {DealId} by {ActorId}, occurred {OccurredAt}, playbook v{PlaybookVersion}",
                change.Factor, change.FromLevel, change.ToLevel, id, by, change.OccurredAt, change.PlaybookVersion);
        }, cancellationToken);
    }

    public async Task<DealCard> LogActivityAsync(Guid id, ActivityRequest input, Actor actor, CancellationToken cancellationToken = default)
    {
        await activityRules.ValidateAndThrowAsync(input, cancellationToken);
        return await ChangeCardAsync(id, null, actor,
            (deal, by, now, _) => deal.LogActivity(input.Kind!.Value, input.OccurredAt ?? now, input.Summary!, by, now, calendar), cancellationToken);
    }

    /// <summary>
    /// The after-visit update in one transaction: the activity and the checkpoints it proved (<see cref="Visits.RecordVisit"/>),
    /// against the version the caller read. Nothing is written when any part is refused.
    /// </summary>
    /// <exception cref="ValidationException">A malformed request.</exception>
    /// <exception cref="DomainException">A rule of the visit (no note, a level not above the current one, a date).</exception>
    /// <exception cref="DealConflictException">A stale version, a closed deal or a concurrent save.</exception>
    public async Task<DealCard> RecordVisitAsync(Guid id, RecordVisitRequest input, Actor actor, CancellationToken cancellationToken = default)
    {
        await visitRules.ValidateAndThrowAsync(input, cancellationToken);
        var proved = input.Proved;
        return await ChangeCardAsync(id, input.Version, actor, (deal, by, now, playbook) =>
        {
            var visit = deal.RecordVisit(playbook, input.Kind!.Value, input.Note, proved, input.OccurredAt ?? now, by, now, calendar);
            logger.LogInformation("{Kind} on deal {DealId} by {ActorId}, occurred {OccurredAt}, proved {Checkpoints}",
                visit.Activity.Kind, id, by, visit.Activity.OccurredAt, string.Join(", ", visit.Changes.Select(c => $"{c.Factor} {c.FromLevel} -> {c.ToLevel}")));
        }, cancellationToken);
    }

    public async Task<DealCard> CloseAsync(Guid id, CloseRequest input, Actor actor, CancellationToken cancellationToken = default)
    {
        await closeRules.ValidateAndThrowAsync(input, cancellationToken);
        return await ChangeCardAsync(id, input.Version, actor,
            (deal, by, now, _) => deal.Close(input.Outcome!.Value, input.Reason!.Value, input.Note, by, now), cancellationToken);
    }

    public Task<DealCard> ReopenAsync(Guid id, StatusRequest input, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(id, input, actor, (deal, text, by, now) => deal.Reopen(text, by, now), cancellationToken);

    public Task<DealCard> HoldAsync(Guid id, StatusRequest input, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(id, input, actor, (deal, text, by, now) => deal.PutOnHold(text, by, now), cancellationToken);

    public Task<DealCard> ResumeAsync(Guid id, StatusRequest input, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(id, input, actor, (deal, text, by, now) => deal.Resume(text, by, now), cancellationToken);

    private async Task<DealCard> ChangeStatusAsync(Guid id, StatusRequest input, Actor actor, Action<Deal, string?, Guid, DateTimeOffset> change,
        CancellationToken cancellationToken)
    {
        await statusRules.ValidateAndThrowAsync(input, cancellationToken);
        return await ChangeCardAsync(id, input.Version, actor, (deal, by, now, _) => change(deal, input.Text, by, now), cancellationToken);
    }

    public async Task<DealCard> ReassignAsync(Guid id, ReassignRequest input, Actor actor, CancellationToken cancellationToken = default)
    {
        await reassignRules.ValidateAndThrowAsync(input, cancellationToken);
        var ownerId = input.OwnerId!.Value;
        actor.Ensure(actor.MayReassign, RuleTexts.OnlyManagersReassign);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await ActivePersonAsync(db, ownerId, cancellationToken);
        }

        return await ChangeCardAsync(id, input.Version, actor, (deal, by, now, _) => deal.ChangeOwner(ownerId, by, now), cancellationToken);
    }

    /// <summary>A manager's coaching note on the deal; it does not change the deal's version, so it never conflicts with a rep's edit.</summary>
    public async Task<CoachingNoteView> AddCoachingNoteAsync(Guid id, CoachingNoteRequest input, Actor actor, CancellationToken cancellationToken = default)
    {
        await coachingRules.ValidateAndThrowAsync(input, cancellationToken);
        actor.Ensure(actor.MayCoach, RuleTexts.OnlyManagersCoach);
        var (note, _) = await ChangeAsync(id, null, actor, (deal, by, now, _) => deal.AddCoachingNote(input.Text, by, now), cancellationToken);
        return new CoachingNoteView(note.Id, note.OccurredAt, note.ActorId, note.Note!);
    }

    public async Task<StakeholderView> AddStakeholderAsync(Guid id, StakeholderRequest input, Actor actor, CancellationToken cancellationToken = default)
    {
        await stakeholderRules.ValidateAndThrowAsync(input, cancellationToken);
        var details = input.ToDetails();
        return View((await ChangeAsync(id, null, actor, (deal, by, now, _) => deal.AddStakeholder(details, by, now), cancellationToken)).Result);
    }

    public async Task<StakeholderView> ChangeStakeholderAsync(Guid id, Guid stakeholderId, StakeholderRequest input, Actor actor,
        CancellationToken cancellationToken = default)
    {
        await stakeholderRules.ValidateAndThrowAsync(input, cancellationToken);
        var details = input.ToDetails();
        return View((await ChangeStakeholdersAsync(id, actor,
            (deal, by, now, _) => deal.ChangeStakeholder(stakeholderId, details, by, now), cancellationToken)).Result);
    }

    public Task RemoveStakeholderAsync(Guid id, Guid stakeholderId, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeStakeholdersAsync(id, actor, (deal, by, now, _) =>
        {
            deal.RemoveStakeholder(stakeholderId, by, now);
            return true;
        }, cancellationToken);

    private static StakeholderView View(Stakeholder s) => new(s.Id, s.Name, s.Title, s.Department, s.Role, s.Goal, s.VetoStatus);

    private async Task<DealCard> ChangeCardAsync(Guid id, int? version, Actor actor, Action<Deal, Guid, DateTimeOffset, Playbook> change,
        CancellationToken cancellationToken)
    {
        var (_, card) = await ChangeAsync(id, version, actor, (deal, by, now, playbook) =>
        {
            change(deal, by, now, playbook);
            return true;
        }, cancellationToken, withCard: true);
        return card!;
    }

    /// <summary>
    /// Loads the deal, applies <paramref name="change"/> and saves. With <paramref name="withCard"/> the deal's card is
    /// built from the changed aggregate before the commit (see <see cref="DealQueries.CardOfAsync"/>), so the answer
    /// carries the version this write produced and cannot fail once the change is saved.
    /// </summary>
    private Task<(T Result, DealCard? Card)> ChangeAsync<T>(Guid id, int? version, Actor actor,
        Func<Deal, Guid, DateTimeOffset, Playbook, T> change, CancellationToken cancellationToken, bool withCard = false) =>
        ChangeAsync(db => db.Deals, id, version, actor, change, cancellationToken, withCard);

    /// <summary>As <c>ChangeAsync</c>, with the deal's stakeholders loaded: for a change to one already on the deal.</summary>
    private Task<(T Result, DealCard? Card)> ChangeStakeholdersAsync<T>(Guid id, Actor actor,
        Func<Deal, Guid, DateTimeOffset, Playbook, T> change, CancellationToken cancellationToken) =>
        ChangeAsync(db => db.Deals.Include(d => d.Stakeholders), id, null, actor, change, cancellationToken, withCard: false);

    private async Task<(T Result, DealCard? Card)> ChangeAsync<T>(Func<PipelineDbContext, IQueryable<Deal>> load, Guid id, int? version, Actor actor,
        Func<Deal, Guid, DateTimeOffset, Playbook, T> change, CancellationToken cancellationToken, bool withCard)
    {
        var playbook = await playbooks.CurrentAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deals = load(db);
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
            throw new DealConflictException(id, RuleTexts.ChangedWhileSaving);
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
        ?? throw new DomainException("ownerId", RuleTexts.NoActivePerson(id));
}
