using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

// The event notifications' words (issue 17 §1; Web/Notifications/EventMessages.cs): subject lines and detail lines, each
// formatted in the reader's language. {deal} placeholders take NotifiedDeal's result.
public static partial class Ui
{
    /// <summary>A deal as a message names it: customer and title.</summary>
    public static readonly Localized NotifiedDeal = new("「{0} · {1}」", "{0} – {1}");
    public static readonly Localized SomeoneNotified = new("有人", "Someone");

    public static readonly Localized NotifyCoachingNote = new("{0} 对{1}写了辅导意见", "{0} wrote a coaching note on {1}");
    public static readonly Localized NotifyDealAssigned = new("{0} 把商机{1}交给了你", "{0} assigned {1} to you");
    public static readonly Localized NotifyDealTakenAway = new("{0} 把你的商机{1}转给了 {2}", "{0} gave your deal {1} to {2}");
    public static readonly Localized NotifyActionAssigned = new("{0} 给你布置了行动项：{1}", "{0} gave you an action item: {1}");
    public static readonly Localized NotifyActionDueTomorrow = new("行动项明天到期：{0}", "Action item due tomorrow: {0}");
    public static readonly Localized NotifyActionOverdue = new("行动项已逾期：{0}", "Action item overdue: {0}");
    public static readonly Localized NotifyDealRegressed = new("{0} 记录了你的商机{1}倒退：{2} {3} → {4}", "{0} recorded a regression on your deal {1}: {2} {3} → {4}");
    public static readonly Localized NotifyTeamRegression = new("{0} 的商机{1}倒退：{2} {3} → {4}", "{0}'s deal {1} regressed: {2} {3} → {4}");
    public static readonly Localized NotifyDealWon = new("{0} 把你的商机{1}标记为赢单", "{0} marked your deal {1} as won");
    public static readonly Localized NotifyDealLost = new("{0} 把你的商机{1}标记为丢单", "{0} marked your deal {1} as lost");
    public static readonly Localized NotifyDealReopened = new("{0} 重新打开了你的商机{1}", "{0} reopened your deal {1}");
    public static readonly Plural NotifyDealStalled = new("你的商机{1}已停滞：{0} 天没有任何要素推进", "Your deal {1} has stalled: no factor advanced in {0} {0:day|days}");
    public static readonly Plural NotifyDealBusyButStuck = new("你的商机{1}忙而不进：活动不断，但 {0} 天没有任何要素推进",
        "Your deal {1} is busy but stuck: work keeps being logged, but no factor advanced in {0} {0:day|days}");
    public static readonly Plural NotifyTeamStalled = new("{2} 的商机{1}已停滞：{0} 天没有任何要素推进", "{2}'s deal {1} has stalled: no factor advanced in {0} {0:day|days}");

    public static readonly Localized NotifiedDealLine = new("商机：{0}", "Deal: {0}");
    public static readonly Localized NotifiedNote = new("内容：{0}", "Note: {0}");
    public static readonly Localized NotifiedReason = new("原因：{0}", "Reason: {0}");
    public static readonly Localized NotifiedDue = new("截止日期：{0}", "Due: {0}");
    public static readonly Plural NotifiedOverdueBy = new("已逾期 {0} 天", "Overdue by {0} {0:day|days}");
    public static readonly Localized NotifiedPreviousOwner = new("原负责人：{0}", "Previous owner: {0}");
    public static readonly Localized NotifiedLevels = new("{0}：第 {1} 级 → 第 {2} 级", "{0}: level {1} → level {2}");
    public static readonly Localized NotifiedOpenDeal = new("打开商机", "Open the deal");
}
