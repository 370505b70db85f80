using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

/// <summary>Validation messages in plain words, next to the field they are about.</summary>
public static partial class Ui
{
    public static readonly Localized Required = new("必填。", "Required.");
    public static readonly Localized TooLong = new("最多 {0} 个字符。", "At most {0} characters.");
    public static readonly Localized InvalidChoice = new("请从列表中选择。", "Choose one from the list.");
    public static readonly Localized ValueNotNegative = new("金额不能为负数。", "The amount cannot be negative.");
    public static readonly Localized ValueTooLarge = new("金额太大。", "The amount is too large.");
    public static readonly Localized TwoDecimals = new("最多两位小数（到分）。", "At most two decimals (fen).");
    public static readonly Localized DateOutOfRange = new(
        $"日期必须在 {Domain.DateLimits.Earliest:yyyy-MM-dd} 到 {Domain.DateLimits.Latest:yyyy-MM-dd} 之间。",
        $"The date must be between {Domain.DateLimits.Earliest:yyyy-MM-dd} and {Domain.DateLimits.Latest:yyyy-MM-dd}.");
    public static readonly Localized NoControlCharacters = new("不能包含控制字符（如 NUL）。", "Control characters (such as NUL) are not allowed.");
}
