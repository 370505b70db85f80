using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

public static partial class Ui
{
    public static readonly Localized CircuitClosed = new(
        "你在超过 {0} 个标签页或设备上打开了本应用，这个页面已被关闭。刷新即可在这里继续。",
        "This page was closed because you opened the app in more than {0} tabs or devices. Reload to continue here.");

    public static readonly Localized SignInEndedPassword = new(
        "你的登录已失效：管理员重置了你的密码。请用新密码重新登录；未保存的输入会在你重新打开对话框时放回。",
        "Your sign-in is no longer valid: an administrator reset your password. Sign in with the new password; anything you had not saved is offered back when you open its dialog again.");
    public static readonly Localized SignInEndedDisabled = new("你的登录已失效：你的账号已被停用。", "Your sign-in is no longer valid: your account was disabled.");
    public static readonly Localized SignInEndedRole = new(
        "你的登录已失效：管理员变更了你的角色。请重新登录；未保存的输入会在你重新打开对话框时放回。",
        "Your sign-in is no longer valid: an administrator changed your role. Sign in again; anything you had not saved is offered back when you open its dialog again.");
    public static readonly Localized SignInEndedLifetime = new("你的登录已失效：已到期。请重新登录。", "Your sign-in is no longer valid: it has expired. Sign in again.");

    /// <summary>Why the sign-in ended, as the page that closed found it (SessionGuard.WhyEndedAsync); the general words when not known.</summary>
    public static string SignInEnded(string? why) => (why switch
    {
        "password" => SignInEndedPassword,
        "disabled" => SignInEndedDisabled,
        "role" => SignInEndedRole,
        "lifetime" => SignInEndedLifetime,
        _ => SignedOutByRevalidation,
    }).Current;
}
