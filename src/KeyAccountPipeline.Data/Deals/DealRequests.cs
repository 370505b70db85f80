using FluentValidation;
using KeyAccountPipeline.Data.Validation;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Data.Deals;

// What DealService takes for each write, and the one validator of each beside it. The API binds these as its request
// bodies (enums by their camelCase names) and the UI builds them from its typed fields: both hand the same value to the
// same service, which checks it with the validator below before anything is read or written. Every field is nullable,
// so a missing one is reported by the validator, by name, instead of failing deserialization. Validators check shape
// (required, lengths, ranges); rules about the deal's history and state are the domain's, checked once, there.
// Decision record: docs/decisions/0020-one-write-path.md.

/// <summary>A new deal: its customer (an account, matched by its folded name or created), details and owner (default: the caller).</summary>
/// <param name="AnnualValue">Yuan, at most two decimals (stored in fen).</param>
public sealed record CreateDealRequest(
    string? Customer, string? Industry, string? Region, string? Title, ServiceLine? ServiceLine, Guid? OwnerId,
    decimal? AnnualValue, DateOnly? TargetCloseDate, DateOnly? StartedOn);

/// <summary>A deal's editable details and the version the caller read.</summary>
/// <param name="AnnualValue">Yuan, at most two decimals (stored in fen).</param>
public sealed record UpdateDealRequest(
    string? Title, ServiceLine? ServiceLine, decimal? AnnualValue, DateOnly? TargetCloseDate, DateOnly? StartedOn, int? Version)
{
    /// <summary>The domain's details of a validated request.</summary>
    internal DealDetails ToDetails() => new(Title!, ServiceLine!.Value, Money.Fen(AnnualValue!.Value), TargetCloseDate!.Value, StartedOn!.Value);
}

/// <summary>What backs a checkpoint change: a visit, a call, a document… and a line about it.</summary>
public sealed record EvidenceRequest(EvidenceKind? Kind, string? Detail);

/// <summary>A checkpoint change: a factor moved to a level, with a note, optionally evidence, and when it happened (default: now).</summary>
public sealed record CheckpointRequest(
    Factor? Factor, int? Level, string? Note, EvidenceRequest? Evidence, DateTimeOffset? OccurredAt, int? Version);

/// <summary>Work on a deal that is not a checkpoint (a visit, a call), and when it happened (default: now).</summary>
public sealed record ActivityRequest(ActivityKind? Kind, string? Summary, DateTimeOffset? OccurredAt);

/// <summary>A checkpoint a visit proved: the factor and the level it reached.</summary>
public sealed record ProvedCheckpointRequest(Factor? Factor, int? Level);

/// <summary>
/// The after-visit update: a visit, call or meeting (default: visit), when it happened (default: now), the note the rep writes
/// once (the activity's summary and every proved checkpoint's note), the checkpoints it proved (none is allowed) and the
/// version the caller read. Recorded in one transaction by <see cref="DealService.RecordVisitAsync"/>.
/// </summary>
public sealed record RecordVisitRequest(
    ActivityKind? Kind, string? Note, DateTimeOffset? OccurredAt, IReadOnlyList<ProvedCheckpointRequest>? Checkpoints, int? Version)
{
    /// <summary>The domain's proved checkpoints of a validated request.</summary>
    internal IReadOnlyList<ProvedCheckpoint> Proved => [.. (Checkpoints ?? []).Select(c => new ProvedCheckpoint(c.Factor!.Value, c.Level!.Value))];
}

/// <summary>One person on the customer's side; only a veto holder has a veto status.</summary>
public sealed record StakeholderRequest(
    string? Name, string? Title, string? Department, StakeholderRole? Role, string? Goal, VetoStatus? VetoStatus)
{
    /// <summary>The domain's details of a validated request.</summary>
    internal StakeholderDetails ToDetails() => new(Name!, Title, Department, Role!.Value, Goal, VetoStatus);
}

/// <summary>Won or lost, with a reason category for the review, an optional note and the version the caller read.</summary>
public sealed record CloseRequest(CloseOutcome? Outcome, CloseReason? Reason, string? Note, int? Version);

/// <summary>Hold (a reason is required: the domain's rule), resume and reopen (a note is optional), and the version the caller read.</summary>
public sealed record StatusRequest(string? Reason, string? Note, int? Version)
{
    /// <summary>The reason, or else the note: what the history keeps.</summary>
    public string? Text => string.IsNullOrWhiteSpace(Reason) ? Note : Reason;
}

/// <summary>Reassigning a deal to another active person (managers and admins), and the version the caller read.</summary>
public sealed record ReassignRequest(Guid? OwnerId, int? Version);

/// <summary>A manager's coaching note on a deal.</summary>
public sealed record CoachingNoteRequest(string? Text);

public sealed class CreateDealValidator : AbstractValidator<CreateDealRequest>
{
    public CreateDealValidator()
    {
        RuleFor(r => r.Customer).NotEmpty().MaximumLength(Limits.Name).SingleLine();
        RuleFor(r => r.Industry).MaximumLength(Limits.Industry).SingleLine();
        RuleFor(r => r.Region).MaximumLength(Limits.Region).SingleLine();
        RuleFor(r => r.Title).NotEmpty().MaximumLength(Limits.Title).SingleLine();
        RuleFor(r => r.ServiceLine).NotNull();
        RuleFor(r => r.OwnerId).NotEqual(Guid.Empty).When(r => r.OwnerId is not null);
        RuleFor(r => r.AnnualValue).AnnualValue();
        RuleFor(r => r.TargetCloseDate).NotNull().InDateRange();
        RuleFor(r => r.StartedOn).InDateRange();
        RuleFor(r => r.StartedOn).LessThanOrEqualTo(r => r.TargetCloseDate)
            .When(r => r.TargetCloseDate is not null && r.StartedOn is not null)
            .WithMessage(RuleTexts.StartNotAfterTarget);
    }
}

