using System.Globalization;
using System.Text;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;

namespace KeyAccountPipeline.Data.Imports;

/// <summary>
/// Reads one cell as the value its field needs. Each Try method is false for a cell it cannot read; an empty cell is
/// null/false. Text is compatibility-normalised first (NFKC), so full-width digits and marks (１２０万, ￥, ，) read as
/// their ordinary forms, as a Chinese input method often types them.
/// </summary>
public static class ImportCells
{
    // Excel's 1900 date system: serial 1 is 1900-01-01, and serial 60 is the 29 February 1900 that never was (Lotus 1-2-3's
    // leap-year bug, kept by Excel), so serials from 61 count from 1899-12-30 and those below 60 from 1899-12-31.
    private static readonly DateOnly SerialBaseAfterLeapBug = new(1899, 12, 30);
    private static readonly DateOnly SerialBaseBeforeLeapBug = new(1899, 12, 31);

    // The largest serial Excel shows as a date: 9999-12-31.
    private const double MaxSerial = 2_958_465;

    // Year first in any of the separators people type, or day.month.year as German and Russian Excel writes it. Day/month
    // order with slashes (11/30/2026 or 30/11/2026) is ambiguous between locales, so it is not read: the person is asked.
    private static readonly string[] DayFormats = ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "d.M.yyyy", "yyyy年M月d日", "yyyyMMdd"];

    // The currency marks a yuan amount may carry, removed before the number is read (compared after NFKC: ￥ is ¥).
    private static readonly string[] CurrencyMarks = ["CNY", "RMB", "¥", "元"];

    /// <summary>The cell as trimmed text (a number in invariant form, a date as yyyy-MM-dd); null when empty.</summary>
    public static string? Text(object? cell)
    {
        var text = cell switch
        {
            null => null,
            string s => s.Trim(),
            DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool b => b ? "TRUE" : "FALSE",
            double d => Number(d),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => cell.ToString()?.Trim(),
        };
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>
    /// A day: an Excel date, an Excel serial number (1900 date system, its leap-year bug included), or text as 2026-11-30,
    /// 2026/11/30, 2026.11.30, 30.11.2026, 2026年11月30日 or 20261130, with or without a time after it. False for anything else
    /// (11/30/2026 included: month and day could be either way round).
    /// </summary>
    public static bool TryDay(object? cell, out DateOnly day)
    {
        day = default;
        switch (cell)
        {
            case DateTime dateTime:
                day = DateOnly.FromDateTime(dateTime);
                return true;
            case DateOnly dateOnly:
                day = dateOnly;
                return true;
            case string text:
                return TryDayText(Normalized(text), out day);
            default:
                return TryNumber(cell, out var serial) && TryDaySerial(serial, out day);
        }
    }

    /// <summary>
    /// Yuan: a number, or text with thousands separators (commas or spaces), a ¥ / ￥ / CNY / RMB / 元 mark, and 万 (× 10,000)
    /// or 亿 (× 100,000,000): "1,200,000.50", "¥ 1 200 000", "120万", "1.5万元". The range is the validator's check.
    /// </summary>
    public static bool TryAmount(object? cell, out decimal yuan)
    {
        yuan = 0;
        if (cell is not string text)
        {
            return TryNumber(cell, out var number) && TryDecimal(number, out yuan);
        }

        var bare = Normalized(text);
        foreach (var mark in CurrencyMarks)
        {
            bare = bare.Replace(mark, string.Empty, StringComparison.OrdinalIgnoreCase);
        }

        var digits = string.Concat(bare.Where(c => c != ',' && !char.IsWhiteSpace(c)));
        var unit = 1m;
        if (digits.EndsWith('万'))
        {
            unit = 10_000m;
        }
        else if (digits.EndsWith('亿'))
        {
            unit = 100_000_000m;
        }

        if (unit != 1m)
        {
            digits = digits[..^1];
        }

        if (!decimal.TryParse(digits, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        try
        {
            yuan = value * unit;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>A whole non-negative level ("3", 3.0); the ladder's range is the caller's check.</summary>
    public static bool TryLevel(object? cell, out int level)
    {
        level = 0;
        decimal value;
        if (cell is string text)
        {
            if (!decimal.TryParse(Normalized(text), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
            {
                return false;
            }
        }
        else if (!TryNumber(cell, out var number) || !TryDecimal(number, out value))
        {
            return false;
        }

        if (value < 0 || value > int.MaxValue || value != decimal.Truncate(value))
        {
            return false;
        }

        level = (int)value;
        return true;
    }

    /// <summary>
    /// A service line by its name in either language (<see cref="RuleTexts.ServiceLineLabel"/>: "Contract logistics", "合同物流", "仓储") or
    /// its enum name ("ContractLogistics"), ignoring case, width, spaces and punctuation.
    /// </summary>
    public static bool TryServiceLine(object? cell, out ServiceLine line)
    {
        line = default;
        var key = Key(Text(cell));
        if (key.Length == 0)
        {
            return false;
        }

        foreach (var candidate in Enum.GetValues<ServiceLine>())
        {
            var label = RuleTexts.ServiceLineLabel(candidate);
            if (key == Key(candidate.ToString()) || key == Key(label.En) || key == Key(label.Zh))
            {
                line = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The text's matching key: <see cref="TextKey.Fold"/> (width, case, compatibility forms) without white space,
    /// punctuation or symbols, so "Contract-logistics", "contract logistics" and "ＣＯＮＴＲＡＣＴ＿ＬＯＧＩＳＴＩＣＳ" meet.
    /// </summary>
    internal static string Key(string? text) =>
        string.Concat(TextKey.Fold(text).Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c) && !char.IsSymbol(c)));

    private static string Normalized(string text) => text.Normalize(NormalizationForm.FormKC).Trim();

    private static bool TryDayText(string text, out DateOnly day)
    {
        day = default;
        if (text.Length == 0)
        {
            return false;
        }

        // "2026/11/30 0:00", as Excel writes a date cell into CSV: the time is dropped, the day read.
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && TimeOnly.TryParse(text[(space + 1)..].Trim(), CultureInfo.InvariantCulture, out _))
        {
            text = text[..space];
        }

        return DateOnly.TryParseExact(text, DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    private static bool TryDaySerial(double serial, out DateOnly day)
    {
        day = default;
        if (!double.IsFinite(serial) || serial < 1 || serial >= MaxSerial + 1 || Math.Floor(serial) == 60)
        {
            return false;
        }

        var whole = (int)Math.Floor(serial);
        day = (whole > 60 ? SerialBaseAfterLeapBug : SerialBaseBeforeLeapBug).AddDays(whole);
        return true;
    }

    private static bool TryNumber(object? cell, out double number)
    {
        switch (cell)
        {
            case double d:
                number = d;
                return true;
            case float f:
                number = f;
                return true;
            case decimal m:
                number = (double)m;
                return true;
            case int or long or short or byte or uint or ulong or ushort or sbyte:
                number = Convert.ToDouble(cell, CultureInfo.InvariantCulture);
                return true;
            default:
                number = 0;
                return false;
        }
    }

    private static bool TryDecimal(double number, out decimal value)
    {
        value = 0;
        if (!double.IsFinite(number) || Math.Abs(number) >= 7.9e28)
        {
            return false;
        }

        value = decimal.Parse(Number(number), NumberStyles.Float, CultureInfo.InvariantCulture);
        return true;
    }

    // To Excel's 15 significant digits, so 0.1 + 0.2 as a workbook stores it (0.30000000000000004) reads as the 0.3 Excel
    // shows; a whole number below 10^15 (an id, an amount in yuan) is written in full, never in E notation.
    private static string Number(double number) =>
        Math.Abs(number) < 1e15 && number == Math.Floor(number)
            ? number.ToString("0", CultureInfo.InvariantCulture)
            : number.ToString("G15", CultureInfo.InvariantCulture);
}
