using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

// The after-visit update (Components/Deals/VisitDialog.razor), issue 15.
public static partial class Ui
{
    public static readonly Localized RecordVisit = new("记录拜访", "Record a visit");
    public static readonly Localized RecordVisitFor = new("记录拜访：{0}", "Record a visit: {0}");
    public static readonly Localized VisitKindLabel = new("方式", "How you met");
    public static readonly Localized VisitProvedLabel = new("这次拜访证明了什么？（可多选）", "What did it prove? (tick any)");
    public static readonly Localized VisitProvedHelp = new(
        "先列出下一站还差的检查点；勾选的检查点以这次拜访为证据、同一日期记录。",
        "The next station's missing checkpoints come first; each one ticked is recorded with this visit as its evidence, on its date.");
    public static readonly Localized VisitForGate = new("下一站需要", "needed for the next station");
    public static readonly Localized VisitNothingLeft = new("每个阶梯都已到顶。", "Every ladder is at its top.");
    public static readonly Localized VisitNote = new("发生了什么", "What happened");
    public static readonly Localized VisitNoteHelp = new("只写一次：记在拜访上，也记在每个勾选的检查点上", "Written once: kept on the visit and on each checkpoint ticked");
    public static readonly Localized VisitSaved = new("已保存：{0}", "Saved: {0}");
    public static readonly Localized VisitSavedWith = new("已保存：{0}，{1}", "Saved: {0}, {1}");
    public static readonly Localized VisitChange = new("{0}：{1} → {2}", "{0} {1} → {2}");
    public static readonly Localized FactorNowAt = new("{0}（现在 {1}/{2}）", "{0} (now {1}/{2})");
}

// Action items given on the deal page (Components/Deals/ActionItemsPanel.razor).
public static partial class Ui
{
    public static readonly Localized AddActionItem = new("布置行动项", "Add an action item");
    public static readonly Localized ActionTextLabel = new("要做的事", "What is to be done");
    public static readonly Localized ActionItemGiven = new("已布置行动项", "Action item added");
}
