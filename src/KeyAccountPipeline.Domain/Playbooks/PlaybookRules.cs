using System.Text.RegularExpressions;

namespace KeyAccountPipeline.Domain.Playbooks;

/// <summary>
/// What an edited playbook must satisfy before it becomes the current version. Every problem is
/// collected, each under the path of its field as the API spells the playbook in JSON
/// (<c>factors[1].levels[3].en</c>, <c>stages[2].gate.power</c>, <c>signals.busyWindowDays</c>;
/// indexes are positions in the submitted lists), so a form can mark them all at once.
/// </summary>
public static partial class PlaybookRules
{
    public const int MinLadderLevels = 2;
    public const int MaxLadderLevels = 10;
    public const int MaxStages = 12;
    public const int MaxDays = 365;
    public const int MaxBusyActivityCount = 100;

    // Names for messages when the edited playbook leaves a name blank or drops a factor.
    private static readonly Playbook Defaults = DefaultPlaybook.Create();

    /// <summary>Throws a <see cref="PlaybookValidationException"/> listing every broken rule.</summary>
    public static void Validate(Playbook playbook)
    {
        var errors = Check(playbook);
        if (errors.Count > 0)
        {
            throw new PlaybookValidationException(errors);
        }
    }

    /// <summary>Every broken rule, in the order of the fields; empty when the playbook can be saved.</summary>
    public static IReadOnlyList<FieldError> Check(Playbook playbook)
    {
        var errors = new List<FieldError>();
        var ladders = CheckFactors(playbook.Factors ?? [], errors);
        CheckStages(playbook.Stages ?? [], ladders, errors);
        CheckSignals(playbook.Signals, errors);
        return errors;
    }

    /// <summary>The ladder-size rule, shared with the editing helpers that add and remove a top level.</summary>
    internal static FieldError? LadderSize(int index, FactorDefinition factor, int count) =>
        count < MinLadderLevels
            ? Error($"factors[{index}].levels",
                $"{FactorLabel(factor).Zh}至少需要 {MinLadderLevels} 个等级（0 和 1），现在有 {count} 个。",
                $"{FactorLabel(factor).En} needs at least {MinLadderLevels} levels (0 and 1); it has {count}.")
            : count > MaxLadderLevels
                ? Error($"factors[{index}].levels",
                    $"{FactorLabel(factor).Zh}最多 {MaxLadderLevels} 个等级（0 到 {MaxLadderLevels - 1}），现在有 {count} 个。",
                    $"{FactorLabel(factor).En} can have at most {MaxLadderLevels} levels (0 to {MaxLadderLevels - 1}); it has {count}.")
                : null;

    /// <summary>The factor's name in each language, or the method's name for it where the edit left it blank.</summary>
    internal static Localized FactorLabel(FactorDefinition factor)
    {
        var fallback = Enum.IsDefined(factor.Key) ? Defaults.Factor(factor.Key).Name : new(factor.Key.ToString(), factor.Key.ToString());
        return new(Blank(factor.Name?.Zh) ? fallback.Zh : factor.Name!.Zh.Trim(), Blank(factor.Name?.En) ? fallback.En : factor.Name!.En.Trim());
    }

    /// <summary>Checks the five ladders; returns each present factor's definition (its first, when repeated).</summary>
    private static Dictionary<Factor, FactorDefinition> CheckFactors(IReadOnlyList<FactorDefinition> factors, List<FieldError> errors)
    {
        var seen = new Dictionary<Factor, FactorDefinition>();
        for (var i = 0; i < factors.Count; i++)
        {
            var factor = factors[i];
            if (factor is null)
            {
                errors.Add(Error($"factors[{i}]", "这里缺少要素。", "A factor is missing here."));
                continue;
            }

            var label = FactorLabel(factor);
            if (!Enum.IsDefined(factor.Key))
            {
                errors.Add(Error($"factors[{i}].key", $"{factor.Key} 不是五个要素之一。", $"{factor.Key} is not one of the five factors."));
            }
            else if (!seen.TryAdd(factor.Key, factor))
            {
                errors.Add(Error($"factors[{i}].key",
                    $"{label.Zh}出现了不止一次；五个要素必须各出现一次。",
                    $"{label.En} appears more than once; each of the five factors must be present once."));
            }

            Text(errors, $"factors[{i}].name", factor.Name, Limits.FactorName, new($"{label.Zh}的名称", $"The name of {label.En}"));
            Text(errors, $"factors[{i}].question", factor.Question, Limits.Question, new($"{label.Zh}的管理者问题", $"The question of {label.En}"));
            var ladder = factor.Levels ?? [];
            if (LadderSize(i, factor, ladder.Count) is { } size)
            {
                errors.Add(size);
            }

            for (var level = 0; level < ladder.Count; level++)
            {
                Text(errors, $"factors[{i}].levels[{level}]", ladder[level], Limits.LadderText,
                    new($"{label.Zh}第 {level} 级", $"{label.En} level {level}"));
            }
        }

        foreach (var missing in Enum.GetValues<Factor>().Where(f => !seen.ContainsKey(f)))
        {
            var name = Defaults.Factor(missing).Name;
            errors.Add(Error("factors", $"缺少要素“{name.Zh}”；五个要素必须各出现一次。",
                $"The factor {name.En} is missing; each of the five factors must be present once."));
        }

        return seen;
    }