public sealed class UpdateDealValidator : AbstractValidator<UpdateDealRequest>
{
    public UpdateDealValidator()
    {
        RuleFor(r => r.Title).NotEmpty().MaximumLength(Limits.Title).SingleLine();
        RuleFor(r => r.ServiceLine).NotNull();
        RuleFor(r => r.AnnualValue).AnnualValue();
        RuleFor(r => r.TargetCloseDate).NotNull().InDateRange();
        RuleFor(r => r.StartedOn).NotNull().InDateRange();
        RuleFor(r => r.StartedOn).LessThanOrEqualTo(r => r.TargetCloseDate)
            .When(r => r.TargetCloseDate is not null && r.StartedOn is not null)
            .WithMessage(RuleTexts.StartNotAfterTarget);
        RuleFor(r => r.Version).Version();
    }
}

/// <summary>The note's presence is the domain's to check: whether it must say why depends on the level it moves from.</summary>
public sealed class CheckpointValidator : AbstractValidator<CheckpointRequest>
{
    public CheckpointValidator()
    {
        RuleFor(r => r.Factor).NotNull();
        RuleFor(r => r.Level).NotNull();
        RuleFor(r => r.Note).MaximumLength(Limits.Note).MultiLine();
        RuleFor(r => r.Evidence!.Kind).NotNull().When(r => r.Evidence is not null).OverridePropertyName("evidence.kind");
        RuleFor(r => r.Evidence!.Detail).MaximumLength(Limits.Detail).MultiLine().When(r => r.Evidence is not null)
            .OverridePropertyName("evidence.detail");
        RuleFor(r => r.OccurredAt).InDateRange();
        RuleFor(r => r.Version).Version();
    }
}

public sealed class ActivityValidator : AbstractValidator<ActivityRequest>
{
    public ActivityValidator()
    {
        RuleFor(r => r.Kind).NotNull();
        RuleFor(r => r.Summary).NotEmpty().MaximumLength(Limits.Summary).MultiLine();
        RuleFor(r => r.OccurredAt).InDateRange();
    }
}

/// <summary>
/// The note is required here (it is the activity's summary), at most as long as a summary; whether each level is above the
/// factor's current one, and each factor named once, are the domain's rules (<see cref="Visits.RecordVisit"/>).
/// </summary>
public sealed class RecordVisitValidator : AbstractValidator<RecordVisitRequest>
{
    public RecordVisitValidator()
    {
        RuleFor(r => r.Kind).NotNull();
        RuleFor(r => r.Note).NotEmpty().MaximumLength(Limits.Summary).MultiLine();
        RuleFor(r => r.OccurredAt).InDateRange();
        RuleFor(r => r.Checkpoints).Must(c => c is null || c.Count <= Factors.All.Count)
            .WithMessage(RuleTexts.VisitTooManyCheckpoints(Factors.All.Count));
        RuleForEach(r => r.Checkpoints).NotNull().ChildRules(item =>
        {
            item.RuleFor(c => c.Factor).NotNull();
            item.RuleFor(c => c.Level).NotNull().GreaterThanOrEqualTo(0);
        });
        RuleFor(r => r.Version).Version();
    }
}

public sealed class StakeholderValidator : AbstractValidator<StakeholderRequest>
{
    public StakeholderValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(Limits.Name).SingleLine();
        RuleFor(r => r.Title).MaximumLength(Limits.Title).SingleLine();
        RuleFor(r => r.Department).MaximumLength(Limits.Name).SingleLine();
        RuleFor(r => r.Role).NotNull();
        RuleFor(r => r.Goal).MaximumLength(Limits.Goal).MultiLine();
        RuleFor(r => r.VetoStatus).Null()
            .When(r => r.Role is not null and not StakeholderRole.VetoHolder)
            .WithMessage(RuleTexts.VetoOnlyForVetoHolder);
    }
}

public sealed class CloseValidator : AbstractValidator<CloseRequest>
{
    public CloseValidator()
    {
        RuleFor(r => r.Outcome).NotNull();
        RuleFor(r => r.Reason).NotNull();
        RuleFor(r => r.Note).MaximumLength(Limits.Note).MultiLine();
        RuleFor(r => r.Version).Version();
    }
}

/// <summary>A hold's reason being present is the domain's to check (<see cref="Deal.PutOnHold"/>).</summary>
public sealed class StatusValidator : AbstractValidator<StatusRequest>
{
    public StatusValidator()
    {
        RuleFor(r => r.Reason).MaximumLength(Limits.Note).MultiLine();
        RuleFor(r => r.Note).MaximumLength(Limits.Note).MultiLine();
        RuleFor(r => r.Version).Version();
    }
}

public sealed class ReassignValidator : AbstractValidator<ReassignRequest>
{
    public ReassignValidator()
    {
        RuleFor(r => r.OwnerId).NotEmpty();
        RuleFor(r => r.Version).Version();
    }
}

/// <summary>A note's text being present is the domain's to check (<see cref="Deal.AddCoachingNote"/>).</summary>
public sealed class CoachingNoteValidator : AbstractValidator<CoachingNoteRequest>
{
    public CoachingNoteValidator()
    {
        RuleFor(r => r.Text).MaximumLength(Limits.Note).MultiLine();
    }
}

internal static class Money
{
    /// <summary>Yuan with at most two decimals (the validator checks) to integer fen.</summary>
    public static long Fen(decimal yuan) => (long)(yuan * 100m);
}
