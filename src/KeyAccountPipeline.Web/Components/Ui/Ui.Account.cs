using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Components.Ui;

public static partial class Ui
{
    public static readonly Localized SignIn = new("登录", "Sign in");
    public static readonly Localized SignOut = new("退出登录", "Sign out");
    public static readonly Localized SignInIntro = new("用工作邮箱登录。", "Sign in with your work email.");
    public static readonly Localized EmailLabel = new("邮箱", "Email");
    public static readonly Localized PasswordLabel = new("密码", "Password");
    public static readonly Localized SignedOutByRevalidation = new("你的登录已失效（账号被停用或角色已变更），请重新登录。",
        "Your sign-in is no longer valid (the account was disabled or its role changed). Sign in again.");
    public static readonly Localized DemoAccounts = new("演示账号（密码均为 {0}）：", "Demo accounts (password {0} for all):");
    public static readonly Localized NotAllowed = new("你没有权限执行这个操作。", "You are not allowed to do this.");
    public static readonly Localized ReadOnlyDeal = new("这是 {0} 负责的商机：你可以查看，但只有负责人和经理可以修改。",
        "This deal belongs to {0}: you can read it, but only its owner and managers can change it.");

    public static readonly Localized RepOwnsNewDeals = new("销售代表创建的商机由自己负责。", "A rep's new deals are their own.");

    public static string Name(this Role role) => Pick(role switch
    {
        Role.Rep => "销售代表|Rep",
        Role.Manager => "经理|Manager",
        Role.Admin => "管理员|Admin",
        _ => role.ToString(),
    });
}
