using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

// The bell, the notifications list, the notification settings and email confirmation (issue 17 §2, §4).
public static partial class Ui
{
    public static readonly Localized Notifications = new("通知", "Notifications");
    public static readonly Localized NotificationsUnread = new("通知：{0} 条未读", "Notifications: {0} unread");
    public static readonly Localized NotificationsNone = new("最近 90 天没有通知。有人倒退、停滞、指派或评论你的商机时，会在这里告诉你。",
        "No notifications in the last 90 days. When someone regresses, reassigns or coaches a deal of yours, or it stalls, it shows here.");
    public static readonly Localized NotificationsKeptHint = new("最近 90 天的通知，最新的在前。", "The last 90 days, newest first.");
    public static readonly Localized MarkRead = new("标为已读", "Mark read");
    public static readonly Localized MarkAllRead = new("全部标为已读", "Mark all read");
    public static readonly Localized AllMarkedRead = new("已全部标为已读", "All marked read");
    public static readonly Localized Unread = new("未读", "Unread");
    public static readonly Localized SeeAllNotifications = new("查看全部通知", "See all notifications");
    public static readonly Localized NotificationSettings = new("通知设置", "Notification settings");
    public static readonly Localized ShowMore = new("显示更多", "Show more");

    public static readonly Localized NotificationSettingsIntro = new(
        "铃铛会显示所有通知。在这里选择哪些事件还要通过邮件或群机器人发给你。",
        "The bell shows every notification. Choose here which events also reach you by email or a group robot.");
    public static readonly Localized EventColumn = new("事件", "Event");
    public static readonly Localized MessageLanguage = new("通知语言", "Language of messages");
    public static readonly Localized LanguageChinese = new("中文", "Chinese");
    public static readonly Localized LanguageEnglish = new("英文", "English");
    public static readonly Localized MessageLanguageHint = new("邮件、群消息和周报使用的语言。", "Emails, group messages and the digest reach you in this language.");
    public static readonly Localized YourEmail = new("你的邮箱", "Your email");
    public static readonly Localized EmailConfirmed = new("已确认", "Confirmed");
    public static readonly Localized EmailNotConfirmed = new("未确认：确认前不会给你发邮件。", "Not confirmed: no email reaches you until you confirm it.");
    public static readonly Localized SendConfirmationEmail = new("发送确认邮件", "Send confirmation email");
    public static readonly Localized ConfirmationEmailSent = new("确认邮件已发出，请打开邮件中的链接。", "Confirmation email sent; open the link in it.");
    public static readonly Localized ConfirmationEmailAlreadySent = new("刚刚已经发过确认邮件，请查收。", "A confirmation email was just sent; check your inbox.");
    public static readonly Localized EmailColumnNeedsConfirmation = new("确认邮箱后才能选择邮件。", "Confirm your email to choose email.");
    public static readonly Localized NotificationSettingsSaved = new("通知设置已保存", "Notification settings saved");

    public static readonly Localized ConfirmEmailTitle = new("确认邮箱", "Confirm your email");
    public static readonly Localized ConfirmEmailDone = new("你的邮箱 {0} 已确认。现在可以在通知设置中选择用邮件接收通知。",
        "Your email {0} is confirmed. You can now choose email for notifications in your notification settings.");
    public static readonly Localized ConfirmEmailFailed = new("这个确认链接无效或已过期。请在通知设置中再发送一次确认邮件。",
        "This confirmation link is not valid or has expired. Send a new one from your notification settings.");
    public static readonly Localized OpenTheApp = new("打开应用", "Open the app");

    // The "confirm your email" message itself (ConfirmEmailMessages), in the person's language.
    public static readonly Localized ConfirmEmailSubject = new("请确认你的邮箱", "Confirm your email address");
    public static readonly Localized ConfirmEmailBody = new(
        "你在大客户攀登中请求用 {0} 接收通知。打开下面的链接确认这是你的邮箱（24 小时内有效）：",
        "You asked Key Account Pipeline to send notifications to {0}. Open the link below to confirm it is yours (valid for 24 hours):");
    public static readonly Localized ConfirmEmailButton = new("确认邮箱", "Confirm my email");
    public static readonly Localized ConfirmEmailIgnore = new("如果不是你本人操作，请忽略这封邮件。", "If you did not ask for this, ignore this email.");

    /// <summary>The words for a channel (a column of the settings grid).</summary>
    public static Localized Label(this DeliveryChannel channel) => channel switch
    {
        DeliveryChannel.Email => new("邮件", "Email"),
        DeliveryChannel.WeCom => new("企业微信", "WeCom"),
        DeliveryChannel.DingTalk => new("钉钉", "DingTalk"),
        _ => new("飞书", "Feishu"),
    };

    /// <summary>The words for an event (a row of the settings grid).</summary>
    public static Localized Label(this NotificationKind kind) => kind switch
    {
        NotificationKind.CoachingNote => new("我的商机收到辅导意见", "A coaching note on my deal"),
        NotificationKind.DealAssigned => new("商机指派给我", "A deal assigned to me"),
        NotificationKind.DealTakenAway => new("我的商机转给了别人", "A deal of mine given to someone else"),
        NotificationKind.ActionAssigned => new("给我布置了行动项", "An action item given to me"),
        NotificationKind.ActionDueTomorrow => new("行动项明天到期", "An action item due tomorrow"),
        NotificationKind.ActionOverdue => new("行动项已逾期", "An action item overdue"),
        NotificationKind.DealRegressed => new("别人让我的商机倒退", "My deal regressed by someone else"),
        NotificationKind.DealStalled => new("我的商机停滞", "My deal became stalled"),
        NotificationKind.DealBusyButStuck => new("我的商机忙而不进", "My deal became busy but stuck"),
        NotificationKind.DealClosed => new("别人关闭了我的商机", "My deal closed by someone else"),
        NotificationKind.DealReopened => new("别人重新打开了我的商机", "My deal reopened by someone else"),
        NotificationKind.TeamRegression => new("团队商机倒退（经理）", "A regression in my team (managers)"),
        NotificationKind.TeamStalled => new("团队商机新停滞（经理）", "A newly stalled deal in my team (managers)"),
        NotificationKind.WeeklyDigest => new("每周周报", "The weekly digest"),
        _ => new("确认邮箱", "Confirm my email"),
    };
}