    private static void CheckStages(IReadOnlyList<StageDefinition> stages, Dictionary<Factor, FactorDefinition> ladders, List<FieldError> errors)
    {
        if (stages.Count == 0)
        {
            errors.Add(Error("stages", "剧本至少需要一个阶段。", "The playbook needs at least one stage."));
            return;
        }

        if (stages.Count > MaxStages)
        {
            errors.Add(Error("stages", $"剧本最多 {MaxStages} 个阶段，现在有 {stages.Count} 个。",
                $"The playbook can have at most {MaxStages} stages; it has {stages.Count}."));
        }

        var blanks = Enumerable.Range(0, stages.Count).Where(i => stages[i] is null).ToList();
        errors.AddRange(blanks.Select(i => Error($"stages[{i}]", "这里缺少阶段。", "A stage is missing here.")));
        if (blanks.Count > 0)
        {
            return;
        }

        var labels = stages.Select(StageLabel).ToList();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var orders = new Dictionary<int, int>();
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            var label = labels[i];
            var key = stage.Key?.Trim() ?? string.Empty;
            if (key.Length > Limits.StageKey || !StageKeyPattern().IsMatch(key))
            {
                errors.Add(Error($"stages[{i}].key",
                    $"阶段{label.Zh}的标识只能由小写字母、数字和连字符组成，以字母开头，最多 {Limits.StageKey} 个字符。",
                    $"The key of stage {label.En} must be lowercase letters, digits and hyphens, start with a letter, and be at most {Limits.StageKey} characters."));
            }
            else if (!keys.Add(key))
            {
                errors.Add(Error($"stages[{i}].key", $"标识“{key}”被多个阶段使用；阶段标识必须唯一。",
                    $"The key \"{key}\" is used by more than one stage; stage keys must be unique."));
            }

            if (!orders.TryAdd(stage.Order, i))
            {
                errors.Add(Error($"stages[{i}].order",
                    $"阶段{label.Zh}与阶段{labels[orders[stage.Order]].Zh}的顺序相同（{stage.Order}）；每个阶段需要自己的位置。",
                    $"Stage {label.En} has the same order ({stage.Order}) as stage {labels[orders[stage.Order]].En}; each stage needs its own place."));
            }

            Text(errors, $"stages[{i}].name", stage.Name, Limits.StageName, new($"阶段{label.Zh}的名称", $"The name of stage {label.En}"));
            Range(errors, $"stages[{i}].stallAfterDays", stage.StallAfterDays, 1, MaxDays,
                new($"阶段{label.Zh}的停滞天数", $"The stall-after days of stage {label.En}"));
            CheckGateAgainstLadders(errors, i, stage.Gate, label, ladders);
        }

