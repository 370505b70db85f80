using System.Diagnostics;
using System.Globalization;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Signals;

namespace KeyAccountPipeline.Web.Texts;

/// <summary>How numbers, dates, factors and signals read on screen, in the current language.</summary>
public static class Display
{
    // The factors' colours by position in Factors.All (see Color): a factor added to the list without one fails every page that draws it.
    private static readonly string[] FactorColors = ["#1565c0", "#6a1b9a", "#2e7d32", "#c43e00", "#00695c"];

    /// <summary>
    /// Compact yuan: ¥12.5M / ¥1,250万, readable from the back of a room. The amount is rounded in a unit first and the
    /// unit is the smallest in which the rounded amount stays below the next unit: 999,999 is ¥1M (not ¥1,000K),
    /// 99,999,999 in Chinese ¥1亿 (not ¥10,000万). Under one yuan the amount keeps two decimals (¥0.4), so a value that is
    /// there never reads as ¥0. Decimals in English: K none, M one, B two; in Chinese: 万 one, 亿 two.
    /// </summary>
    public static string Money(decimal yuan) => "¥" + Compact(yuan, Ui.IsChinese ? ChineseUnits : EnglishUnits);

    /// <summary>A unit of compact money: its size in yuan, its suffix, and the decimals shown in it.</summary>
    private readonly record struct MoneyUnit(decimal Size, string Suffix, int Decimals);

    // Each list ascends; a unit is left for the next once its rounded amount reaches the next unit's size.
    private static readonly MoneyUnit[] EnglishUnits = [new(1m, "", 0), new(1_000m, "K", 0), new(1_000_000m, "M", 1), new(1_000_000_000m, "B", 2)];
    private static readonly MoneyUnit[] ChineseUnits = [new(1m, "", 0), new(10_000m, "万", 1), new(100_000_000m, "亿", 2)];

    private static string Compact(decimal yuan, MoneyUnit[] units)
    {
        var culture = CultureInfo.InvariantCulture;
        if (Math.Abs(yuan) < 1m)
        {
            return yuan.ToString("0.##", culture); // 0.4 → "0.4": a small amount is shown, not rounded away
        }

        for (var i = 0; i < units.Length; i++)
        {
            var unit = units[i];
            var rounded = Math.Round(yuan / unit.Size, unit.Decimals, MidpointRounding.AwayFromZero);
            var isLast = i == units.Length - 1;
            if (isLast || Math.Abs(rounded) < units[i + 1].Size / unit.Size)
            {
                return rounded.ToString(unit.Decimals == 0 ? "#,0" : "#,0." + new string('#', unit.Decimals), culture) + unit.Suffix;
            }
        }

        throw new UnreachableException(); // the last unit always returns
    }

    /// <summary>Text elements a short name keeps before it is cut with a full stop ("Collaboration" → "Collab.").</summary>
    public const int ShortNameLength = 6;

    /// <summary>
    /// A factor's (or any label's) name short enough for a card's label column: up to <see cref="ShortNameLength"/> text
    /// elements as it is, a longer one cut to that many and ended with "." ("Collaboration" → "Collab."; "需求" stays).
    /// Cut on whole text elements, never inside a character.
    /// </summary>
    public static string ShortName(string name)
    {
        var info = new StringInfo(name);
        return info.LengthInTextElements <= ShortNameLength ? name : info.SubstringByTextElements(0, ShortNameLength).TrimEnd() + ".";
    }

    public static string FullMoney(decimal yuan) => "¥" + yuan.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>0.425 → "43%".</summary>
    public static string Percent(double fraction) =>
        Math.Round(fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>An instant as the organisation's local date and time; one stored outside <see cref="DateLimits"/> shows clamped.</summary>
    public static string When(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(DateLimits.Clamp(instant), zone);
        return Date(DateOnly.FromDateTime(local.DateTime)) + " " + local.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>The first and last day a date picker offers: the product's one range (<see cref="DateLimits"/>).</summary>
    public static DateTime FirstPickable => DateLimits.Earliest.ToDateTime(TimeOnly.MinValue);

    /// <inheritdoc cref="FirstPickable"/>
    public static DateTime LastPickable => DateLimits.Latest.ToDateTime(TimeOnly.MinValue);

    public static string Days(int days) => Ui.IsChinese ? $"{days}天" : $"{days} d";

    public static string Date(DateOnly date) => Date(date, CultureInfo.CurrentUICulture);

    /// <summary>A day in <paramref name="culture"/>'s language, in the product's one format (a message in its reader's language).</summary>
    public static string Date(DateOnly date, CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "zh"
            ? date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture)
            : date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string ShortDate(DateOnly date) =>
        Ui.IsChinese ? date.ToString("M月d日", CultureInfo.InvariantCulture) : date.ToString("d MMM", CultureInfo.InvariantCulture);

    /// <summary>Each factor keeps one colour everywhere: card, deal page, charts (blue, purple, green, orange, teal).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value that is not one of the five factors.</exception>
    public static string Color(Factor factor) => FactorColors[factor.Position()];

    public static string Key(this Flag flag) => flag switch
    {
        Flag.Stalled => "stalled",
        Flag.BusyButStuck => "busyButStuck",
        _ => "regressed",
    };

    /// <summary>The icon drawn beside a flag's word, so colour is never the only signal.</summary>
    public static string Glyph(Flag flag) => flag switch
    {
        Flag.Stalled => "■",
        Flag.BusyButStuck => "▲",
        _ => "↓",
    };

    /// <summary>Why a flag is up, written out: "No checkpoint advanced for 34 days; Qualify allows 21".</summary>
    public static string Reason(SignalView signal, Playbook playbook, string stageName, Func<DateTimeOffset, DateOnly> localDate) => signal.Flag switch
    {
        Flag.Stalled => Ui.StalledReason.Format(signal.Days, stageName, signal.AllowedDays),
        Flag.BusyButStuck => Ui.BusyReason.Format(signal.Activities, playbook.Signals.BusyWindowDays),
        _ => Ui.RegressedReason.Format(
            signal.Factor is { } f ? playbook.Factor(f).Name.Current : string.Empty, signal.From, signal.To,
            signal.At is { } at ? ShortDate(localDate(at)) : string.Empty),
    };

    /// <summary>A card's flags as one sentence per line, for a tooltip and for screen readers.</summary>
    public static string Reasons(DealCard card, Playbook playbook, Func<DateTimeOffset, DateOnly> localDate) =>
        string.Join("\n", card.Signals.Select(s => Reason(s, playbook, card.Stage.Name.Current, localDate)));
}
