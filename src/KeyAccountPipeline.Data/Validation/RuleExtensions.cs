using FluentValidation;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Data.Validation;

/// <summary>
/// The shape rules every validator shares (texts, dates, money, versions). They live beside the services' inputs, which
/// the API and the UI both hand to the services; the Web's own validators (users, playbook, reviews, sign-in) use them too.
/// </summary>
public static class RuleExtensions
{
    /// <summary>Annual value in yuan: not negative, at most two decimals, and small enough to sum safely.</summary>
    public static IRuleBuilderOptions<T, decimal?> AnnualValue<T>(this IRuleBuilder<T, decimal?> rule) =>
        rule.NotNull()
            .GreaterThanOrEqualTo(0)
            .LessThanOrEqualTo(1_000_000_000_000m)
            .Must(v => v is null || decimal.Round(v.Value, 2) == v.Value).WithMessage("'{PropertyName}' has at most two decimals (fen).");

    public static IRuleBuilderOptions<T, int?> Version<T>(this IRuleBuilder<T, int?> rule) =>
        rule.NotNull().WithMessage("'{PropertyName}' is required: send the version you read, so no one else's change is overwritten.");

    /// <summary>The error code of a rule worded in both languages by <see cref="WithMessage{T, TProperty}(IRuleBuilderOptions{T, TProperty}, Localized)"/>.</summary>
    public const string Worded = "Worded";

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
            .WithMessage(_ => (multiLine ? RuleTexts.ControlsInMultiLine : RuleTexts.ControlsInSingleLine).Current);

    /// <summary>A date inside the product's one range (<see cref="DateLimits"/>); a missing one is left to NotNull.</summary>
    public static IRuleBuilderOptions<T, DateOnly?> InDateRange<T>(this IRuleBuilder<T, DateOnly?> rule) =>
        rule.Must(date => date is null || DateLimits.Contains(date.Value)).WithErrorCode(DateRange)
            .WithMessage(_ => DateLimits.OutOfRange("{PropertyName}").Current);

    /// <summary>An instant inside the product's one range (<see cref="DateLimits"/>, by its UTC date); a missing one is left to NotNull.</summary>
    public static IRuleBuilderOptions<T, DateTimeOffset?> InDateRange<T>(this IRuleBuilder<T, DateTimeOffset?> rule) =>
        rule.Must(instant => instant is null || DateLimits.Contains(instant.Value)).WithErrorCode(DateRange)
            .WithMessage(_ => DateLimits.OutOfRange("{PropertyName}").Current);

    /// <summary>
    /// A rule's message in the reader's language, from the one object that words it (<see cref="RuleTexts"/>). Its error
    /// code is <see cref="Worded"/>, so a form shows these words rather than a generic one for the kind of check.
    /// </summary>
    public static IRuleBuilderOptions<T, TProperty> WithMessage<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, Localized text) =>
        rule.WithMessage(_ => text.Current).WithErrorCode(Worded);

    /// <summary>No control characters (tab, CR and LF allowed when <paramref name="multiLine"/>) and no broken UTF-16.</summary>
    public static bool IsClean(string? text, bool multiLine)
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