        CheckGateOrder(errors, stages, labels, ladders);
    }

    private static void CheckGateAgainstLadders(List<FieldError> errors, int index, Levels gate, Localized stage,
        Dictionary<Factor, FactorDefinition> ladders)
    {
        foreach (var factor in Enum.GetValues<Factor>())
        {
            var asked = gate[factor];
            var name = Name(ladders, factor);
            if (asked < 0)
            {
                errors.Add(Error(GateField(index, factor), $"阶段{stage.Zh}要求{name.Zh} {asked} 级；等级从 0 开始。",
                    $"Stage {stage.En} asks for {name.En} level {asked}; levels start at 0."));
            }
            else if (ladders.TryGetValue(factor, out var ladder) && ladder.Levels is { } levels && asked > levels.Count - 1)
            {
                errors.Add(Error(GateField(index, factor), $"阶段{stage.Zh}要求{name.Zh} {asked} 级，但阶梯最高只到 {levels.Count - 1} 级。",
                    $"Stage {stage.En} asks for {name.En} level {asked}, but the ladder goes up to {levels.Count - 1}."));
            }
        }
    }

    /// <summary>
    /// By order, the first gate asks for nothing (so every deal has a stage) and each later gate asks
    /// for at least what the one before asks on every factor and more on at least one.
    /// </summary>
    private static void CheckGateOrder(List<FieldError> errors, IReadOnlyList<StageDefinition> stages, List<Localized> labels,
        Dictionary<Factor, FactorDefinition> ladders)
    {
        var byOrder = Enumerable.Range(0, stages.Count).OrderBy(i => stages[i].Order).ToList();
        var first = byOrder[0];
        foreach (var factor in Enum.GetValues<Factor>().Where(f => stages[first].Gate[f] != 0))
        {
            var name = Name(ladders, factor);
            errors.Add(Error(GateField(first, factor),
                $"第一个阶段{labels[first].Zh}必须在每个要素上要求 0 级，这样每个商机都有阶段；它要求{name.Zh} {stages[first].Gate[factor]} 级。",
                $"The first stage, {labels[first].En}, must ask for level 0 on every factor so that every deal has a stage; it asks for {name.En} level {stages[first].Gate[factor]}."));
        }

        foreach (var (previous, current) in byOrder.Zip(byOrder.Skip(1)))
        {
            var before = stages[previous].Gate;
            var gate = stages[current].Gate;
            // A level below 0 is reported once, as such, not again as lower than the previous gate.
            foreach (var factor in Enum.GetValues<Factor>().Where(f => gate[f] >= 0 && gate[f] < before[f]))
            {
                var name = Name(ladders, factor);
                errors.Add(Error(GateField(current, factor),
                    $"每个阶段的门槛都必须不低于上一阶段：{labels[current].Zh}对{name.Zh}的要求低于{labels[previous].Zh}（{gate[factor]} 级，而上一阶段要求 {before[factor]} 级）。",
                    $"Each stage's gate must ask at least as much as the one before it: {labels[current].En} asks less {name.En} than {labels[previous].En} (level {gate[factor]} against {before[factor]})."));
            }

            if (Enum.GetValues<Factor>().All(f => gate[f] <= before[f]))
            {
                errors.Add(Error($"stages[{current}].gate",
                    $"阶段{labels[current].Zh}在任何要素上都不比上一阶段{labels[previous].Zh}要求更高；每个阶段都必须可达且互不相同，至少在一个要素上要求更多。",
                    $"Stage {labels[current].En} asks for no more than the previous stage, {labels[previous].En}, on any factor; each stage must stay reachable and distinct, so it must ask for more on at least one factor."));
            }
        }
    }

    private static void CheckSignals(SignalSettings? signals, List<FieldError> errors)
    {
        if (signals is null)
        {
            errors.Add(Error("signals", "缺少信号设置。", "The signal settings are missing."));
            return;
        }

        Range(errors, "signals.busyActivityCount", signals.BusyActivityCount, 1, MaxBusyActivityCount,
            new("“忙而无果”所需的活动数", "The activity count for busy but stuck"));
        Range(errors, "signals.busyWindowDays", signals.BusyWindowDays, 1, MaxDays,
            new("“忙而无果”的统计天数", "The busy-but-stuck window in days"));
        Range(errors, "signals.regressionWindowDays", signals.RegressionWindowDays, 1, MaxDays,
            new("倒退提示的天数", "The regression window in days"));
    }

    /// <summary>A text required in both languages (white space alone counts as empty) and at most <paramref name="max"/> characters.</summary>
    private static void Text(List<FieldError> errors, string field, Localized? text, int max, Localized what)
    {
        Language(errors, $"{field}.zh", text?.Zh, max, what, "中文", "Chinese");
        Language(errors, $"{field}.en", text?.En, max, what, "英文", "English");
    }

    private static void Language(List<FieldError> errors, string field, string? text, int max, Localized what, string zhLanguage, string enLanguage)
    {
        var length = text?.Trim().Length ?? 0;
        if (length == 0)
        {
            errors.Add(Error(field, $"{what.Zh}的{zhLanguage}不能为空。", $"{what.En} is required in {enLanguage}."));
        }
        else if (length > max)
        {
            errors.Add(Error(field, $"{what.Zh}的{zhLanguage}有 {length} 个字符，最多 {max} 个。",
                $"{what.En} is {length} characters long in {enLanguage}; at most {max} are allowed."));
        }
    }

    private static void Range(List<FieldError> errors, string field, int value, int min, int max, Localized what)
    {
        if (value < min || value > max)
        {
            errors.Add(Error(field, $"{what.Zh}是 {value}，必须在 {min} 到 {max} 之间。", $"{what.En} is {value}; it must be between {min} and {max}."));
        }
    }

    /// <summary>The stage's name in quotes ("Qualify"), falling back to its key, then to its position (#2).</summary>
    private static Localized StageLabel(StageDefinition stage, int index)
    {
        var fallback = Blank(stage.Key) ? $"#{index + 1}" : stage.Key.Trim();
        var zh = Blank(stage.Name?.Zh) ? fallback : stage.Name!.Zh.Trim();
        var en = Blank(stage.Name?.En) ? fallback : stage.Name!.En.Trim();
        return new($"“{zh}”", $"\"{en}\"");
    }

    private static Localized Name(Dictionary<Factor, FactorDefinition> ladders, Factor factor) =>
        ladders.TryGetValue(factor, out var definition) ? FactorLabel(definition) : Defaults.Factor(factor).Name;

    private static string GateField(int index, Factor factor) =>
        $"stages[{index}].gate.{factor.Key()}";

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);

    private static FieldError Error(string field, string zh, string en) => new(field, new(zh, en));

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex StageKeyPattern();
}
