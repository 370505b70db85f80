using FluentValidation.Results;
using KeyAccountPipeline.Data.Validation;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Web.Texts;

namespace KeyAccountPipeline.Web.Components.Shared;

/// <summary>
/// A form's failures keyed by the API's field name (camelCase, as the validators and the domain
/// name them), so each message is shown next to its field. The generic shape failures (required, too long…) are put in
/// plain words in the current language; a rule's own message (<see cref="RuleTexts"/>, the domain's) is shown as written,
/// the same words an API client gets.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _errors.Count;

    public bool Has(string field) => _errors.ContainsKey(field);

    public string? this[string field] => _errors.GetValueOrDefault(field);

    public void Clear() => _errors.Clear();

    public void Remove(string field) => _errors.Remove(field);

    /// <summary>
    /// Removes the error of the field a form holds in <paramref name="member"/> (<c>_evidenceDetail</c> →
    /// <c>evidence.detail</c>, <c>_summary</c> → <c>summary</c>): names compared by their letters and digits, without case.
    /// </summary>
    public void RemoveFor(string member)
    {
        var name = Bare(member);
        foreach (var key in _errors.Keys.Where(k => Bare(k) == name).ToList())
        {
            _errors.Remove(key);
        }
    }

    private static string Bare(string name) => new([.. name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    /// <summary>Keeps the first message per field: the validators list the most basic rule first.</summary>
    public void Add(string field, string message) => _errors.TryAdd(field, message);

    public void Add(ValidationResult result)
    {
        foreach (var failure in result.Errors)
        {
            Add(failure.PropertyName, Wording(failure));
        }
    }

    public void Add(DomainException error) => _errors[error.Field] = Wording(error);

    /// <summary>Every broken rule of an edited playbook, each under its own field.</summary>
    public void Add(PlaybookValidationException error)
    {
        foreach (var field in error.Errors)
        {
            Add(field.Field, field.Text.Current);
        }
    }

    /// <summary>Whether <paramref name="path"/> or any field inside it (<c>factors[1]</c> → <c>factors[1].levels[3].en</c>) has a failure.</summary>
    public bool HasWithin(string path) =>
        _errors.Keys.Any(k => k.Equals(path, StringComparison.OrdinalIgnoreCase)
            || (k.StartsWith(path, StringComparison.OrdinalIgnoreCase) && k.Length > path.Length && k[path.Length] is '.' or '['));

    /// <summary>Every message, in the order the fields were added: for a summary above a long form.</summary>
    public IEnumerable<string> Messages => _errors.Values;

    /// <summary>Every field with its message, in the order they were added: for a summary that links to each field.</summary>
    public IEnumerable<KeyValuePair<string, string>> Entries => _errors;

    public static string Wording(ValidationFailure failure) => (failure.PropertyName, failure.ErrorCode) switch
    {
        ("annualValue", "GreaterThanOrEqualValidator") => Ui.ValueNotNegative.Current,
        ("annualValue", "LessThanOrEqualValidator") => Ui.ValueTooLarge.Current,
        ("annualValue", "PredicateValidator") => Ui.TwoDecimals.Current,
        (_, RuleExtensions.Worded) => failure.ErrorMessage,
        ("email", "EmailValidator") => Ui.InvalidEmail.Current,
        (_, RuleExtensions.DateRange) => Ui.DateOutOfRange.Current,
        (_, RuleExtensions.ControlCharacters) => Ui.NoControlCharacters.Current,
        (_, "NotEmptyValidator" or "NotNullValidator") => Ui.Required.Current,
        (_, "MaximumLengthValidator") => Ui.TooLong.Format(failure.FormattedMessagePlaceholderValues?.GetValueOrDefault("MaxLength")),
        (_, "PredicateValidator") => Ui.InvalidChoice.Current,
        _ => failure.ErrorMessage,
    };

    /// <summary>A broken domain rule in the reader's language (the domain words its rules in both).</summary>
    public static string Wording(DomainException error) => error.Text.Current;
}
