using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain;

/// <summary>
/// Every message a broken rule, a refused role or a lost race produces, from the domain and from the services that
/// enforce rules needing the database (Data, Web/Auth), written once in both languages. A translator finds the
/// product's words here (rules) and in Web/Texts (screens); docs/translation.md says how to add one.
/// </summary>
public static partial class RuleTexts
{
    // Roles: what a person whose role does not allow the change is told (403, or a notice in the UI).
    public static readonly Localized RepCreatesOwnDeals = new("销售代表只能为自己创建商机。", "A rep can create deals only for themselves.");
    public static readonly Localized OnlyManagersReassign = new("只有经理和管理员可以更换负责人。", "Only managers and admins can reassign a deal.");
    public static readonly Localized OnlyManagersCoach = new("只有经理和管理员可以写辅导意见。", "Only managers and admins can add coaching notes.");
    public static readonly Localized OnlyManagersHoldReviews = new("只有经理和管理员可以召开评审会。", "Only managers and admins can hold a review.");
    public static readonly Localized OnlyOwnerCompletesAction = new("只有负责人或经理可以完成这项行动。", "Only its owner or a manager can mark this action done.");
    public static readonly Localized RepReadsOwnActions = new("销售代表只能查看自己的行动项。", "A rep can read only their own action items.");
    public static readonly Localized RepChangesOwnDeals = new("销售代表只能修改自己负责的商机。", "A rep can change only the deals they own.");
    public static readonly Localized OnlyAdminsEditPlaybook = new("只有管理员可以修改剧本。", "Only an admin can change the playbook.");
    public static readonly Localized OnlyAdminsManageUsers = new("只有管理员可以管理用户。", "Only admins can manage users.");

    // A deal's state and history.
    public static readonly Localized ChangedWhileSaving = new("保存时这个商机被别人修改了。", "The deal was changed by someone else while you were saving.");
    public static readonly Localized AlreadyOnHold = new("这个商机已经暂停。", "The deal is already on hold.");
    public static readonly Localized OnlyHeldResume = new("只有暂停中的商机可以恢复。", "Only a deal on hold can be resumed.");
    public static readonly Localized OnlyClosedReopen = new("只有赢单或丢单的商机可以重新打开。", "Only a won or lost deal can be reopened.");
    public static readonly Localized WonReopenFirst = new("这个商机已赢单；修改前请先重新打开。", "The deal is won; reopen it before changing it.");
    public static readonly Localized LostReopenFirst = new("这个商机已丢单；修改前请先重新打开。", "The deal is lost; reopen it before changing it.");
    public static readonly Localized AlreadyOwner = new("这个商机的负责人已经是此人。", "The deal already has this owner.");
    public static readonly Localized ChangeInFuture = new("变化的发生时间不能晚于现在。", "The change cannot have happened in the future.");
    public static readonly Localized ActivityInFuture = new("活动的发生时间不能晚于现在。", "The activity cannot have happened in the future.");

    /// <summary>What is dated, for <see cref="DatedBeforeStart"/>.</summary>
    public static readonly Localized AChange = new("变化", "A change");

    /// <inheritdoc cref="AChange"/>
    public static readonly Localized AnActivity = new("活动", "An activity");

    /// <summary>The caller sent a version of the deal that is no longer current.</summary>
    public static Localized StaleVersion(int sent, int current) => new(
        $"这个商机已被别人修改（你提交的版本是 {sent}，现在是 {current}）。",
        $"The deal was changed by someone else (you sent version {sent}, it is now {current}).");

    public static Localized LevelOffLadder(Localized factor, int maxLevel, int level) => new(
        $"{factor.Zh}的等级是 0 到 {maxLevel}；{level} 不在阶梯上。",
        $"{factor.En} has levels 0 to {maxLevel}; {level} is outside the ladder.");

    public static Localized LevelUnchanged(Localized factor, int level) => new(
        $"{factor.Zh}已经在 {level} 级；变化必须改变等级。",
        $"{factor.En} is already at level {level}; a change must move it.");

    /// <param name="at">The factor's latest change, as text (ISO).</param>
    public static Localized BeforeLatestChange(Localized factor, string at) => new(
        $"{factor.Zh}上一次变化在 {at}；新的变化不能早于它。",
        $"{factor.En} last changed at {at}; a change cannot be dated before it.");

    /// <param name="day">The earliest recorded day, as text (yyyy-MM-dd).</param>
    public static Localized StartAfterRecordedWork(string day) => new(
        $"这个商机最早的检查点变化或活动发生在 {day}；开始日期不能晚于它。",
        $"The deal's earliest checkpoint change or activity is dated {day}; the start date cannot be after it.");

    /// <param name="day">The deal's start date, as text (yyyy-MM-dd).</param>
    /// <param name="what"><see cref="AChange"/> or <see cref="AnActivity"/>.</param>
    public static Localized DatedBeforeStart(string day, Localized what) => new(
        $"这个商机开始于 {day}；{what.Zh}不能早于这一天。",
        $"The deal started on {day}; {what.En.ToLowerInvariant()} cannot be dated before it.");

