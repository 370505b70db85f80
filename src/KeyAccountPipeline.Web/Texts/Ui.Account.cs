using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

public static partial class Ui
{
    public static readonly Localized SignIn = new("登录", "Sign in");
    public static readonly Localized SignOut = new("退出登录", "Sign out");
    /// <summary>
    /// The one answer to every failed sign-in: a wrong password, an unknown email, a locked or disabled account. Telling
    /// a locked account apart would tell that the email has one; the message says what may have happened.
    /// </summary>
    public static readonly Localized SignInFailed = new(
        "邮箱或密码不正确。登录失败次数过多时账号会锁定几分钟；如果一直无法登录，请联系管理员。",
        "The email or password is not correct. Too many failed attempts lock an account for a few minutes; if this keeps happening, ask an admin.");

    /// <summary>What a page of a person whose access changed shows before it closes, and what a refused save says.</summary>
    public static readonly Localized AccessChanged = new("你的权限已变更，请重新登录。", "Your access changed; sign in again.");

    /// <summary>What a page of a session that was signed out (in this tab or another) shows before it closes.</summary>
    public static readonly Localized SignedOutSignInAgain = new("你已退出登录，请重新登录。", "You signed out; sign in again.");

    public static readonly Localized SignInFirst = new("请先登录。", "Sign in first.");

    /// <summary>Each language's own name, the same on every screen: the links a person picks their language by.</summary>
    public static readonly Localized OwnNames = new("中文", "English");

    public static readonly Localized SignInIntro = new("用工作邮箱登录。", "Sign in with your work email.");
    public static readonly Localized EmailLabel = new("邮箱", "Email");
    public static readonly Localized PasswordLabel = new("密码", "Password");
    public static readonly Localized SignedOutByRevalidation = new("你的登录已失效（账号被停用或角色已变更），请重新登录。",
        "Your sign-in is no longer valid (the account was disabled or its role changed). Sign in again.");
    public static readonly Localized DemoAccounts = new("演示账号（密码均为 {0}）：", "Demo accounts (password {0} for all):");
    public static readonly Localized TooManyRequests = new("请求过于频繁，请 {0} 秒后再试。", "Too many requests. Try again in {0} seconds.");
    public static readonly Localized DemoDataBanner = new("演示数据：这里的账号和商机都是虚构的，演示账号的密码是公开的。不要在这里存放真实数据。",
        "Demo data: the accounts and deals here are made up, and the demo accounts' password is public. Do not keep real data here.");
    public static readonly Localized NotAllowed = new("你没有权限执行这个操作。", "You are not allowed to do this.");
    public static readonly Localized NotAllowedTitle = new("没有权限", "Not allowed");
    public static readonly Localized NotAllowedPage = new("你的角色（{0}）不能打开这个页面。如果你需要它，请联系管理员。",
        "Your role ({0}) may not open this page. If you need it, ask an admin.");
    public static readonly Localized ReadOnlyDeal = new("这是 {0} 负责的商机：你可以查看，但只有负责人和经理可以修改。",
        "This deal belongs to {0}: you can read it, but only its owner and managers can change it.");

    public static readonly Localized RepOwnsNewDeals = new("销售代表创建的商机由自己负责。", "A rep's new deals are their own.");

    public static readonly Localized Reassign = new("更换负责人", "Reassign");
    public static readonly Localized ReassignTitle = new("更换“{0}”的负责人", "Reassign “{0}”");
    public static readonly Localized NewOwnerLabel = new("新负责人", "New owner");
    public static readonly Localized Reassigned = new("负责人已改为 {0}", "Now owned by {0}");
    public static readonly Localized CoachingNotes = new("辅导意见", "Coaching notes");
    public static readonly Localized AddCoachingNote = new("写辅导意见", "Add coaching note");
    public static readonly Localized CoachingNoteTitle = new("给“{0}”的辅导意见", "Coaching note on “{0}”");
    public static readonly Localized CoachingNoteLabel = new("意见", "Note");
    public static readonly Localized CoachingNoteHelp = new("下一步该推动哪个检查点？该找谁？负责人和团队都能看到。",
        "Which checkpoint to push next, whom to meet? The owner and the team will see it.");
    public static readonly Localized CoachingSaved = new("辅导意见已保存", "Coaching note saved");
    public static readonly Localized NoCoachingNotes = new("还没有辅导意见。", "No coaching notes yet.");

    public static Localized Label(this Role role) => role switch
    {
        Role.Rep => new("销售代表", "Rep"),
        Role.Manager => new("经理", "Manager"),
        Role.Admin => new("管理员", "Admin"),
        _ => new(role.ToString(), role.ToString()),
    };

    public static string Name(this Role role) => role.Label().Current;
}
