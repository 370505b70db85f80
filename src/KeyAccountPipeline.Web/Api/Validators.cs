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

    /// <summary>The error code of <see cref="SingleLine{T}"/> and <see cref="MultiLine{T}"/>, for forms that word it.</summary>
    public const string ControlCharacters = "ControlCharacters";

    /// <summary>The error code of <see cref="InDateRange{T}(IRuleBuilder{T, DateOnly?})"/>.</summary>
    public const string DateRange = "DateRange";

    /// <summary>
    /// A one-line text (a name, a title, an email, a password): no control characters at all — C0 (NUL, ESC…), DEL and
    /// C1 — and no broken UTF-16 (a lone surrogate). PostgreSQL refuses NUL and SQLite would store it, so the rule is
    /// checked here, once, and both providers answer alike: 400 naming the field. Every text property of every request
    /// carries this rule or <see cref="MultiLine{T}"/> (ValidationCoverageTests checks each one).
    /// </summary>
    public static IRuleBuilderOptions<T, string?> SingleLine<T>(this IRuleBuilder<T, string?> rule) => rule.Text(multiLine: false);

    /// <summary>A text that may run over lines (a note, a summary): as <see cref="SingleLine{T}"/>, but tab, CR and LF are allowed.</summary>
    public static IRuleBuilderOptions<T, string?> MultiLine<T>(this IRuleBuilder<T, string?> rule) => rule.Text(multiLine: true);

    /// <summary><see cref="MultiLine{T}"/> or <see cref="SingleLine{T}"/>.</summary>
    public static IRuleBuilderOptions<T, string?> Text<T>(this IRuleBuilder<T, string?> rule, bool multiLine) =>
        rule.Must(text => IsClean(text, multiLine)).WithErrorCode(ControlCharacters)
            .WithMessage(_ => (multiLine ? ControlsInMultiLine : ControlsInSingleLine).Current);

    /// <summary>A date inside the product's one range (<see cref="DateLimits"/>); a missing one is left to NotNull.</summary>
    public static IRuleBuilderOptions<T, DateOnly?> InDateRange<T>(this IRuleBuilder<T, DateOnly?> rule) =>
        rule.Must(date => date is null || DateLimits.Contains(date.Value)).WithErrorCode(DateRange)
            .WithMessage(_ => DateLimits.OutOfRange("{PropertyName}").Current);

    /// <summary>An instant inside the product's one range (<see cref="DateLimits"/>, by its UTC date); a missing one is left to NotNull.</summary>
    public static IRuleBuilderOptions<T, DateTimeOffset?> InDateRange<T>(this IRuleBuilder<T, DateTimeOffset?> rule) =>
        rule.Must(instant => instant is null || DateLimits.Contains(instant.Value)).WithErrorCode(DateRange)
            .WithMessage(_ => DateLimits.OutOfRange("{PropertyName}").Current);

    private static readonly Localized ControlsInSingleLine = new(
        "'{PropertyName}' 不能包含控制字符（如 NUL）。", "'{PropertyName}' must not contain control characters (such as NUL).");

    private static readonly Localized ControlsInMultiLine = new(
        "'{PropertyName}' 除制表符和换行外不能包含控制字符（如 NUL）。",
        "'{PropertyName}' must not contain control characters (such as NUL) other than tabs and line breaks.");

    /// <summary>No control characters (tab, CR and LF allowed when <paramref name="multiLine"/>) and no broken UTF-16.</summary>
    internal static bool IsClean(string? text, bool multiLine)
    {
        if (text is null)
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || (char.IsControl(c) && !(multiLine && c is '\t' or '\n' or '\r')))
            {
                return false;
            }
        }

        return true;
    }
}

