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
    /// <summary>A playbook needs a stage for every deal to stand in: its first one, whose gate asks for nothing.</summary>
    public const int MinStages = 1;
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
            ? Error($"factors[{index}].levels", RuleTexts.TooFewLevels(FactorLabel(factor), MinLadderLevels, count))
            : count > MaxLadderLevels
                ? Error($"factors[{index}].levels", RuleTexts.TooManyLevels(FactorLabel(factor), MaxLadderLevels, count))
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
                errors.Add(Error($"factors[{i}]", RuleTexts.FactorMissingHere));
                continue;
            }

            var label = FactorLabel(factor);
            if (!Enum.IsDefined(factor.Key))
            {
                errors.Add(Error($"factors[{i}].key", RuleTexts.NotAFactor(factor.Key.ToString())));
            }
            else if (!seen.TryAdd(factor.Key, factor))
            {
                errors.Add(Error($"factors[{i}].key", RuleTexts.FactorRepeated(label)));
            }

            Text(errors, $"factors[{i}].name", factor.Name, Limits.FactorName, RuleTexts.FactorNameField(label));
            Text(errors, $"factors[{i}].question", factor.Question, Limits.Question, RuleTexts.FactorQuestionField(label));
            var ladder = factor.Levels ?? [];
            if (LadderSize(i, factor, ladder.Count) is { } size)
            {
                errors.Add(size);
            }

            for (var level = 0; level < ladder.Count; level++)
            {
                Text(errors, $"factors[{i}].levels[{level}]", ladder[level], Limits.LadderText,
                    RuleTexts.LadderLevelField(label, level));
            }
        }

        foreach (var missing in Enum.GetValues<Factor>().Where(f => !seen.ContainsKey(f)))
        {
            var name = Defaults.Factor(missing).Name;
            errors.Add(Error("factors", RuleTexts.FactorMissing(name)));
        }

        return seen;
    }

    private static void CheckStages(IReadOnlyList<StageDefinition> stages, Dictionary<Factor, FactorDefinition> ladders, List<FieldError> errors)
    {
        if (stages.Count < MinStages)
        {
            errors.Add(Error("stages", RuleTexts.NoStages));
            return;
        }

        if (stages.Count > MaxStages)
        {
            errors.Add(Error("stages", RuleTexts.TooManyStages(MaxStages, stages.Count)));
        }

        var blanks = Enumerable.Range(0, stages.Count).Where(i => stages[i] is null).ToList();
        errors.AddRange(blanks.Select(i => Error($"stages[{i}]", RuleTexts.StageMissingHere)));
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
                errors.Add(Error($"stages[{i}].key", RuleTexts.StageKeyShape(label, Limits.StageKey)));
            }
            else if (!keys.Add(key))
            {
                errors.Add(Error($"stages[{i}].key", RuleTexts.StageKeyRepeated(key)));
            }

            if (!orders.TryAdd(stage.Order, i))
            {
                errors.Add(Error($"stages[{i}].order", RuleTexts.StageOrderRepeated(label, labels[orders[stage.Order]], stage.Order)));
            }

            Text(errors, $"stages[{i}].name", stage.Name, Limits.StageName, RuleTexts.StageNameField(label));
            Range(errors, $"stages[{i}].stallAfterDays", stage.StallAfterDays, 1, MaxDays,
                RuleTexts.StallDaysField(label));
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
                errors.Add(Error(GateField(index, factor), RuleTexts.GateBelowZero(stage, name, asked)));
            }
            else if (ladders.TryGetValue(factor, out var ladder) && ladder.Levels is { } levels && asked > levels.Count - 1)
            {
                errors.Add(Error(GateField(index, factor), RuleTexts.GateAboveLadder(stage, name, asked, levels.Count - 1)));
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
            errors.Add(Error(GateField(first, factor), RuleTexts.FirstGateNotZero(labels[first], name, stages[first].Gate[factor])));
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
                    RuleTexts.GateLowerThanPrevious(labels[current], name, labels[previous], gate[factor], before[factor])));
            }

            if (Enum.GetValues<Factor>().All(f => gate[f] <= before[f]))
            {
                errors.Add(Error($"stages[{current}].gate", RuleTexts.GateNoHigher(labels[current], labels[previous])));
            }
        }
    }

    private static void CheckSignals(SignalSettings? signals, List<FieldError> errors)
    {
        if (signals is null)
        {
            errors.Add(Error("signals", RuleTexts.SignalsMissing));
            return;
        }

        Range(errors, "signals.busyActivityCount", signals.BusyActivityCount, 1, MaxBusyActivityCount,
            RuleTexts.BusyActivityCountField);
        Range(errors, "signals.busyWindowDays", signals.BusyWindowDays, 1, MaxDays,
            RuleTexts.BusyWindowField);
        Range(errors, "signals.regressionWindowDays", signals.RegressionWindowDays, 1, MaxDays,
            RuleTexts.RegressionWindowField);
    }

    /// <summary>A text required in both languages (white space alone counts as empty) and at most <paramref name="max"/> characters.</summary>
    private static void Text(List<FieldError> errors, string field, Localized? text, int max, Localized what)
    {
        Language(errors, $"{field}.zh", text?.Zh, max, what, RuleTexts.Chinese);
        Language(errors, $"{field}.en", text?.En, max, what, RuleTexts.English);
    }

    private static void Language(List<FieldError> errors, string field, string? text, int max, Localized what, Localized language)
    {
        var length = text?.Trim().Length ?? 0;
        if (length == 0)
        {
            errors.Add(Error(field, RuleTexts.TextRequired(what, language)));
        }
        else if (length > max)
        {
            errors.Add(Error(field, RuleTexts.TextTooLong(what, language, length, max)));
        }
    }

    private static void Range(List<FieldError> errors, string field, int value, int min, int max, Localized what)
    {
        if (value < min || value > max)
        {
            errors.Add(Error(field, RuleTexts.NumberOutOfRange(what, value, min, max)));
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

    private static FieldError Error(string field, Localized text) => new(field, text);

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex StageKeyPattern();
}
