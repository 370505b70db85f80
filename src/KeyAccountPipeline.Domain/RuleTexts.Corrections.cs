using System.Globalization;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain;

// Why a correction of a checkpoint change is refused (Deals/Deal.Corrections.cs; METHOD.md "Corrections are not regressions").
public static partial class RuleTexts
{
    public static readonly Localized OnlyRecorderCorrects = new(
        "只有记录这条变化的人可以更正它。", "Only the person who recorded this change can correct it.");

    public static readonly Localized CorrectionNotCorrected = new(
        "更正本身不能再更正；请记录一条新的变化。", "A correction cannot be corrected itself; record a new change instead.");

    public static readonly Localized AlreadyCorrected = new("这条变化已经更正过了。", "This change has already been corrected.");

    public static readonly Localized LaterChangeRecorded = new(
        "这个要素之后又有新的变化，这条变化不能再更正。", "A later change of this factor was recorded, so this one can no longer be corrected.");

    /// <summary>The correction window has passed: going down is now a regression with its reason.</summary>
    public static Localized CorrectionWindowPassed(int minutes) => new(
        string.Create(CultureInfo.InvariantCulture, $"更正只能在记录后 {minutes} 分钟内进行；现在降级请记录为倒退并说明原因。"),
        string.Create(CultureInfo.InvariantCulture,
            $"A change can be corrected only within {minutes} minutes of recording it; to go down now, record a regression with its reason."));

    public static Localized CorrectionSameLevel(Localized factor, int level) => new(
        $"{factor.Zh}这条变化已经是 {level} 级，无需更正。", $"This {factor.En} change already set level {level}: nothing to correct.");

    public static Localized CorrectionBelowFrom(Localized factor, int from) => new(
        $"更正不能低于变化前的 {from} 级（{factor.Zh}）；要降级请记录倒退并说明原因。",
        $"A correction cannot go below the level before the change ({factor.En} {from}); to go lower, record a regression with its reason.");
}
