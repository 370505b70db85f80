using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

/// <summary>The admin's channels page and the channel rules' messages (issue 17 §4): the SMTP server and the group robots.</summary>
public static partial class Ui
{
    public static readonly Localized Channels = new("通知渠道", "Notification channels");
    /// <summary>The admin's one bar item for the channels and the delivery log: short, so the admin's bar stays on one line at 1366 px.</summary>
    public static readonly Localized ChannelsNav = new("通知", "Channels");
    public static readonly Localized ChannelsIntro = new(
        "邮件服务器和企业微信、钉钉、飞书群机器人。地址和密钥加密保存，只显示末尾几位；留空表示保留原值。",
        "The mail server and the WeCom, DingTalk and Feishu group robots. Addresses and secrets are stored encrypted and shown only by their last characters; leave one empty to keep it.");
    public static readonly Localized NoChannels = new("还没有渠道。用“添加渠道”配置邮件服务器或群机器人。", "No channels yet. Use \"Add a channel\" to set up the mail server or a group robot.");
    public static readonly Localized AddChannel = new("添加渠道", "Add a channel");
    public static readonly Localized EditChannel = new("编辑渠道", "Edit channel");
    public static readonly Localized ChannelKindLabel = new("类型", "Kind");
    public static readonly Localized ChannelNameLabel = new("名称", "Name");
    public static readonly Localized ChannelEnabledLabel = new("启用", "Enabled");
    public static readonly Localized ChannelDisabled = new("已停用", "Disabled");
    public static readonly Localized ChannelEveryone = new("所有人", "Everyone");
    public static readonly Localized ChannelChosenPeople = new("指定人员", "Chosen people");
    public static readonly Localized ChannelPeopleLabel = new("人员", "People");
    public static readonly Localized WebhookUrlLabel = new("Webhook 地址", "Webhook URL");
    public static readonly Localized SigningSecretLabel = new("加签密钥", "Signing secret");
    public static readonly Localized SmtpHostLabel = new("SMTP 服务器", "SMTP host");
    public static readonly Localized SmtpPortLabel = new("端口", "Port");
    public static readonly Localized SmtpTlsLabel = new("加密方式", "TLS");
    public static readonly Localized SmtpAccountLabel = new("账号", "Account");
    public static readonly Localized SmtpPasswordLabel = new("密码", "Password");
    public static readonly Localized SmtpSenderLabel = new("发件人邮箱", "Sender address");
    public static readonly Localized KeepStored = new("已保存，留空则保留", "Stored; leave empty to keep it");
    public static readonly Localized ChannelSaved = new("已保存渠道“{0}”。", "Channel \"{0}\" saved.");
    public static readonly Localized ChannelChanged = new("此渠道已被他人修改，已载入最新内容；请重新修改。", "Someone else changed this channel; its current values are loaded. Make your change again.");
    public static readonly Localized SendTest = new("发送测试消息", "Send test message");
    public static readonly Localized TestSent = new("测试消息已发送。", "Test message sent.");
    public static readonly Localized TestNotSent = new("测试消息未发送：{0}", "Test message not sent: {0}");
    public static readonly Localized TestSubject = new("测试消息：通知渠道已连通", "Test message: the notification channel works");
    public static readonly Localized TestBody = new("这是一条来自大客户推进看板的测试消息。", "This is a test message from the key account pipeline.");
    public static readonly Localized Edit = new("编辑", "Edit");

    public static readonly Localized WebhookNotHttp = new("Webhook 地址必须是完整的 http(s) 地址。", "The webhook URL must be an absolute http(s) address.");
    public static readonly Localized WebhookIsThisApp = new("Webhook 地址不能指向本应用自身。", "The webhook URL must not point at this app itself.");
    public static readonly Localized WebhookRequired = new("请填写 Webhook 地址。", "Enter the webhook URL.");
    public static readonly Localized SecretHasSpaces = new("密钥不能包含空格。", "The secret must not contain spaces.");
    public static readonly Localized SecretRequired = new("钉钉和飞书机器人需要加签密钥。", "DingTalk and Feishu robots need their signing secret.");
    public static readonly Localized PasswordRequiredForAccount = new("填写了账号时必须填写密码。", "A password is required when an account is set.");
    public static readonly Localized HostRequired = new("请填写 SMTP 服务器。", "Enter the SMTP host.");
    public static readonly Localized SenderInvalid = new("发件人必须是有效的邮箱地址。", "The sender must be a valid email address.");
    public static readonly Localized PortRange = new("端口必须在 1 到 65535 之间。", "The port must be from 1 to 65535.");
    public static readonly Localized OneMailServer = new("已有邮件服务器，请编辑它。", "There is already a mail server; edit it instead.");
    public static readonly Localized KindCannotChange = new("渠道类型不能修改。", "A channel's kind cannot change.");
    public static readonly Localized UnknownPeople = new("所选人员不存在。", "A chosen person does not exist.");
}
