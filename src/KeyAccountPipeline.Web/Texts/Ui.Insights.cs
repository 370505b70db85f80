using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

public static partial class Ui
{
    public static readonly Localized Insights = new("洞察", "Insights");
    public static readonly Localized InsightsIntro = new(
        "整个团队的商机一览：哪里弱、卡在哪里、谁需要帮助。数据截至 {0}。",
        "The whole team's deals at a glance: where they are weak, where they wait, who needs help. As of {0}.");
    public static readonly Localized NoOpenDeals = new(
        "目前没有进行中的商机，热力图和最弱因素会在第一个商机创建后出现。",
        "There are no open deals yet; the heat map and the weakest factor appear once the first deal is created.");

    // Heat map
    public static readonly Localized HeatMapTitle = new("热力图：商机 × 五个因素", "Heat map: deals × five factors");
    public static readonly Localized HeatMapHint = new(
        "每格写着当前等级；颜色越深，离阶梯顶端越近。",
        "Each cell shows the level reached; the darker, the closer to the top of the ladder.");
    public static readonly Localized DealColumn = new("商机", "Deal");
    public static readonly Localized TeamAverage = new("团队平均", "Team average");
    public static readonly Localized OfMax = new("满级 {0}", "of {0}");

    // Weakest factor
    public static readonly Localized TeamWeakest = new("团队最弱的因素", "The team's weakest factor");
    public static readonly Plural TeamWeakestText = new(
        "{0}：{1} 个进行中商机平均 {2} 级 / 满级 {3}（{4}）。",
        "{0}: on average level {2} of {3} ({4}) across {1} open {1:deal|deals}.");
    public static readonly Localized AskTheTeam = new("在周会上问：", "Ask in the weekly review:");
    public static readonly Localized DealsWeakestThere = new("查看最弱因素是它的商机", "See the deals weakest there");

    // Funnel and outcomes
    public static readonly Localized FunnelTitle = new("阶段漏斗", "Stage funnel");
    public static readonly Plural FunnelBar = new("{0} 个 · {1}", "{0} {0:deal|deals} · {1}");
    public static readonly Plural ClosedTitle = new("近 {0} 天的赢单与丢单", "Won and lost in the last {0} {0:day|days}");
    public static readonly Plural OutcomeHeading = new("{0}：{1} 个 · {2}", "{0}: {1} {1:deal|deals} · {2}");
    public static readonly Localized NoneClosed = new("这段时间没有结束的商机。", "No deal closed in this period.");
    public static readonly Localized ReasonColumn = new("原因", "Reason");
    public static readonly Localized CountColumn = new("数量", "Count");

    // Days per stage
    public static readonly Localized StageDaysTitle = new("各阶段停留天数（中位数）", "Median days per stage");
    public static readonly Plural StageDaysBar = new("{0} 天（{1} 次停留）", "{0} {0:day|days} ({1} {1:stay|stays})");
    public static readonly Localized NoStays = new("尚无已结束的停留", "No finished stay yet");

    // Reps
    public static readonly Localized RepsTitle = new("销售代表", "Reps");
    public static readonly Localized RepColumn = new("负责人", "Owner");
    public static readonly Plural AdvancedPerWeek = new("每周前进的等级（近 {0} 周）", "Levels advanced per week (last {0} {0:week|weeks})");
    public static readonly Localized AdvancedTotal = new("合计", "Total");
    public static readonly Localized OpenDealsColumn = new("进行中", "Open deals");
    public static readonly Localized Sparkline = new("从 {0} 起每周：{1}", "Weekly from {0}: {1}");

    // Definitions
    public static readonly Localized HowCounted = new("这些数字怎么算", "How these numbers are counted");
    public static readonly Localized DefinitionOpen = new(
        "“进行中”包括暂停中的商机，与看板一致。",
        "“Open” includes deals on hold, as on the board.");
    public static readonly Localized DefinitionWeakest = new(
        "最弱因素：各因素在进行中商机上的平均等级除以该阶梯的满级，比例最低者；并列时取方法中靠前的因素。",
        "Weakest factor: each factor's average level across the open deals divided by its ladder's top level; the lowest share wins, ties go to the factor earlier in the method.");
    public static readonly Plural DefinitionClosed = new(
        "赢单与丢单：目前已结束、且最近一次结束在近 {0} 天内（含今天，按公司时区的日历日）的商机。",
        "Won and lost: deals closed now whose latest close falls in the last {0} calendar {0:day|days} (today included, in the company's time zone).");
    public static readonly Localized DefinitionStageDays = new(
        "阶段天数：按发生顺序重放每个商机的检查点变化，用当前的阶段门槛得出每天所处的阶段；一次停留从进入之日到离开（前进、倒退或结束）之日。仍在进行的停留不计入；一次变化跳过的阶段没有停留。",
        "Days per stage: every deal's checkpoint changes are replayed in the order they happened against today's gates; a stay runs from the day a deal entered a stage to the day it left (up, down or closed). Stays still running are not counted; a stage skipped in one change has no stay.");
    public static readonly Localized DefinitionAdvanced = new(
        "每周前进：按变化发生的日期归入周（周一开始），计给商机的当前负责人。停滞来自看板的信号。",
        "Advanced per week: by the week the change happened (weeks start on Monday), credited to the deal's current owner. Stalled comes from the board's flags.");

    // Export
    public static readonly Localized DownloadBoardCsv = new("下载 CSV", "Download CSV");
    public static readonly Localized DownloadBoardCsvHint = new("当前看板（含筛选）的每个商机一行", "One row per deal on the board as filtered");
    public static readonly Localized DownloadHistoryCsv = new("下载检查点历史（CSV）", "Download history (CSV)");

    // The downloads' column heads, in the reader's language (the API's files keep the stable keys: decision 0026-admin-phone)
    public static readonly Localized CsvTitle = new("商机", "Deal");
    public static readonly Localized CsvStage = new("阶段代码", "Stage key");
    public static readonly Localized CsvFlags = new("信号", "Flags");
    public static readonly Localized CsvDaysSinceAdvance = new("距上次前进天数", "Days since last advance");
    public static readonly Localized CsvAnnualValue = new("年度金额", "Annual value");
    public static readonly Localized CsvCurrency = new("币种", "Currency");
    public static readonly Localized CsvId = new("编号", "ID");
    public static readonly Localized CsvOccurredAt = new("发生时间", "Occurred at");
    public static readonly Localized CsvRecordedAt = new("记录时间", "Recorded at");
    public static readonly Localized CsvFrom = new("原等级", "From level");
    public static readonly Localized CsvTo = new("新等级", "To level");
    public static readonly Localized CsvBy = new("记录人", "By");
    public static readonly Localized CsvNote = new("备注", "Note");
    public static readonly Localized CsvEvidence = new("证据", "Evidence");
    public static readonly Localized CsvEvidenceDetail = new("证据说明", "Evidence detail");
}
