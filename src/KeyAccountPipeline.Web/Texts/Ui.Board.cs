using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

public static partial class Ui
{
    public static readonly Localized StalledReason = new("已有 {0} 天没有推进任何检查点；“{1}”阶段最多允许 {2} 天", "No checkpoint advanced for {0} days; {1} allows {2}");
    public static readonly Localized BusyReason = new("{1} 天内有 {0} 次拜访/电话等活动，但没有任何检查点推进", "{0} activities in {1} days, but no checkpoint advanced");
    public static readonly Localized RegressedReason = new("{0} 从 {1} 降到 {2}（{3}）", "{0} fell {1} → {2} on {3}");
    public static readonly Localized SinceAdvance = new("距上次推进", "since last advance");
    public static readonly Localized OnHoldMark = new("暂停中", "On hold");
    public static readonly Localized DataWarningMark = new("日期异常", "Odd date");
    public static readonly Localized DataWarningReason = new(
        "存储的日期超出 2000–2100 年的范围，这里显示为最接近的有效日期；请编辑此商机更正。",
        "A stored date lies outside 2000–2100 and is shown as the nearest valid date; edit the deal to correct it.");
    public static readonly Localized Won = new("赢单", "Won");
    public static readonly Localized Lost = new("丢单", "Lost");
    public static readonly Localized Deals = new("{0} 个商机", "{0} deals");
    public static readonly Localized OneDeal = new("{0} 个商机", "{0} deal");
    public static readonly Localized Owner = new("负责人", "Owner");
    public static readonly Localized Industry = new("行业", "Industry");
    public static readonly Localized ServiceLineLabel = new("业务线", "Service line");
    public static readonly Localized FlagFilter = new("信号", "Flag");
    public static readonly Localized WeakestFactor = new("最弱因素", "Weakest factor");
    public static readonly Localized SearchCustomer = new("搜索客户或商机", "Search customer or deal");
    public static readonly Localized ClearFilters = new("清除筛选", "Clear filters");
    public static readonly Localized NoDealsYet = new("还没有商机。点击“新建商机”开始第一次攀登。", "No deals yet. Start the first climb with “New deal”.");
    public static readonly Localized NoDealsMatch = new("没有符合筛选条件的商机。", "No deals match these filters.");
    public static readonly Localized EmptyColumn = new("此阶段暂无商机", "No deals at this stage");
    public static readonly Localized MoveTo = new("移动到…", "Move to…");
    public static readonly Localized MoveToTitle = new("把“{0}”移动到哪个阶段？", "Move “{0}” to which stage?");
    public static readonly Localized StageIsDerived = new(
        "阶段由五个阶梯的等级决定，不能手动拖动。要进入后面的阶段，请记录缺少的检查点。",
        "A deal's stage follows its five ladders; it cannot be dragged. To move it on, record the missing checkpoints.");
    public static readonly Localized ToReachStageNeeds = new("要进入“{0}”，这个商机还需要：", "To reach {0} this deal still needs:");
    public static readonly Localized AlreadyPast = new("这个商机已经达到或超过“{0}”。阶段只会随检查点变化；如需记录倒退，请在商机页面记录并写明原因。",
        "This deal has already reached {0}. Its stage only follows checkpoints; to record a regression, do it on the deal page with a reason.");
    public static readonly Localized Folded = new("展开", "Show");
    public static readonly Localized Unfold = new("收起", "Hide");
    public static readonly Localized LevelOf = new("{0} 级 / 共 {1} 级", "level {0} of {1}");
    public static readonly Localized TotalValue = new("年合同额合计", "total annual value");
    public static readonly Localized DisabledMark = new("{0}（已停用）", "{0} (disabled)");
    public static readonly Localized StageSwitcher = new("阶段", "Stages");
    public static readonly Localized Mine = new("只看我的", "Mine");
    public static readonly Localized MineHint = new("只显示我负责的商机", "Show only the deals I own");
    public static readonly Localized FiltersToggle = new("筛选", "Filters");

    /// <summary>"1 deal", "3 deals" (Chinese has one form): a column's or a stage's count.</summary>
    public static string DealCount(int count) => (count == 1 ? OneDeal : Deals).Format(count);
}
