using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain;

// The after-visit update's rules (Deals/Visit.cs).
public static partial class RuleTexts
{
    /// <summary>A visit without a note: the note is the activity's summary and every proved checkpoint's note.</summary>
    public static readonly Localized VisitNeedsNote = new("请写下这次拜访的情况。", "Write what happened on the visit.");

    /// <summary>More proved checkpoints than factors (a request's shape: checked by its validator).</summary>
    public static Localized VisitTooManyCheckpoints(int factors) => new(
        $"一次拜访最多证明 {factors} 个检查点（每个要素一个）。", $"A visit proves at most {factors} checkpoints, one per factor.");

    /// <summary>The same factor twice in one visit.</summary>
    public static Localized VisitFactorTwice(Localized factor) => new(
        $"{factor.Zh}只能选一个等级。", $"Choose one level of {factor.En}.");

    /// <summary>A proved checkpoint at or below the factor's current level: a visit proves progress; going down needs a reason.</summary>
    public static Localized VisitProvesAdvance(Localized factor, int current, int level) => new(
        $"{factor.Zh}已经在 {current} 级；拜访只能证明更高的等级（{level} 不高于它）。倒退请用“记录检查点”并写明原因。",
        $"{factor.En} is already at level {current}; a visit proves a higher level ({level} is not). Record a regression with its reason instead.");
}

// An action item given on a deal's page (Reviews/DealActionItems.cs).
public static partial class RuleTexts
{
    /// <summary>A rep giving an action item: as in a review, managers and admins give them.</summary>
    public static readonly Localized OnlyManagersGiveActions = new("只有经理和管理员可以布置行动项。", "Only managers and admins can give action items.");

    /// <summary>An action item due before today.</summary>
    public static readonly Localized DueNotBeforeToday = new("截止日期不能早于今天。", "The due date cannot be before today.");
}