public sealed class CreateDealValidator : AbstractValidator<CreateDealRequest>
{
    public CreateDealValidator()
    {
        RuleFor(r => r.Customer).NotEmpty().MaximumLength(Limits.Name).SingleLine();
        RuleFor(r => r.Industry).MaximumLength(Limits.Industry).SingleLine();
        RuleFor(r => r.Region).MaximumLength(Limits.Region).SingleLine();
        RuleFor(r => r.Title).NotEmpty().MaximumLength(Limits.Title).SingleLine();
        RuleFor(r => r.ServiceLine).NotEmpty().OneOf<CreateDealRequest, ServiceLine>();
        RuleFor(r => r.OwnerId).NotEqual(Guid.Empty).When(r => r.OwnerId is not null);
        RuleFor(r => r.AnnualValue).AnnualValue();
        RuleFor(r => r.TargetCloseDate).NotNull().InDateRange();
        RuleFor(r => r.StartedOn).InDateRange();
        RuleFor(r => r.StartedOn).LessThanOrEqualTo(r => r.TargetCloseDate)
            .When(r => r.TargetCloseDate is not null && r.StartedOn is not null)
            .WithMessage("'startedOn' must not be after 'targetCloseDate'.");
    }
}

public sealed class UpdateDealValidator : AbstractValidator<UpdateDealRequest>
{
    public UpdateDealValidator()
    {
        RuleFor(r => r.Title).NotEmpty().MaximumLength(Limits.Title).SingleLine();
        RuleFor(r => r.ServiceLine).NotEmpty().OneOf<UpdateDealRequest, ServiceLine>();
        RuleFor(r => r.AnnualValue).AnnualValue();
        RuleFor(r => r.TargetCloseDate).NotNull().InDateRange();
        RuleFor(r => r.StartedOn).NotNull().InDateRange();
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
        RuleFor(r => r.Note).NotEmpty().WithMessage(_ => Texts.Ui.NoteRequired.Current)
            .MaximumLength(Limits.Note).MultiLine();
        RuleFor(r => r.Evidence!.Kind).NotEmpty().OneOf<CheckpointRequest, EvidenceKind>().When(r => r.Evidence is not null)
            .OverridePropertyName("evidence.kind");
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
        RuleFor(r => r.Kind).NotEmpty().OneOf<ActivityRequest, ActivityKind>();
        RuleFor(r => r.Summary).NotEmpty().MaximumLength(Limits.Summary).MultiLine();
        RuleFor(r => r.OccurredAt).InDateRange();
    }
}

public sealed class StakeholderValidator : AbstractValidator<StakeholderRequest>
{
    public StakeholderValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(Limits.Name).SingleLine();
        RuleFor(r => r.Title).MaximumLength(Limits.Title).SingleLine();
        RuleFor(r => r.Department).MaximumLength(Limits.Name).SingleLine();
        RuleFor(r => r.Role).NotEmpty().OneOf<StakeholderRequest, StakeholderRole>();
        RuleFor(r => r.Goal).MaximumLength(Limits.Goal).MultiLine();
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
        RuleFor(r => r.Note).MaximumLength(Limits.Note).MultiLine();
        RuleFor(r => r.Version).Version();
    }
}

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

public sealed class CoachingNoteValidator : AbstractValidator<CoachingNoteRequest>
{
    public CoachingNoteValidator()
    {
        RuleFor(r => r.Text).NotEmpty().MaximumLength(Limits.Note).MultiLine();
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
            factor.RuleFor(f => f!.Question).SetValidator(new TextDocumentValidator(Limits.Question, multiLine: true));
            factor.RuleFor(f => f!.Levels).NotNull();
            factor.RuleForEach(f => f!.Levels).SetValidator(new TextDocumentValidator(Limits.LadderText));
        });
        RuleFor(r => r.Stages).NotNull();
        RuleForEach(r => r.Stages).NotNull().ChildRules(stage =>
        {
            stage.RuleFor(s => s!.Key).MaximumLength(Limits.StageKey).SingleLine();
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
        public TextDocumentValidator(int max, bool multiLine = false)
        {
            RuleFor(t => t!.Zh).MaximumLength(max).Text(multiLine);
            RuleFor(t => t!.En).MaximumLength(max).Text(multiLine);
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
