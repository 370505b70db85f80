using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

/// <summary>The admin's delivery log (issue 17 §5): what went, to whom, by which channel, how it ended.</summary>
public static partial class Ui
{
    public static readonly Localized DeliveryLog = new("投递记录", "Delivery log");
    public static readonly Localized DeliveryLogIntro = new(
        "每条通知经邮件和群机器人的投递情况。暂时失败的会自动重试（间隔逐次加倍）；多次失败或被渠道拒绝的标为“失败”，修好渠道后可以重发。",
        "How each notification went out by email and group robots. A delivery that fails for now is retried on its own, waiting longer each time; one that keeps failing or that the channel refuses is marked failed, and can be resent once the channel is fixed.");
    public static readonly Localized DeliveryWhat = new("内容", "What");
    public static readonly Localized DeliveryTo = new("发给", "To");
    public static readonly Localized DeliveryChannelLabel = new("渠道", "Channel");
    public static readonly Localized DeliveryStatusLabel = new("状态", "Status");
    public static readonly Localized DeliveryAttempts = new("尝试次数", "Attempts");
    public static readonly Localized DeliveryLastError = new("最近错误", "Last error");
    public static readonly Localized DeliveryTimes = new("时间", "Times");
    public static readonly Localized DeliveryCreated = new("创建 {0}", "Created {0}");
    public static readonly Localized DeliverySentAt = new("发送 {0}", "Sent {0}");
    public static readonly Localized DeliveryNextAttempt = new("下次尝试 {0}", "Next try {0}");
    public static readonly Localized AllStatuses = new("全部状态", "All statuses");
    public static readonly Localized Resend = new("重发", "Resend");
    public static readonly Localized Resent = new("已重新排队，马上发送。", "Queued again; it goes out in a moment.");
    public static readonly Localized NoDeliveries = new(
        "没有符合条件的投递。通知在管理员配置了邮件或群机器人后才会投递到这些渠道。",
        "No deliveries match. Notifications go out by email or group robots once an admin has set those channels up.");
    public static readonly Localized RemovedChannel = new("（已删除的渠道）", "(removed channel)");

    public static Localized Label(this DeliveryStatus status) => status switch
    {
        DeliveryStatus.Pending => new("等待发送", "Waiting"),
        DeliveryStatus.Sent => new("已发送", "Sent"),
        _ => new("失败", "Failed"),
    };
}
