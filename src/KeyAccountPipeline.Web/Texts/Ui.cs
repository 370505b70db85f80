using System.Globalization;
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

    public static string Format(this Localized text, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, text.Current, args);

    public static string Name(this ServiceLine line) => Pick(line switch
    {
        ServiceLine.Warehousing => "仓储|Warehousing",
        ServiceLine.Distribution => "配送|Distribution",
        ServiceLine.Transport => "运输|Transport",
        ServiceLine.ContractLogistics => "合同物流|Contract logistics",
        _ => "其他|Other",
    });

    public static string Name(this DealStatus status) => Pick(status switch
    {
        DealStatus.Open => "进行中|Open",
        DealStatus.OnHold => "暂停|On hold",
        DealStatus.Won => "赢单|Won",
        _ => "丢单|Lost",
    });

    public static string Name(this Flag flag) => Pick(flag switch
    {
        Flag.Stalled => "停滞|Stalled",
        Flag.BusyButStuck => "忙而不进|Busy but stuck",
        _ => "倒退|Regressed",
    });

    public static string Name(this EvidenceKind kind) => Pick(kind switch
    {
        EvidenceKind.Visit => "拜访|Visit",
        EvidenceKind.Call => "电话|Call",
        EvidenceKind.Email => "邮件|Email",
        EvidenceKind.Meeting => "会议|Meeting",
        EvidenceKind.Document => "文件|Document",
        _ => "其他|Other",
    });

    public static string Name(this ActivityKind kind) => Pick(kind switch
    {
        ActivityKind.Visit => "拜访|Visit",
        ActivityKind.Call => "电话|Call",
        ActivityKind.Email => "邮件|Email",
        ActivityKind.Meeting => "会议|Meeting",
        _ => "其他|Other",
    });

    public static string Name(this CloseReason reason) => Pick(reason switch
    {
        CloseReason.Price => "价格|Price",
        CloseReason.Capability => "能力|Capability",
        CloseReason.Relationship => "关系|Relationship",
        CloseReason.Timing => "时机|Timing",
        CloseReason.Competitor => "竞争对手|Competitor",
        CloseReason.NoDecision => "未决策|No decision",
        _ => "其他|Other",
    });

    public static string Name(this StakeholderRole role) => Pick(role switch
    {
        StakeholderRole.DecisionMaker => "决策人|Decision maker",
        StakeholderRole.BusinessContact => "业务对接人|Business contact",
        StakeholderRole.VetoHolder => "否决者|Veto holder",
        StakeholderRole.Influencer => "影响者|Influencer",
        _ => "其他|Other",
    });

    public static string Name(this VetoStatus status) => Pick(status switch
    {
        VetoStatus.NotContacted => "未接触|Not contacted",
        VetoStatus.Contacted => "已接触|Contacted",
        VetoStatus.Agreed => "已同意|Agreed",
        _ => "反对|Opposed",
    });

    public static string Name(this DealEventKind kind) => Pick(kind switch
    {
        DealEventKind.Created => "创建商机|Deal created",
        DealEventKind.DetailsEdited => "修改详情|Details edited",
        DealEventKind.OwnerChanged => "更换负责人|Owner changed",
        DealEventKind.PutOnHold => "暂停|Put on hold",
        DealEventKind.Resumed => "恢复|Resumed",
        DealEventKind.Won => "赢单|Won",
        DealEventKind.Lost => "丢单|Lost",
        DealEventKind.Reopened => "重新打开|Reopened",
        DealEventKind.StakeholderAdded => "新增干系人|Stakeholder added",
        DealEventKind.StakeholderChanged => "修改干系人|Stakeholder changed",
        DealEventKind.CoachingNote => "辅导意见|Coaching note",
        _ => "移除干系人|Stakeholder removed",
    });

    public static bool IsChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    /// <summary>"中文|English" → the half for the current language.</summary>
    private static string Pick(string pair)
    {
        var bar = pair.IndexOf('|', StringComparison.Ordinal);
        return IsChinese ? pair[..bar] : pair[(bar + 1)..];
    }
}
