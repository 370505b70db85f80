using System.Globalization;

namespace KeyAccountPipeline.Domain.Playbooks;

/// <summary>
/// A text in the two languages the product speaks. Domain and Data hand texts on as these pairs; the Web layer picks
/// the language where it shows or writes the text (see docs/translation.md).
/// </summary>
public sealed record Localized(string Zh, string En)
{
    /// <summary>No text in either language (a ladder level a later playbook version no longer has).</summary>
    public static readonly Localized Empty = new(string.Empty, string.Empty);

    /// <summary>The text in the current UI culture: Chinese for any zh culture, English otherwise. For the Web layer only.</summary>
    public string Current => For(CultureInfo.CurrentUICulture);

    public string For(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "zh" ? Zh : En;

    public Localized Trimmed() => new(Zh.Trim(), En.Trim());

    /// <summary>"3. Text" in each language: a ladder step with its level in front.</summary>
    public Localized Numbered(int number) =>
        new($"{number.ToString(CultureInfo.InvariantCulture)}. {Zh}", $"{number.ToString(CultureInfo.InvariantCulture)}. {En}");

    public override string ToString() => Current;
}
