using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

/// <summary>The playbook editor (admins): the words around the playbook's own texts.</summary>
public static partial class Ui
{
    public static readonly Localized PlaybookTitle = new("剧本", "Playbook");
    public static readonly Localized PlaybookIntro = new(
        "修改阶梯、阶段门槛、停滞天数和信号设置。每次保存都生成一个新版本；已记录的历史保留它当时的版本和文字。",
        "Edit the ladders, stage gates, stall-after days and signal settings. Each save makes a new version; history already recorded keeps the version, and the words, it was recorded under.");
    public static readonly Localized EditingVersion = new("正在编辑第 {0} 版", "Editing version {0}");
    public static readonly Localized Ladders = new("阶梯", "Ladders");
    public static readonly Localized NameZh = new("名称（中文）", "Name (Chinese)");
    public static readonly Localized NameEn = new("名称（英文）", "Name (English)");
    public static readonly Localized QuestionZh = new("管理者问题（中文）", "Manager questions (Chinese)");
    public static readonly Localized QuestionEn = new("管理者问题（英文）", "Manager questions (English)");
    public static readonly Localized LevelNumber = new("第 {0} 级", "Level {0}");
    public static readonly Localized InChinese = new("中文", "Chinese");
    public static readonly Localized InEnglish = new("英文", "English");
    public static readonly Localized AddTopLevel = new("添加最高级", "Add top level");
    public static readonly Localized RemoveTopLevel = new("删除最高级", "Remove top level");
    public static readonly Localized LadderSizeHelp = new(
        "每条阶梯 {0} 到 {1} 级（含第 0 级）。有商机处在最高级时不能删除它。",
        "Each ladder has {0} to {1} levels, level 0 included. The top level cannot be removed while a deal stands on it.");
    public static readonly Localized HasProblems = new("有问题", "has problems");
    public static readonly Localized Stages = new("阶段", "Stages");
    public static readonly Localized GatesHelp = new(
        "门槛是进入该阶段每个要素所需的最低等级：第一个阶段全为 0，之后每个阶段在每个要素上不低于上一阶段，且至少一个更高。",
        "A gate is the lowest level per factor that enters the stage: the first stage asks 0 everywhere, each later one at least the previous stage's on every factor and more on at least one.");
    public static readonly Localized StallAfterDays = new("停滞天数", "Stall after (days)");
    public static readonly Localized GateLevel = new("{0}门槛", "{0} gate");
    public static readonly Localized SignalSettings = new("信号设置", "Signal settings");
    public static readonly Localized BusyActivityCount = new("“忙而不进”的活动数", "Busy but stuck: activities");
    public static readonly Localized BusyWindowDays = new("“忙而不进”的统计天数", "Busy but stuck: window in days");
    public static readonly Localized RegressionWindowDays = new("倒退提示保留天数", "Regressed: flagged for days");
    public static readonly Localized SaveNewVersion = new("保存为新版本", "Save as a new version");
    public static readonly Localized DiscardChanges = new("放弃修改", "Discard changes");
    public static readonly Localized PlaybookSaved = new("剧本已保存为第 {0} 版", "Playbook saved as version {0}");
    public static readonly Plural PlaybookProblems = new(
        "没有保存。请先修改以下 {0} 处（点击可跳到该字段）：", "Not saved. Fix {0} {0:problem|problems} first (each one takes you to its field):");
    public static readonly Localized ErrorAt = new("{0}：", "{0}: ");
    public static readonly Localized StageNumber = new("第 {0} 个阶段", "Stage {0}");
    public static readonly Localized PlaybookUnchanged = new("没有需要保存的修改：第 {0} 版保持为当前版本。", "No changes to save: version {0} stays the current one.");
    public static readonly Localized StageKeyLabel = new("代码", "Key");
    public static readonly Localized AddStage = new("添加阶段", "Add a stage");
    public static readonly Localized RemoveStage = new("删除阶段 {0}", "Remove stage {0}");
    public static readonly Plural StagesCountHelp = new(
        "{0} 到 {1} 个阶段。代码只用小写字母、数字和连字符，且不能重复；新阶段的门槛从上一阶段复制，请至少提高一项。",
        "{0} to {1} {1:stage|stages}. Keys use lowercase letters, digits and hyphens, each used once; a new stage copies the gate of the one before: raise at least one level.");
    public static readonly Localized StagesScrollHint = new("表格较宽：左右滑动查看所有门槛。", "The table is wide: swipe sideways to see every gate.");
    public static readonly Localized ReloadPlaybook = new("加载最新版本（放弃我的修改）", "Load the latest version (drops my changes)");
    public static readonly Localized VersionHistory = new("版本历史", "Version history");
    public static readonly Localized VersionColumn = new("版本", "Version");
    public static readonly Localized SavedAtColumn = new("保存时间", "Saved");
    public static readonly Localized SavedByColumn = new("保存人", "By");
    public static readonly Localized SystemDefault = new("系统（默认剧本）", "System (default playbook)");
}
