using FluentValidation;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Api;

internal static class RuleExtensions
{
    public static IRuleBuilderOptions<T, string?> OneOf<T, TEnum>(this IRuleBuilder<T, string?> rule)
        where TEnum : struct, Enum =>
        rule.Must(value => value is null || ApiEnum.IsValid<TEnum>(value))
            .WithMessage($"'{{PropertyName}}' must be one of: {ApiEnum.Names<TEnum>()}.");

    /// <summary>Annual value in yuan: not negative, at most two decimals, and small enough to sum safely.</summary>
    public static IRuleBuilderOptions<T, decimal?> AnnualValue<T>(this IRuleBuilder<T, decimal?> rule) =>
        rule.NotNull()
            .GreaterThanOrEqualTo(0)
            .LessThanOrEqualTo(1_000_000_000_000m)
            .Must(v => v is null || decimal.Round(v.Value, 2) == v.Value).WithMessage("'{PropertyName}' has at most two decimals (fen).");

    public static IRuleBuilderOptions<T, int?> Version<T>(this IRuleBuilder<T, int?> rule) =>
        rule.NotNull().WithMessage("'{PropertyName}' is required: send the version you read, so no one else's change is overwritten.");
}

public sealed class CreateDealValidator : AbstractValidator<CreateDealRequest>
{
    public CreateDealValidator()
    {
        RuleFor(r => r.Customer).NotEmpty().MaximumLength(Limits.Name);
        RuleFor(r => r.Industry).MaximumLength(Limits.Industry);
        RuleFor(r => r.Region).MaximumLength(Limits.Region);
        RuleFor(r => r.Title).NotEmpty().MaximumLength(Limits.Title);
        RuleFor(r => r.ServiceLine).NotEmpty().OneOf<CreateDealRequest, ServiceLine>();
        RuleFor(r => r.OwnerId).NotEqual(Guid.Empty).When(r => r.OwnerId is not null);
        RuleFor(r => r.AnnualValue).AnnualValue();
        RuleFor(r => r.TargetCloseDate).NotNull();
        RuleFor(r => r.StartedOn).LessThanOrEqualTo(r => r.TargetCloseDate)
            .When(r => r.TargetCloseDate is not null && r.StartedOn is not null)
            .WithMessage("'startedOn' must not be after 'targetCloseDate'.");
    }
}

public sealed class UpdateDealValidator : AbstractValidator<UpdateDealRequest>
{
    public UpdateDealValidator()
    {
        RuleFor(r => r.Title).NotEmpty().MaximumLength(Limits.Title);
        RuleFor(r => r.ServiceLine).NotEmpty().OneOf<UpdateDealRequest, ServiceLine>();
        RuleFor(r => r.AnnualValue).AnnualValue();
        RuleFor(r => r.TargetCloseDate).NotNull();
        RuleFor(r => r.StartedOn).NotNull();
        RuleFor(r => r.StartedOn).LessThanOrEqualTo(r => r.TargetCloseDate)
            .When(r => r.TargetCloseDate is not null && r.StartedOn is not null)
            .WithMessage("'startedOn' must not be after 'targetCloseDate'.");
        RuleFor(r => r.Version).Version();
    }
}

public sealed class CheckpointValidator : AbstractValidator<CheckpointRequest>
{
    public CheckpointValidator()
    {
        RuleFor(r => r.Factor).NotEmpty().OneOf<CheckpointRequest, Factor>();
        RuleFor(r => r.Level).NotNull();
        RuleFor(r => r.Note).NotEmpty().WithMessage(_ => Components.Ui.Ui.NoteRequired.Current)
            .MaximumLength(Limits.Note);
        RuleFor(r => r.Evidence!.Kind).NotEmpty().OneOf<CheckpointRequest, EvidenceKind>().When(r => r.Evidence is not null)
            .OverridePropertyName("evidence.kind");
        RuleFor(r => r.Evidence!.Detail).MaximumLength(Limits.Detail).When(r => r.Evidence is not null)
            .OverridePropertyName("evidence.detail");
        RuleFor(r => r.Version).Version();
    }
}

public sealed class ActivityValidator : AbstractValidator<ActivityRequest>
{
    public ActivityValidator()
    {
        RuleFor(r => r.Kind).NotEmpty().OneOf<ActivityRequest, ActivityKind>();
        RuleFor(r => r.Summary).NotEmpty().MaximumLength(Limits.Summary);
    }
}

