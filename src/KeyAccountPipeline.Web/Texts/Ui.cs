using System.Globalization;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Signals;

namespace KeyAccountPipeline.Web.Texts;

/// <summary>
/// Every text the UI shows, in both languages side by side, so a missing translation is a
/// compile error rather than an English word on a Chinese screen. Playbook texts (ladders,
/// stages, questions) come from the playbook itself. Split by area into partial files.
/// </summary>
public static partial class Ui
{
    public static readonly Localized AppName = new("大客户攀登", "Key Account Pipeline");
    public static readonly Localized Board = new("看板", "Board");
    public static readonly Localized NewDeal = new("新建商机", "New deal");
    public static readonly Localized Language = new("语言", "Language");
    public static readonly Localized SwitchLanguage = new("English", "中文");
    public static readonly Localized Save = new("保存", "Save");
    public static readonly Localized Cancel = new("取消", "Cancel");
    public static readonly Localized Close = new("关闭", "Close");
    public static readonly Localized Saved = new("已保存", "Saved");
    public static readonly Localized Loading = new("加载中…", "Loading…");
    public static readonly Localized Any = new("全部", "Any");
    public static readonly Localized NotFound = new("没有找到这个页面。", "There is nothing at this address.");
    public static readonly Localized DealNotFound = new("没有找到这个商机，它可能已被删除或链接有误。", "This deal does not exist; the link may be wrong.");
    public static readonly Localized BackToBoard = new("回到看板", "Back to the board");
    public static readonly Localized SomethingWentWrong = new("出错了", "Something went wrong");
    public static readonly Localized SomethingWentWrongHint = new("这次操作没有完成。请稍后再试；如果问题一直出现，请联系管理员。",
        "This did not go through. Please try again in a moment; if it keeps happening, tell your administrator.");
    public static readonly Localized RequestId = new("请求编号：", "Request id:");
    public static readonly Localized ChangedBySomeoneElse = new(
        "这个商机刚被别人修改过，你的修改没有保存。下面是它现在的状态；确认后可以再次保存。",
        "This deal was changed by someone else; your change was not saved. Below is its current state; check it and save again.");
    public static readonly Localized ErrorOccurred = new("出错了，页面需要刷新。", "Something went wrong; reload the page.");
    public static readonly Localized Reload = new("刷新", "Reload");
    public static readonly Localized ListSeparator = new("、", ", ");

    public static string Format(this Localized text, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, text.Current, args);

    // Each enum's words: Label gives the pair (for a caller that picks the language itself), Name the current language's.
    public static Localized Label(this ServiceLine line) => RuleTexts.ServiceLineLabel(line);

    public static Localized Label(this DealStatus status) => status switch
    {
        DealStatus.Open => new("进行中", "Open"),
        DealStatus.OnHold => new("暂停", "On hold"),
        DealStatus.Won => new("赢单", "Won"),
        _ => new("丢单", "Lost"),
    };

    public static Localized Label(this Flag flag) => flag switch
    {
        Flag.Stalled => new("停滞", "Stalled"),
        Flag.BusyButStuck => new("忙而不进", "Busy but stuck"),
        _ => new("倒退", "Regressed"),
    };

    public static Localized Label(this EvidenceKind kind) => kind switch
    {
        EvidenceKind.Visit => new("拜访", "Visit"),
        EvidenceKind.Call => new("电话", "Call"),
        EvidenceKind.Email => new("邮件", "Email"),
        EvidenceKind.Meeting => new("会议", "Meeting"),
        EvidenceKind.Document => new("文件", "Document"),
        _ => new("其他", "Other"),
    };

    public static Localized Label(this ActivityKind kind) => kind switch
    {
        ActivityKind.Visit => new("拜访", "Visit"),
        ActivityKind.Call => new("电话", "Call"),
        ActivityKind.Email => new("邮件", "Email"),
        ActivityKind.Meeting => new("会议", "Meeting"),
        _ => new("其他", "Other"),
    };

    public static Localized Label(this CloseReason reason) => reason switch
    {
        CloseReason.Price => new("价格", "Price"),
        CloseReason.Capability => new("能力", "Capability"),
        CloseReason.Relationship => new("关系", "Relationship"),
        CloseReason.Timing => new("时机", "Timing"),
        CloseReason.Competitor => new("竞争对手", "Competitor"),
        CloseReason.NoDecision => new("未决策", "No decision"),
        _ => new("其他", "Other"),
    };

    public static Localized Label(this StakeholderRole role) => role switch
    {
        StakeholderRole.DecisionMaker => new("决策人", "Decision maker"),
        StakeholderRole.BusinessContact => new("业务对接人", "Business contact"),
        StakeholderRole.VetoHolder => new("否决者", "Veto holder"),
        StakeholderRole.Influencer => new("影响者", "Influencer"),
        _ => new("其他", "Other"),
    };

    public static Localized Label(this VetoStatus status) => status switch
    {
        VetoStatus.NotContacted => new("未接触", "Not contacted"),
        VetoStatus.Contacted => new("已接触", "Contacted"),
        VetoStatus.Agreed => new("已同意", "Agreed"),
        _ => new("反对", "Opposed"),
    };

    public static Localized Label(this DealEventKind kind) => kind switch
    {
        DealEventKind.Created => new("创建商机", "Deal created"),
        DealEventKind.DetailsEdited => new("修改详情", "Details edited"),
        DealEventKind.OwnerChanged => new("更换负责人", "Owner changed"),
        DealEventKind.PutOnHold => new("暂停", "Put on hold"),
        DealEventKind.Resumed => new("恢复", "Resumed"),
        DealEventKind.Won => new("赢单", "Won"),
        DealEventKind.Lost => new("丢单", "Lost"),
        DealEventKind.Reopened => new("重新打开", "Reopened"),
        DealEventKind.StakeholderAdded => new("新增干系人", "Stakeholder added"),
        DealEventKind.StakeholderChanged => new("修改干系人", "Stakeholder changed"),
        DealEventKind.CoachingNote => new("辅导意见", "Coaching note"),
        DealEventKind.Imported => new("导入", "Imported"),
        _ => new("移除干系人", "Stakeholder removed"),
    };

    public static string Name(this ServiceLine line) => line.Label().Current;

    public static string Name(this DealStatus status) => status.Label().Current;

    public static string Name(this Flag flag) => flag.Label().Current;

    public static string Name(this EvidenceKind kind) => kind.Label().Current;

    public static string Name(this ActivityKind kind) => kind.Label().Current;

    public static string Name(this CloseReason reason) => reason.Label().Current;

    public static string Name(this StakeholderRole role) => role.Label().Current;

    public static string Name(this VetoStatus status) => status.Label().Current;

    public static string Name(this DealEventKind kind) => kind.Label().Current;

    public static bool IsChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";
}
