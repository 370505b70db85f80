using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

/// <summary>The admin's users page: people, their roles and sign-ins.</summary>
public static partial class Ui
{
    public static readonly Localized Users = new("用户", "Users");
    public static readonly Localized UsersIntro = new(
        "管理可以登录的人员：角色决定权限；停用后立即无法登录，已打开的页面在 5 分钟内退出。",
        "Who can sign in: the role decides what they may do; a disabled person cannot sign in, and their open pages sign out within 5 minutes.");
    public static readonly Localized PersonNameLabel = new("姓名", "Name");
    public static readonly Localized SignInLabel = new("登录", "Sign-in");
    public static readonly Localized ActionsLabel = new("操作", "Actions");
    public static readonly Localized ActiveState = new("正常", "Active");
    public static readonly Localized DisabledState = new("已停用", "Disabled");
    public static readonly Localized LockedUntil = new("锁定至 {0}", "Locked until {0}");
    public static readonly Localized NoSignIn = new("无登录账号", "No sign-in");
    public static readonly Localized You = new("（你）", "(you)");
    public static readonly Localized NoPeople = new("还没有人员。用上面的表单添加第一位。", "No people yet. Add the first one with the form above.");

    public static readonly Localized AddPerson = new("添加人员", "Add a person");
    public static readonly Localized AddPersonButton = new("添加", "Add");
    public static readonly Localized InitialPasswordLabel = new("初始密码", "Initial password");
    public static readonly Localized PasswordPolicy = new(
        "至少 10 个字符，含数字和小写字母，至少 4 个不同字符。请当面或电话告知本人。",
        "At least 10 characters with a digit and a lowercase letter, 4 different characters. Tell the person in person or by phone.");
    public static readonly Localized InvalidEmail = new("请输入有效的邮箱地址。", "Enter a valid email address.");
    public static readonly Localized PersonAdded = new("已添加 {0}，现在可以用 {1} 登录。", "{0} added; they can sign in with {1} now.");

    public static readonly Localized ChangeRoleOf = new("{0} 的角色", "Role of {0}");
    public static readonly Localized RoleChanged = new("{0} 现在是{1}；其已打开的会话需重新登录。", "{0} is now {1}; their open sessions must sign in again.");

    public static readonly Localized Disable = new("停用", "Disable");
    public static readonly Localized Enable = new("启用", "Enable");
    public static readonly Localized DisableTitle = new("停用 {0}？", "Disable {0}?");
    public static readonly Localized DisableConfirm = new(
        "{0} 将无法登录，API 令牌立即失效，已打开的页面在 5 分钟内退出。商机和历史记录保持不变，之后可以重新启用。",
        "{0} will not be able to sign in; their API tokens stop working at once and open pages sign out within 5 minutes. Deals and history stay; you can enable them again later.");
    public static readonly Localized EnableTitle = new("启用 {0}？", "Enable {0}?");
    public static readonly Localized EnableConfirm = new("{0} 将可以用原密码再次登录。", "{0} will be able to sign in again with their password.");
    public static readonly Localized PersonDisabled = new("已停用 {0}。", "{0} is disabled.");
    public static readonly Localized PersonEnabled = new("已启用 {0}。", "{0} is enabled.");

    public static readonly Localized ResetPassword = new("重置密码", "Reset password");
    public static readonly Localized ResetPasswordOf = new("重置 {0} 的密码", "Reset the password of {0}");
    public static readonly Localized NewPasswordLabel = new("新密码", "New password");
    public static readonly Localized PasswordReset = new("{0} 的密码已重置；其已打开的会话需重新登录。", "The password of {0} is reset; their open sessions must sign in again.");
    public static readonly Localized OwnAccountNote = new(
        "这是你自己的账号：角色和启用状态由另一位管理员更改。", "This is you: another admin changes your role or disables you.");
    public static readonly Localized OnlyActiveAdminNote = new(
        "你是唯一在用的管理员：先让另一人成为管理员，之后由其更改你的角色或状态。",
        "You are the only active admin: make someone else an admin first; they can then change your role or state.");
    public static readonly Localized Unlock = new("解锁", "Unlock");
    public static readonly Localized UnlockTitle = new("解锁 {0}？", "Unlock {0}?");
    public static readonly Localized UnlockConfirm = new(
        "{0} 因多次登录失败被锁定至 {1}。解锁后可以立即用原密码登录。",
        "{0} is locked until {1} after too many failed sign-ins. Once unlocked, they can sign in with their password at once.");
    public static readonly Localized PersonUnlocked = new("已解锁 {0}，现在可以登录。", "{0} is unlocked and can sign in now.");
    public static readonly Localized UnlockDisabledPerson = new(
        "此人已停用：停用本身就阻止登录，请用“启用”。", "This person is disabled, which is what keeps them from signing in: use Enable instead.");
    public static readonly Localized ChangeRoleTitle = new("更改 {0} 的角色？", "Change the role of {0}?");
    public static readonly Localized ChangeRoleConfirm = new(
        "{0} 将从{1}变为{2}。其已打开的会话需要重新登录。",
        "{0} goes from {1} to {2}. Their open sessions must sign in again.");
    public static readonly Localized ChangeRoleButton = new("更改角色", "Change role");
    public static readonly Localized PersonGone = new("这个人已不存在，列表已刷新。", "This person no longer exists; the list is refreshed.");
}
