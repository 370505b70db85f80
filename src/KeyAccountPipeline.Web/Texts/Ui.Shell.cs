using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

/// <summary>The app's frame: the menu, the not-found page, the reconnect dialog and the offline notice.</summary>
public static partial class Ui
{
    public static readonly Localized Menu = new("菜单", "Menu");
    public static readonly Localized MainNavigation = new("主导航", "Main navigation");
    public static readonly Localized PageNotFoundTitle = new("找不到页面", "Page not found");
    /// <summary>A day in a date field, as the app writes days (a .NET custom date format).</summary>
    public static readonly Localized DayFieldFormat = new("yyyy年M月d日", "d MMM yyyy");

    /// <summary>The date picker's header: the day and its weekday (a .NET custom date format).</summary>
    public static readonly Localized DayTitleFormat = new("M月d日 ddd", "ddd, d MMM");
    public static readonly Localized ChooseDay = new("选择日期：{0}", "Choose a day: {0}");
    public static readonly Localized PageNotFoundHint = new("链接可能有误，或者这个页面已被移走。", "The link may be wrong, or the page has moved.");

    // The reconnect dialog (ReconnectModal.razor): one sentence per state of the circuit.
    public static readonly Localized Offline = new("你已离线——连接恢复之前，修改无法保存。", "You are offline — changes cannot be saved until the connection is back.");
    public static readonly Localized Rejoining = new("正在重新连接服务器…", "Reconnecting to the server…");
    public static readonly Localized RejoinRetrying = new("重新连接失败，{0} 秒后再试。", "Could not reconnect; trying again in {0} seconds.");
    public static readonly Localized RejoinFailed = new("无法重新连接。请重试或刷新页面。", "Could not reconnect. Retry, or reload the page.");
    public static readonly Localized Retry = new("重试", "Retry");
    public static readonly Localized SessionPaused = new("服务器暂停了这个页面的连接。", "The server paused this page's connection.");
    public static readonly Localized ResumeFailed = new("无法恢复连接。请重试或刷新页面。", "Could not resume the connection. Retry, or reload the page.");
    public static readonly Localized ResumeConnection = new("继续", "Resume");
}
