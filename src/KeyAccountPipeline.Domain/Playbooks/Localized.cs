using System.Globalization;

namespace KeyAccountPipeline.Domain.Playbooks;

/// <summary>A text in the two languages the product speaks.</summary>
public sealed record Localized(string Zh, string En)
{
    /// <summary>The text in the current UI culture: Chinese for any zh culture, English otherwise.</summary>
    public string Current => For(CultureInfo.CurrentUICulture);

    public string For(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "zh" ? Zh : En;

    public Localized Trimmed() => new(Zh.Trim(), En.Trim());

    public override string ToString() => Current;
}
