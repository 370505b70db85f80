using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain;

// What an edited playbook is refused with (PlaybookRules). A factor or stage arrives as its label in both languages;
// a stage's label is already in quotes (“确认需求” / "Qualify").
public static partial class RuleTexts
{
    public static Localized TooFewLevels(Localized factor, int min, int count) => new(
        $"{factor.Zh}至少需要 {min} 个等级（0 和 1），现在有 {count} 个。",
        $"{factor.En} needs at least {min} levels (0 and 1); it has {count}.");

    public static Localized TooManyLevels(Localized factor, int max, int count) => new(
        $"{factor.Zh}最多 {max} 个等级（0 到 {max - 1}），现在有 {count} 个。",
        $"{factor.En} can have at most {max} levels (0 to {max - 1}); it has {count}.");

    public static readonly Localized FactorMissingHere = new("这里缺少要素。", "A factor is missing here.");

    /// <param name="key">The key as sent (a number outside the five).</param>
    public static Localized NotAFactor(string key) => new($"{key} 不是五个要素之一。", $"{key} is not one of the five factors.");

    public static Localized FactorRepeated(Localized factor) => new(
        $"{factor.Zh}出现了不止一次；五个要素必须各出现一次。",
        $"{factor.En} appears more than once; each of the five factors must be present once.");

    public static Localized FactorMissing(Localized factor) => new(
        $"缺少要素“{factor.Zh}”；五个要素必须各出现一次。",
        $"The factor {factor.En} is missing; each of the five factors must be present once.");

    // What a text or number is, for TextRequired, TextTooLong and NumberOutOfRange.
    public static Localized FactorNameField(Localized factor) => new($"{factor.Zh}的名称", $"The name of {factor.En}");

    public static Localized FactorQuestionField(Localized factor) => new($"{factor.Zh}的管理者问题", $"The question of {factor.En}");

    public static Localized LadderLevelField(Localized factor, int level) => new($"{factor.Zh}第 {level} 级", $"{factor.En} level {level}");

    public static Localized StageNameField(Localized stage) => new($"阶段{stage.Zh}的名称", $"The name of stage {stage.En}");

    public static Localized StallDaysField(Localized stage) => new($"阶段{stage.Zh}的停滞天数", $"The stall-after days of stage {stage.En}");

    public static readonly Localized BusyActivityCountField = new("“忙而无果”所需的活动数", "The activity count for busy but stuck");
    public static readonly Localized BusyWindowField = new("“忙而无果”的统计天数", "The busy-but-stuck window in days");
    public static readonly Localized RegressionWindowField = new("倒退提示的天数", "The regression window in days");

    /// <summary>The languages, as the playbook's messages name them.</summary>
    public static readonly Localized Chinese = new("中文", "Chinese");

    /// <inheritdoc cref="Chinese"/>
    public static readonly Localized English = new("英文", "English");

    public static Localized TextRequired(Localized what, Localized language) => new(
        $"{what.Zh}的{language.Zh}不能为空。", $"{what.En} is required in {language.En}.");

    public static Localized TextTooLong(Localized what, Localized language, int length, int max) => new(
        $"{what.Zh}的{language.Zh}有 {length} 个字符，最多 {max} 个。",
        $"{what.En} is {length} characters long in {language.En}; at most {max} are allowed.");

    public static Localized NumberOutOfRange(Localized what, int value, int min, int max) => new(
        $"{what.Zh}是 {value}，必须在 {min} 到 {max} 之间。", $"{what.En} is {value}; it must be between {min} and {max}.");

    public static readonly Localized NoStages = new("剧本至少需要一个阶段。", "The playbook needs at least one stage.");

    public static Localized TooManyStages(int max, int count) => new(
        $"剧本最多 {max} 个阶段，现在有 {count} 个。", $"The playbook can have at most {max} stages; it has {count}.");

    public static readonly Localized StageMissingHere = new("这里缺少阶段。", "A stage is missing here.");

    public static Localized StageKeyShape(Localized stage, int max) => new(
        $"阶段{stage.Zh}的标识只能由小写字母、数字和连字符组成，以字母开头，最多 {max} 个字符。",
        $"The key of stage {stage.En} must be lowercase letters, digits and hyphens, start with a letter, and be at most {max} characters.");

    public static Localized StageKeyRepeated(string key) => new(
        $"标识“{key}”被多个阶段使用；阶段标识必须唯一。",
        $"The key \"{key}\" is used by more than one stage; stage keys must be unique.");

    public static Localized StageOrderRepeated(Localized stage, Localized other, int order) => new(
        $"阶段{stage.Zh}与阶段{other.Zh}的顺序相同（{order}）；每个阶段需要自己的位置。",
        $"Stage {stage.En} has the same order ({order}) as stage {other.En}; each stage needs its own place.");

    public static Localized GateBelowZero(Localized stage, Localized factor, int asked) => new(
        $"阶段{stage.Zh}要求{factor.Zh} {asked} 级；等级从 0 开始。",
        $"Stage {stage.En} asks for {factor.En} level {asked}; levels start at 0.");

    public static Localized GateAboveLadder(Localized stage, Localized factor, int asked, int top) => new(
        $"阶段{stage.Zh}要求{factor.Zh} {asked} 级，但阶梯最高只到 {top} 级。",
        $"Stage {stage.En} asks for {factor.En} level {asked}, but the ladder goes up to {top}.");

    public static Localized FirstGateNotZero(Localized stage, Localized factor, int asked) => new(
        $"第一个阶段{stage.Zh}必须在每个要素上要求 0 级，这样每个商机都有阶段；它要求{factor.Zh} {asked} 级。",
        $"The first stage, {stage.En}, must ask for level 0 on every factor so that every deal has a stage; it asks for {factor.En} level {asked}.");

    public static Localized GateLowerThanPrevious(Localized stage, Localized factor, Localized previous, int asked, int before) => new(
        $"每个阶段的门槛都必须不低于上一阶段：{stage.Zh}对{factor.Zh}的要求低于{previous.Zh}（{asked} 级，而上一阶段要求 {before} 级）。",
        $"Each stage's gate must ask at least as much as the one before it: {stage.En} asks less {factor.En} than {previous.En} (level {asked} against {before}).");

    public static Localized GateNoHigher(Localized stage, Localized previous) => new(
        $"阶段{stage.Zh}在任何要素上都不比上一阶段{previous.Zh}要求更高；每个阶段都必须可达且互不相同，至少在一个要素上要求更多。",
        $"Stage {stage.En} asks for no more than the previous stage, {previous.En}, on any factor; each stage must stay reachable and distinct, so it must ask for more on at least one factor.");

    public static readonly Localized SignalsMissing = new("缺少信号设置。", "The signal settings are missing.");
}
