using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

public static partial class Ui
{
    // Header
    public static readonly Localized DealNotFoundTitle = new("找不到这个商机", "Deal not found");
    public static readonly Localized StageOf = new("第 {0} 站 / 共 {1} 站：{2}", "Station {0} of {1}: {2}");
    public static readonly Localized ProgressLabel = new("进度", "Progress");
    public static readonly Localized ProgressText = new("已达到 {0} 级 / 共 {1} 级（{2}）", "{0} of {1} levels reached ({2})");
    public static readonly Localized AnnualValueLabel = new("年合同额", "Annual value");
    public static readonly Localized StatusLabel = new("状态", "Status");
    public static readonly Localized StageLabel = new("阶段", "Stage");
    public static readonly Localized TargetCloseLabel = new("目标签约日期", "Target close date");
    public static readonly Localized StartedOnLabel = new("开始日期", "Started on");
    public static readonly Localized RegionLabel = new("地区", "Region");
    public static readonly Localized CustomerLabel = new("客户", "Customer");
    public static readonly Localized DealTitleLabel = new("商机名称", "Deal title");
    public static readonly Localized NoFlags = new("没有预警信号。", "No flags.");
    public static readonly Localized SinceAdvanceText = new("距上次推进 {0}", "{0} since the last advance");

    // Actions and status
    public static readonly Localized DealActions = new("商机操作", "Deal actions");
    public static readonly Localized LogActivity = new("记录活动", "Log activity");
    public static readonly Localized EditDetails = new("修改详情", "Edit details");
    public static readonly Localized PutOnHold = new("暂停", "Put on hold");
    public static readonly Localized Resume = new("恢复", "Resume");
    public static readonly Localized CloseDeal = new("结束（赢单/丢单）", "Close as won/lost");
    public static readonly Localized Reopen = new("重新打开", "Reopen");
    public static readonly Localized ClosedNotice = new("这个商机已结束（{0}）。要修改任何内容，请先重新打开。", "This deal is closed ({0}). Reopen it to change anything.");
    public static readonly Localized OnHoldNotice = new("这个商机已暂停，暂停期间不计停滞信号。", "This deal is on hold; it carries no stall signal until it is resumed.");

    // Supply station
    public static readonly Localized SupplyStation = new("补给站", "Supply station");
    public static readonly Localized WhereYouAre = new("现在在哪里", "Where you are");
    public static readonly Localized WhatIsLeft = new("到达“{0}”还差什么", "What is left to reach {0}");
    public static readonly Localized MissingItemText = new("{0}：现在 {1}，需要 {2}", "{0}: now {1}, needs {2}");
    public static readonly Localized WatchNext = new("下一段要关注：", "To watch on the next stretch:");
    public static readonly Localized ManagerAsks = new("经理会问：", "A manager asks:");
    public static readonly Localized TopStageReached = new(
        "所有关口都已通过，这是最后一站。剩下的就是签约：签约后把商机记为赢单。",
        "Every gate is met: this is the last station. What is left is the signature; close the deal as won once it is signed.");
    public static readonly Localized ClosedStation = new("攀登已结束：{0}。", "The climb is over: {0}.");

    // Ladders
    public static readonly Localized TheFiveLadders = new("五个阶梯", "The five ladders");
    public static readonly Localized ReachedOn = new("{0} 达到", "reached {0}");
    public static readonly Localized Reached = new("已达到", "reached");
    public static readonly Localized CurrentMarker = new("当前", "current");
    public static readonly Localized Record = new("记录", "Record");
    public static readonly Localized RecordFactor = new("记录“{0}”的检查点", "Record a {0} checkpoint");

    // Chart
    public static readonly Localized ChartTitle = new("五个阶梯随时间的变化", "The five levels over time");
    public static readonly Localized ChartSummary = new("从 {0} 到 {1}：{2}", "From {0} to {1}: {2}");
    public static readonly Localized ChartFactor = new("{0} 从 {1} 级到 {2} 级（{3} 次变化）", "{0} from level {1} to {2} ({3} changes)");

    /// <summary><see cref="ChartFactor"/> for exactly one change: English counts "1 change", not "1 changes".</summary>
    public static readonly Localized ChartFactorOneChange = new("{0} 从 {1} 级到 {2} 级（1 次变化）", "{0} from level {1} to {2} (1 change)");
    public static readonly Localized Today = new("今天", "today");

    // Timeline
    public static readonly Localized TimelineTitle = new("时间线", "Timeline");
    public static readonly Localized NoTimeline = new("还没有记录。", "Nothing recorded yet.");
    public static readonly Localized Regression = new("倒退", "Regression");
    public static readonly Localized CheckpointEntry = new("检查点", "Checkpoint");
    public static readonly Localized ActivityEntry = new("活动", "Activity");
    public static readonly Localized EvidenceText = new("证据：{0}", "Evidence: {0}");
    public static readonly Localized ReasonText = new("原因：{0}", "Reason: {0}");
    public static readonly Localized ByWhom = new("记录人：{0}", "by {0}");
    public static readonly Localized NoValue = new("（空）", "(empty)");

