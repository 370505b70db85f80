using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain;

// A person's notification settings (issue 17 §4; Data/Notifications/NotificationPreferences.cs).
public static partial class RuleTexts
{
    /// <summary>Email chosen for an event while the person's address is not confirmed: the outbox would never send it.</summary>
    public static Localized ConfirmEmailFirst(string email) => new(
        $"请先确认你的邮箱：{email} 尚未确认。点击“发送确认邮件”，打开邮件中的链接后再选择邮件。",
        $"Confirm your email first: {email} is not confirmed yet. Use “Send confirmation email”, open the link in it, then choose email.");

    /// <summary>Someone (another tab, another device) saved the settings since they were read.</summary>
    public static readonly Localized NotificationSettingsChanged = new(
        "你的通知设置刚在别处被修改过，这次没有保存。下面是现在的设置；确认后可以再次保存。",
        "Your notification settings were changed elsewhere; this save did not go through. Below are the current settings; check them and save again.");
}