    public static Localized NoActivePerson(Guid id) => new($"没有 id 为 {id} 的在职人员。", $"No active person has the id {id}.");

    // Reviews and action items.
    public static readonly Localized ReviewInFuture = new("评审日期不能晚于今天。", "A review cannot be held in the future.");
    public static readonly Localized ReviewWindowAfterReview = new("评审的起始日期不能晚于评审日期。", "The review's window cannot start after the day it was held.");
    public static readonly Localized NameAnAttendee = new("请至少选择一位参会人。", "Name at least one attendee.");
    public static readonly Localized DealNoteBlank = new("商机备注不能为空。", "A deal's note cannot be blank.");
    public static readonly Localized SayWhatToDo = new("请写下要做的事。", "Say what is to be done.");
    public static readonly Localized DueBeforeReview = new("截止日期不能早于评审日期。", "The due date cannot be before the review.");
    public static readonly Localized WindowStartsAfterToday = new("起始日期不能晚于今天。", "The window cannot start after today.");
    public static readonly Localized WindowEndsBeforeStart = new("结束日期不能早于起始日期。", "The window cannot end before it starts.");
    public static readonly Localized AttendeeNotActive = new("参会人必须是在职人员。", "An attendee must be an active person.");
    public static readonly Localized NoSuchDeal = new("没有这个商机。", "There is no such deal.");
    public static readonly Localized ActionOwnerNotActive = new("行动的负责人必须是在职人员。", "An action's owner must be an active person.");

    // Dates.

    /// <summary>A date outside the product's range (<see cref="DateLimits"/>), naming the field by its API name.</summary>
    public static Localized DateOutOfRange(string field, string earliest, string latest) => new(
        $"'{field}' 必须在 {earliest} 到 {latest} 之间。",
        $"'{field}' must be between {earliest} and {latest}.");

    // The playbook (the store's checks; the playbook's own rules are in RuleTexts.Playbook.cs).
    public static Localized PlaybookChanged(int current) => new(
        $"剧本已被他人修改，当前是第 {current} 版。请重新加载后再编辑。",
        $"The playbook was changed by someone else; version {current} is now the current one. Reload it and edit again.");

    /// <param name="count">How many deals stand above the ladder's new end.</param>
    /// <param name="named">Up to a few of them, as "customer · title".</param>
    /// <param name="rest">How many more there are than <paramref name="named"/>.</param>
    public static Localized DealsAboveLadder(int count, Localized factor, int maxLevel, IReadOnlyList<string> named, int rest) => new(
        $"有 {count} 个商机在{factor.Zh}上高于 {maxLevel} 级，阶梯不能止于 {maxLevel} 级：{string.Join("、", named)}{(rest > 0 ? $"，另有 {rest} 个" : "")}。",
        $"{count} {(count == 1 ? "deal stands" : "deals stand")} above {factor.En} level {maxLevel}, so the ladder cannot end there: {string.Join("; ", named)}{(rest > 0 ? $"; and {rest} more" : "")}.");

    // People and passwords (UserAccounts, CommonPasswords).
    public static readonly Localized EmailTaken = new("已有人使用这个邮箱。", "Someone already has this email.");
    public static readonly Localized NotYourself = new("不能更改自己的角色或启用状态，请另一位管理员操作。",
        "You cannot change your own role or disable or enable yourself; another admin can.");

    public static Localized LastAdmin(string name) => new(
        $"{name} 是唯一在用的管理员，不能停用或降级；请先让另一人成为管理员。",
        $"{name} is the only active admin and cannot be disabled or demoted; make someone else an admin first.");

    public static readonly Localized CommonPassword = new(
        "这个密码太常见，容易被猜到。请用几个不相关的词加数字组成更长的密码。",
        "This password is commonly used and easy to guess. Use a longer one, e.g. a few unrelated words and digits.");

    public static readonly Localized PasswordContainsEmail = new(
        "密码不能包含邮箱的用户名部分。", "The password must not contain the name part of the email.");

    // The parts of the password policy a password misses, joined by PasswordNeeds.
    public static readonly Localized PasswordLength = new("至少 10 个字符", "at least 10 characters");
    public static readonly Localized PasswordDigit = new("至少一个数字", "a digit");
    public static readonly Localized PasswordLower = new("至少一个小写字母", "a lowercase letter");
    public static readonly Localized PasswordUniqueChars = new("至少 4 个不同的字符", "4 different characters");

    public static Localized PasswordNeeds(IReadOnlyList<Localized> missing) => new(
        "密码需要：" + string.Join("、", missing.Select(m => m.Zh)) + "。",
        "The password needs " + string.Join(", ", missing.Select(m => m.En)) + ".");
}