    // Stakeholders
    public static readonly Localized StakeholderMap = new("干系人地图", "Stakeholder map");
    public static readonly Localized AddStakeholder = new("添加干系人", "Add stakeholder");
    public static readonly Localized EditStakeholder = new("修改干系人", "Edit stakeholder");
    public static readonly Localized EditStakeholderNamed = new("修改：{0}", "Edit {0}");
    public static readonly Localized RemoveStakeholder = new("移除", "Remove");
    public static readonly Localized RemoveStakeholderNamed = new("移除：{0}", "Remove {0}");
    public static readonly Localized RemoveStakeholderConfirm = new("把“{0}”从干系人地图中移除？移除会记录在时间线上。", "Remove {0} from the stakeholder map? The removal is recorded on the timeline.");
    public static readonly Localized NoStakeholders = new("还没有干系人。先找出最终决策人和有否决权的部门。", "No stakeholders yet. Start with the final decision maker and every department with a veto.");
    public static readonly Localized DecisionMakerIs = new("决策人：{0}", "Decision maker: {0}");
    public static readonly Localized NoDecisionMaker = new("还不知道谁是最终决策人。", "The final decision maker is not known yet.");
    public static readonly Localized VetoSummary = new("有否决权的部门：{0} 个中 {1} 个已同意", "Veto holders: {1} of {0} agreed");
    public static readonly Localized NoVetoHolders = new("没有登记有否决权的部门。", "No veto holders recorded.");
    public static readonly Localized GoalLabel = new("目标", "Goal");
    public static readonly Localized StakeholderNameLabel = new("姓名或部门", "Name or department");
    public static readonly Localized JobTitleLabel = new("职务", "Job title");
    public static readonly Localized DepartmentLabel = new("部门", "Department");
    public static readonly Localized RoleLabel = new("角色", "Role");
    public static readonly Localized RoleIs = new("角色：{0}", "Role: {0}");
    public static readonly Localized VetoStatusLabel = new("否决态度", "Veto status");
    public static readonly Localized GoalHelp = new("这个人自己的目标，不是我们的", "This person's own goal, not ours");
    public static readonly Localized StakeholderSaved = new("已保存干系人：{0}", "Stakeholder saved: {0}");
    public static readonly Localized StakeholderRemoved = new("已移除干系人：{0}", "Stakeholder removed: {0}");

    // Activity
    public static readonly Localized LogActivityTitle = new("记录活动：{0}", "Log an activity: {0}");
    public static readonly Localized ActivityKindLabel = new("活动类型", "Kind");
    public static readonly Localized SummaryLabel = new("内容", "Summary");
    public static readonly Localized SummaryHelp = new("谈了什么，结果如何", "What was discussed, and what came of it");
    public static readonly Localized DateLabel = new("日期", "Date");
    public static readonly Localized ActivitySaved = new("已记录活动：{0}", "Activity logged: {0}");

    // Details
    public static readonly Localized EditDetailsTitle = new("修改商机详情：{0}", "Edit the deal's details: {0}");
    public static readonly Localized AnnualValueYuan = new("年合同额（元）", "Annual value (yuan)");
    public static readonly Localized DetailsSaved = new("已保存商机详情", "Deal details saved");
    public static readonly Localized NothingChanged = new("没有修改任何内容", "Nothing was changed");

    // Hold, resume, reopen, close
    public static readonly Localized HoldTitle = new("暂停商机：{0}", "Put the deal on hold: {0}");
    public static readonly Localized ResumeTitle = new("恢复商机：{0}", "Resume the deal: {0}");
    public static readonly Localized ReopenTitle = new("重新打开商机：{0}", "Reopen the deal: {0}");
    public static readonly Localized HoldReason = new("暂停原因", "Reason for the hold");
    public static readonly Localized OptionalNote = new("说明（可选）", "Note (optional)");
    public static readonly Localized HeldSaved = new("商机已暂停", "The deal is on hold");
    public static readonly Localized ResumedSaved = new("商机已恢复", "The deal is resumed");
    public static readonly Localized ReopenedSaved = new("商机已重新打开", "The deal is reopened");
    public static readonly Localized CloseTitle = new("结束商机：{0}", "Close the deal: {0}");
    public static readonly Localized OutcomeLabel = new("结果", "Outcome");
    public static readonly Localized ReasonCategoryLabel = new("原因类别", "Reason");
    public static readonly Localized ClosedWonSaved = new("已记为赢单", "Closed as won");
    public static readonly Localized ClosedLostSaved = new("已记为丢单", "Closed as lost");
}