public sealed class StakeholderValidator : AbstractValidator<StakeholderRequest>
{
    public StakeholderValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(Limits.Name);
        RuleFor(r => r.Title).MaximumLength(Limits.Title);
        RuleFor(r => r.Department).MaximumLength(Limits.Name);
        RuleFor(r => r.Role).NotEmpty().OneOf<StakeholderRequest, StakeholderRole>();
        RuleFor(r => r.Goal).MaximumLength(Limits.Goal);
        RuleFor(r => r.VetoStatus).OneOf<StakeholderRequest, VetoStatus>();
        RuleFor(r => r.VetoStatus).Empty()
            .When(r => ApiEnum.TryParse<StakeholderRole>(r.Role, out var role) && role != StakeholderRole.VetoHolder)
            .WithMessage("Only a veto holder has a veto status.");
    }
}

public sealed class CloseValidator : AbstractValidator<CloseRequest>
{
    public CloseValidator()
    {
        RuleFor(r => r.Outcome).NotEmpty().OneOf<CloseRequest, CloseOutcome>();
        RuleFor(r => r.Reason).NotEmpty().OneOf<CloseRequest, CloseReason>();
        RuleFor(r => r.Note).MaximumLength(Limits.Note);
        RuleFor(r => r.Version).Version();
    }
}

public sealed class StatusValidator : AbstractValidator<StatusRequest>
{
    public StatusValidator()
    {
        RuleFor(r => r.Reason).MaximumLength(Limits.Note);
        RuleFor(r => r.Note).MaximumLength(Limits.Note);
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

public sealed class CoachingNoteValidator : AbstractValidator<CoachingNoteRequest>
{
    public CoachingNoteValidator()
    {
        RuleFor(r => r.Text).NotEmpty().MaximumLength(Limits.Note);
    }
}

/// <summary>
/// The edited playbook's shape: every part present, factor keys known, texts within the shared limits. What
/// the playbook means (ladder sizes, gates against ladders and each other, blank texts) is PlaybookRules' to say.
/// </summary>
public sealed class PlaybookDocumentValidator : AbstractValidator<PlaybookDocument>
{
    public PlaybookDocumentValidator()
    {
        RuleFor(r => r.Version).Version();
        RuleFor(r => r.Factors).NotNull();
        RuleForEach(r => r.Factors).NotNull().ChildRules(factor =>
        {
            factor.RuleFor(f => f!.Key).NotEmpty().OneOf<FactorDocument?, Factor>();
            factor.RuleFor(f => f!.Name).SetValidator(new TextDocumentValidator(Limits.FactorName));
            factor.RuleFor(f => f!.Question).SetValidator(new TextDocumentValidator(Limits.Question));
            factor.RuleFor(f => f!.Levels).NotNull();
            factor.RuleForEach(f => f!.Levels).SetValidator(new TextDocumentValidator(Limits.LadderText));
        });
        RuleFor(r => r.Stages).NotNull();
        RuleForEach(r => r.Stages).NotNull().ChildRules(stage =>
        {
            stage.RuleFor(s => s!.Key).MaximumLength(Limits.StageKey);
            stage.RuleFor(s => s!.Order).NotNull();
            stage.RuleFor(s => s!.Name).SetValidator(new TextDocumentValidator(Limits.StageName));
            stage.RuleFor(s => s!.Gate).NotNull().SetValidator(new GateDocumentValidator());
            stage.RuleFor(s => s!.StallAfterDays).NotNull();
        });
        RuleFor(r => r.Signals).NotNull().SetValidator(new SignalsDocumentValidator());
    }

    /// <summary>A text in both languages, each at most <c>max</c> characters; a blank one is PlaybookRules' to name.</summary>
    private sealed class TextDocumentValidator : AbstractValidator<TextDocument?>
    {
        public TextDocumentValidator(int max)
        {
            RuleFor(t => t!.Zh).MaximumLength(max);
            RuleFor(t => t!.En).MaximumLength(max);
        }
    }

    private sealed class GateDocumentValidator : AbstractValidator<GateDocument?>
    {
        public GateDocumentValidator()
        {
            RuleFor(g => g!.Need).NotNull();
            RuleFor(g => g!.Power).NotNull();
            RuleFor(g => g!.Goal).NotNull();
            RuleFor(g => g!.Value).NotNull();
            RuleFor(g => g!.Collaboration).NotNull();
        }
    }

    private sealed class SignalsDocumentValidator : AbstractValidator<SignalsDocument?>
    {
        public SignalsDocumentValidator()
        {
            RuleFor(s => s!.BusyActivityCount).NotNull();
            RuleFor(s => s!.BusyWindowDays).NotNull();
            RuleFor(s => s!.RegressionWindowDays).NotNull();
        }
    }
}
