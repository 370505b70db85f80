using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

public static partial class Ui
{
    public static readonly Localized Review = new("评审", "Review");
    public static readonly Localized MyActions = new("我的行动", "My actions");
    public static readonly Localized ReviewTitle = new("管道评审", "Pipeline review");
    public static readonly Localized SinceLastReview = new("自上次评审（{0}）以来", "Since the last review on {0}");
    public static readonly Localized SinceDate = new("自 {0} 以来", "Since {0}");
    public static readonly Localized NoReviewYet = new("还没有召开过评审，默认显示最近 7 天。", "No review has been held yet: the window is the last 7 days.");
    public static readonly Localized WindowStart = new("起始日期", "From");
    public static readonly Localized TeamTotals = new("团队本期合计", "The team in this window");
    public static readonly Localized TotalAdvanced = new("前进的等级", "Levels advanced");
    public static readonly Localized TotalAdvancingChanges = new("向上的变化（次数）", "Upward changes (count)");

    /// <summary>What "advanced" means, worded once and shown on both the review and the insights page (METHOD.md, "Precise readings").</summary>
    public static readonly Localized AdvancedMeaning = new(
        "“前进”是向上变化获得的等级数：一次变化把需求从 0 提到 3 算 3 级。评审和洞察页上的“前进”是同一个数。",
        "“Advanced” is levels gained by upward changes: need 0 → 3 in one change counts three. The review and the insights page count it the same way.");
    public static readonly Localized ReviewDefinitionChanges = new(
        "向上的变化：获得这些等级用了多少次检查点变化。倒退的检查点：向下的变化次数。变化按记录时间归入时间范围（公司时区的日历日）。",
        "Upward changes: how many checkpoint changes gained those levels. Checkpoints regressed: the number of downward changes. A change belongs to the window by when it was recorded (calendar days in the company's time zone).");
    public static readonly Localized ReviewDefinitionNewly = new(
        "新停滞、新忙而不进：在时间范围结束时有此信号、开始时没有；两端都按当时已记录的历史、用与看板相同的规则判断（结束于今天的范围结束于现在）。",
        "Newly stalled, newly busy but stuck: flagged at the window's end and not at its start, each end read by the board's rules from the history as it had been recorded by then (a window ending today ends now).");
    public static readonly Localized TotalRegressed = new("倒退的检查点", "Checkpoints regressed");
    public static readonly Localized TotalNewDeals = new("新商机", "New deals");
    public static readonly Localized TotalWon = new("赢单", "Won");
    public static readonly Localized TotalLost = new("丢单", "Lost");
    public static readonly Localized TotalNewlyStalled = new("新停滞", "Newly stalled");
    public static readonly Localized TotalNewlyBusy = new("新忙而不进", "Newly busy but stuck");
    public static readonly Localized DealsToDiscuss = new("本次讨论的商机（倒退 → 新停滞 → 按金额）", "Deals to discuss (regressions → newly stalled → by value)");
    public static readonly Localized NothingInWindow = new("这段时间没有商机变化，也没有未完成的行动。可以换一个起始日期。",
        "Nothing changed in this window and no action is open. Try an earlier start date.");
    public static readonly Localized StartReview = new("开始评审", "Start the review");
    public static readonly Localized KeysHint = new("← → 翻页 · Esc 回到看板 · F 全屏", "← → page · Esc back to the board · F full screen");
    public static readonly Localized DarkMode = new("深色", "Dark");
    public static readonly Localized LightMode = new("浅色", "Light");
    public static readonly Localized FullScreen = new("全屏", "Full screen");
    public static readonly Localized PreviousDeal = new("上一个", "Previous");
    public static readonly Localized NextDeal = new("下一个", "Next");
    public static readonly Localized Overview = new("概览", "Overview");
    public static readonly Localized DealPosition = new("第 {0} / {1} 个", "{0} of {1}");
    public static readonly Localized CheckpointChanges = new("本期检查点变化", "Checkpoint changes in this window");
    public static readonly Localized NoCheckpointChanges = new("本期没有检查点变化。", "No checkpoint changed in this window.");
    public static readonly Localized ChangeBy = new("{0} · {1}", "{0} · {1}");
    public static readonly Localized NewDealBadge = new("新商机", "New deal");
    public static readonly Localized RegressedBadge = new("倒退", "Regressed");
    public static readonly Localized NewlyStalledBadge = new("新停滞", "Newly stalled");
    public static readonly Localized NewlyBusyBadge = new("新忙而不进", "Newly busy but stuck");
    public static readonly Localized OpenActions = new("未完成的行动", "Open action items");
    public static readonly Localized NoOpenActions = new("没有未完成的行动。", "No open action items.");
    public static readonly Localized ReviewNote = new("评审备注", "Review note");
    public static readonly Localized AddAction = new("添加行动", "Add action item");
    public static readonly Localized ActionOwner = new("负责人", "Owner");
    public static readonly Localized ActionText = new("要做的事", "What to do");
    public static readonly Localized DueOn = new("截止日期", "Due");
    public static readonly Localized ActionTextRequired = new("请写下要做的事。", "Say what is to be done.");
    public static readonly Localized AddedInReview = new("本次评审新增", "Added in this review");
    public static readonly Localized RemoveAction = new("删除", "Remove");
    public static readonly Localized HoldReview = new("召开评审", "Hold the review");
    public static readonly Localized HoldReviewIntro = new("保存后，备注和行动项会记入评审记录，行动项出现在商机页和负责人的“我的行动”中。",
        "Saving records the notes and action items; each action shows on its deal and on its owner's \"My actions\".");
    public static readonly Localized Attendees = new("参会人", "Attendees");
    public static readonly Localized HeldOn = new("评审日期", "Held on");
    public static readonly Localized ReviewSummaryNote = new("会议总结（可选）", "Meeting note (optional)");
    public static readonly Localized SaveReview = new("保存评审", "Save the review");
    public static readonly Localized NotesAndActions = new("{0} 条备注，{1} 个行动项", "{0} notes, {1} action items");
    public static readonly Localized Print = new("打印", "Print");
    public static readonly Localized ReviewSummary = new("评审摘要", "Review summary");
    public static readonly Localized ReviewNotFound = new("没有找到这次评审。", "There is no such review.");
    public static readonly Localized Window = new("时间范围", "Window");
    public static readonly Localized HeldBy = new("主持人", "Held by");
    public static readonly Localized DealNotes = new("商机备注", "Deal notes");
    public static readonly Localized ActionItems = new("行动项", "Action items");
    public static readonly Localized MarkDone = new("完成", "Mark done");
    public static readonly Localized ActionMarkedDone = new("行动已完成。", "Marked done.");
    public static readonly Localized DueDate = new("截止 {0}", "Due {0}");
    public static readonly Localized Overdue = new("已逾期", "Overdue");
    public static readonly Localized FromReview = new("来自 {0} 的评审", "From the review on {0}");
    public static readonly Localized NoMyActions = new("你没有未完成的行动。评审会上分配给你的行动会出现在这里。",
        "You have no open action items. Actions given to you in a review show here.");
    public static readonly Localized NoDealActions = new("这个商机没有未完成的行动。", "This deal has no open action items.");
}
