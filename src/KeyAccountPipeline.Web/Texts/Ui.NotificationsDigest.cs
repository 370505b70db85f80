using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

/// <summary>The weekly ladder digest's words (issue 17 §3): subject, sections and the lines of each item.</summary>
public static partial class Ui
{
    public static readonly Localized DigestTitle = new("每周阶梯简报（{0}）", "Weekly ladder digest, week of {0}");
    public static readonly Localized DigestTitleWithCounts = new("{0}：{1}", "{0}: {1}");
    public static readonly Localized DigestGreeting = new("{0}，你好！下面是本周需要你关注的商机和行动。",
        "Hello {0}, here is what needs you this week.");
    public static readonly Plural DigestStuckCount = new("{0} 个商机卡住", "{0} stuck {0:deal|deals}");
    public static readonly Plural DigestActionCount = new("{0} 项行动未完成", "{0} open action {0:item|items}");
    public static readonly Plural DigestRegressionCount = new("{0} 次倒退", "{0} {0:regression|regressions}");
    public static readonly Plural DigestNewlyStalledCount = new("{0} 个新停滞", "{0} newly stalled");
    public static readonly Plural DigestOverdueCount = new("{0} 项行动逾期", "{0} overdue action {0:item|items}");
    public static readonly Localized DigestYourStuckDeals = new("你卡住的商机（{0}）", "Your stuck deals ({0})");
    public static readonly Localized DigestNothingStuck = new("本周你没有停滞或忙而不进的商机。", "None of your deals is stalled or busy but stuck this week.");
    public static readonly Localized DigestFlagLine = new("{0} {1}：{2}", "{0} {1}: {2}");
    public static readonly Localized DigestNextCheckpoint = new("下一个检查点（{0}）：{1}", "Next checkpoint ({0}): {1}");
    public static readonly Localized DigestLaddersFull = new("五个要素都已到顶：去签合同吧。", "Every ladder is full: go and get the signature.");
    public static readonly Localized DigestAsk = new("要问的问题：{0}", "Question to ask: {0}");
    public static readonly Localized DigestOpenDeal = new("打开商机", "Open the deal");
    public static readonly Localized DigestYourActions = new("你的未完成行动（{0}）", "Your open action items ({0})");
    public static readonly Localized DigestDue = new("{0} 到期 · {1}：{2}", "Due {0} · {1}: {2}");
    public static readonly Localized DigestOverdueItem = new("⚠ 已逾期（{0} 到期）· {1}：{2}", "⚠ Overdue (due {0}) · {1}: {2}");
    public static readonly Localized DigestTeamOverdueItem = new("⚠ {0} 到期 · {1} · {2}：{3}", "⚠ Due {0} · {1} · {2}: {3}");
    public static readonly Localized DigestOpenMyActions = new("打开我的行动", "Open My actions");
    public static readonly Localized DigestTeam = new("团队：{0}", "The team: {0}");
    public static readonly Localized DigestSinceLastReview = new("自上次评审（{0}）以来", "since the last review on {0}");
    public static readonly Localized DigestSinceDate = new("还没有召开过评审，自 {0} 以来", "no review held yet, since {0}");
    public static readonly Localized DigestRegressions = new("倒退（{0}）", "Regressions ({0})");
    public static readonly Localized DigestRegressionItem = new("{0} · {1}（{2}）：{3} {4} → {5}，{6} 记录：“{7}”", "{0} · {1} ({2}): {3} {4} → {5}, by {6}: “{7}”");
    public static readonly Localized DigestNewlyStalled = new("新停滞（{0}）", "Newly stalled ({0})");
    public static readonly Localized DigestStalledItem = new("{0} · {1}（{2}）· {3}", "{0} · {1} ({2}) · {3}");
    public static readonly Localized DigestOverdue = new("逾期的行动（{0}）", "Overdue action items ({0})");
    public static readonly Localized DigestTeamQuiet = new("没有倒退，没有新停滞的商机，也没有逾期的行动。", "Nothing regressed or newly stalled, and no action item is overdue.");
    public static readonly Localized DigestOpenReview = new("打开评审模式", "Open review mode");
    public static readonly Localized DigestOpenBoard = new("打开看板", "Open the board");
    public static readonly Plural DigestMore = new("……还有 {0} 项，请打开链接查看。", "…and {0} more: open the link to see {0:it|them}.");
}
