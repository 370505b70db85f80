using FluentValidation;
using KeyAccountPipeline.Data.Validation;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Api;

/// <summary>Rules for enums that still travel as strings in a request (a role, a playbook's factor key).</summary>
internal static class ApiEnumRules
{
    public static IRuleBuilderOptions<T, string?> OneOf<T, TEnum>(this IRuleBuilder<T, string?> rule)
        where TEnum : struct, Enum =>
        rule.Must(value => value is null || ApiEnum.IsValid<TEnum>(value))
            .WithMessage($"'{{PropertyName}}' must be one of: {ApiEnum.Names<TEnum>()}.");
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
            // Each factor under its wire name, in the property and in the message ("'need' must not be empty."), as its member reads.
            foreach (var factor in Factors.All)
            {
                RuleFor(g => g![factor]).NotNull().OverridePropertyName(factor.Key()).WithName(factor.Key());
            }
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
