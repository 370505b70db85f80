using System.Globalization;
using System.Text.RegularExpressions;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

/// <summary>
/// A catalogue text with a count in it, in both languages. Chinese has no plural forms; English picks "1 day" or
/// "2 days" by the count. The English text names the forms beside the placeholder they follow:
/// <c>{n:one|other}</c> is replaced by <c>one</c> when argument <c>n</c> is exactly 1 and by <c>other</c> otherwise,
/// before the usual composite formatting, e.g. <c>new("{0} 天", "{0} {0:day|days}")</c>.
/// </summary>
/// <remarks>
/// Use it where a <see cref="Localized"/> with a count was: <c>Ui.X.Format(count, ...)</c> reads the same, because
/// this type's own <see cref="Format(object[])"/> takes the call. Only English's two forms are needed (CLDR: "one" is exactly
/// 1 with no fraction shown, so "1.5 days" and "0 days"); the forms must not contain braces or a bar.
/// </remarks>
public sealed partial class Plural(string zh, string en)
{
    public string Zh { get; } = zh;

    public string En { get; } = en;

    /// <summary>
    /// The text in the current UI culture's language with <paramref name="args"/> put in (formatted in the current culture,
    /// as <c>Ui.Format</c> does) and each form chosen by its count.
    /// </summary>
    public string Format(params object?[] args) => Compose(CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture, args);

    /// <summary>The text in <paramref name="culture"/>'s language (Chinese for any zh culture) with the forms chosen.</summary>
    public string Format(CultureInfo culture, params object?[] args) => Compose(culture, culture, args);

    /// <exception cref="FormatException">A placeholder names an argument that is not given.</exception>
    private string Compose(CultureInfo language, CultureInfo formatting, object?[] args)
    {
        var template = language.TwoLetterISOLanguageName == "zh" ? Zh : En;
        var chosen = Forms().Replace(template, m =>
        {
            var index = int.Parse(m.Groups["arg"].Value, CultureInfo.InvariantCulture);
            if (index >= args.Length)
            {
                throw new FormatException($"The plural form {m.Value} names argument {index}, but only {args.Length} are given.");
            }

            return IsOne(args[index]) ? m.Groups["one"].Value : m.Groups["other"].Value;
        });
        return string.Format(formatting, chosen, args);
    }

    /// <summary>Both languages, with the English forms for <paramref name="args"/>: for a caller that picks the language itself.</summary>
    public Localized ToLocalized(params object?[] args) =>
        new(Format(CultureInfo.GetCultureInfo("zh-CN"), args), Format(CultureInfo.GetCultureInfo("en-US"), args));

    public override string ToString() => En;

    /// <summary>English's "one": the number 1 (or a text that shows exactly "1"); 1.5, 0 and 21 take the other form.</summary>
    private static bool IsOne(object? count) => count switch
    {
        int n => n == 1,
        long n => n == 1,
        decimal n => n == 1m,
        double n => n == 1d,
        string text => text.Trim() == "1",
        _ => false,
    };

    [GeneratedRegex(@"\{(?<arg>\d+):(?<one>[^{}|]*)\|(?<other>[^{}|]*)\}")]
    private static partial Regex Forms();
}
