using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain.Tests;

/// <summary>What an admin's edited playbook must satisfy before it becomes the current version.</summary>
public class PlaybookRuleTests
{
    private static readonly Playbook Default = DefaultPlaybook.Create();

    private static Playbook WithFactor(Factor key, Func<FactorDefinition, FactorDefinition> edit) =>
        Default with { Factors = Default.Factors.Select(f => f.Key == key ? edit(f) : f).ToList() };

    private static Playbook WithLevelText(Factor key, int level, Localized text) =>
        WithFactor(key, f => f with { Levels = f.Levels.Select((l, i) => i == level ? text : l).ToList() });

    private static Playbook WithStage(string key, Func<StageDefinition, StageDefinition> edit) =>
        Default with { Stages = Default.Stages.Select(s => s.Key == key ? edit(s) : s).ToList() };

    private static Playbook WithGate(string key, Factor factor, int level) =>
        WithStage(key, s => s with { Gate = s.Gate.With(factor, level) });

    private static IReadOnlyList<FieldError> Refused(Playbook playbook) =>
        Assert.Throws<PlaybookValidationException>(() => PlaybookRules.Validate(playbook)).Errors;

    /// <summary>The one error the edit causes, asserted by field and English wording.</summary>
    private static FieldError RefusedOnly(Playbook playbook, string field, string en)
    {
        var error = Assert.Single(Refused(playbook));
        Assert.Equal(field, error.Field);
        Assert.Equal(en, error.Text.En);
        return error;
    }

    /// <summary>The error on <paramref name="field"/> among others the same edit causes elsewhere.</summary>
    private static void RefusedAmong(Playbook playbook, string field, string en)
    {
        var error = Assert.Single(Refused(playbook), e => e.Field == field);
        Assert.Equal(en, error.Text.En);
    }

    [Fact]
    public void MethodsPlaybookIsAccepted()
    {
        Assert.Empty(PlaybookRules.Check(Default));
        PlaybookRules.Validate(Default);
    }

    [Fact]
    public void GateAskingMoreThanItsLadderIsRefused()
    {
        var error = RefusedOnly(WithGate("commit", Factor.Power, 7), "stages[5].gate.power",
            "Stage \"Verbal commitment\" asks for Power level 7, but the ladder goes up to 6.");

        Assert.Equal("阶段“口头承诺”要求权力 7 级，但阶梯最高只到 6 级。", error.Text.Zh);
    }

    [Fact]
    public void GateBelowLevelZeroIsRefused() =>
        RefusedOnly(WithGate("qualify", Factor.Power, -1), "stages[1].gate.power",
            "Stage \"Qualify\" asks for Power level -1; levels start at 0.");

    [Fact]
    public void StageNoHigherThanThePreviousIsRefused()
    {
        var playbook = WithStage("qualify", s => s with { Gate = Levels.Zero });

        var error = RefusedOnly(playbook, "stages[1].gate",
            "Stage \"Qualify\" asks for no more than the previous stage, \"Discover\", on any factor; "
            + "each stage must stay reachable and distinct, so it must ask for more on at least one factor.");
        Assert.Equal("阶段“确认需求”在任何要素上都不比上一阶段“发现需求”要求更高；每个阶段都必须可达且互不相同，至少在一个要素上要求更多。", error.Text.Zh);
    }

    /// <summary>The refusal names the rule, both stages and the factor, so an admin knows what to change.</summary>
    [Theory]
    [InlineData("access", Factor.Need, 2, "stages[2].gate.need",
        "Each stage's gate must ask at least as much as the one before it: \"Reach the decision maker\" asks less Need than \"Qualify\" (level 2 against 3).",
        "每个阶段的门槛都必须不低于上一阶段：“接触决策人”对需求的要求低于“确认需求”（2 级，而上一阶段要求 3 级）。")]
    [InlineData("coplan", Factor.Goal, 3, "stages[4].gate.goal",
        "Each stage's gate must ask at least as much as the one before it: \"Joint plan\" asks less Goal than \"Solution and value\" (level 3 against 4).",
        "每个阶段的门槛都必须不低于上一阶段：“协同推进”对目标的要求低于“方案与价值”（3 级，而上一阶段要求 4 级）。")]
    public void StageAskingLessThanThePreviousOnAFactorIsRefusedNamingBothStagesAndTheFactor(
        string stage, Factor factor, int level, string field, string english, string chinese)
    {
        var error = RefusedOnly(WithGate(stage, factor, level), field, english);

        Assert.Equal(chinese, error.Text.Zh);
    }

    [Fact]
    public void StagesFollowTheirOrderNotTheirPlaceInTheList()
    {
        var reversed = Default with { Stages = Default.Stages.Reverse().ToList() };

        Assert.Empty(PlaybookRules.Check(reversed));
    }

    [Fact]
    public void FirstStageAskingForAnyLevelIsRefused() =>
        RefusedOnly(WithGate("discover", Factor.Need, 1), "stages[0].gate.need",
            "The first stage, \"Discover\", must ask for level 0 on every factor so that every deal has a stage; "
            + "it asks for Need level 1.");

    [Fact]
    public void FirstStageIsTheLowestOrderNotTheFirstInTheList()
    {
        var playbook = Default with { Stages = [.. Default.Stages.Skip(1), Default.Stages[0]] };

        Assert.Empty(PlaybookRules.Check(playbook));
    }

    [Theory]
    [InlineData("", "x", "factors[1].levels[3].zh", "Power level 3 is required in Chinese.")]
    [InlineData("x", "", "factors[1].levels[3].en", "Power level 3 is required in English.")]
    [InlineData("x", "   ", "factors[1].levels[3].en", "Power level 3 is required in English.")]
    public void BlankLadderTextIsRefused(string zh, string en, string field, string message) =>
        RefusedOnly(WithLevelText(Factor.Power, 3, new(zh, en)), field, message);

    [Fact]
    public void MissingLadderTextIsRefused() =>
        RefusedOnly(WithLevelText(Factor.Power, 0, new(null!, "x")), "factors[1].levels[0].zh", "Power level 0 is required in Chinese.");

    [Fact]
    public void LadderTextOverTheLimitIsRefused() =>
        RefusedOnly(WithLevelText(Factor.Need, 2, new("x", new string('a', Limits.LadderText + 1))), "factors[0].levels[2].en",
            "Need level 2 is 301 characters long in English; at most 300 are allowed.");

    [Fact]
    public void TextsAreMeasuredWithoutSurroundingSpace() =>
        Assert.Empty(PlaybookRules.Check(WithLevelText(Factor.Need, 2, new("x", $"  {new string('a', Limits.LadderText)}  "))));

    [Fact]
    public void BlankFactorNameIsRefusedUnderTheMethodsName() =>
        RefusedOnly(WithFactor(Factor.Value, f => f with { Name = f.Name with { En = "" } }), "factors[3].name.en",
            "The name of Value is required in English.");

    [Fact]
    public void FactorNameOverTheLimitIsRefused() =>
        RefusedOnly(WithFactor(Factor.Goal, f => f with { Name = f.Name with { Zh = new string('目', Limits.FactorName + 1) } }), "factors[2].name.zh",
            "The name of Goal is 101 characters long in Chinese; at most 100 are allowed.");

    [Fact]
    public void BlankQuestionIsRefused() =>
        RefusedOnly(WithFactor(Factor.Need, f => f with { Question = f.Question with { Zh = " " } }), "factors[0].question.zh",
            "The question of Need is required in Chinese.");

    [Fact]
    public void QuestionOverTheLimitIsRefused() =>
        RefusedOnly(WithFactor(Factor.Need, f => f with { Question = f.Question with { En = new string('?', Limits.Question + 1) } }),
            "factors[0].question.en", "The question of Need is 1001 characters long in English; at most 1000 are allowed.");

    [Fact]
    public void BlankStageNameIsRefused() =>
        RefusedOnly(WithStage("access", s => s with { Name = s.Name with { Zh = "" } }), "stages[2].name.zh",
            "The name of stage \"Reach the decision maker\" is required in Chinese.");

    [Fact]
    public void StageNameOverTheLimitIsRefused() =>
        RefusedOnly(WithStage("access", s => s with { Name = s.Name with { Zh = new string('阶', Limits.StageName + 1) } }), "stages[2].name.zh",
            "The name of stage \"Reach the decision maker\" is 101 characters long in Chinese; at most 100 are allowed.");

    [Fact]
    public void LadderWithFewerThanTwoLevelsIsRefused() =>
        RefusedAmong(WithFactor(Factor.Goal, f => f with { Levels = f.Levels.Take(1).ToList() }), "factors[2].levels",
            "Goal needs at least 2 levels (0 and 1); it has 1.");

    [Fact]
    public void LadderWithMoreThanTenLevelsIsRefused() =>
        RefusedOnly(WithFactor(Factor.Goal, f => f with { Levels = [.. f.Levels, .. Enumerable.Range(6, 5).Select(i => new Localized($"第{i}级", $"Level {i}"))] }),
            "factors[2].levels", "Goal can have at most 10 levels (0 to 9); it has 11.");

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(366)]
    public void StallAfterDaysOutsideOneDayToAYearIsRefused(int days) =>
        RefusedOnly(WithStage("discover", s => s with { StallAfterDays = days }), "stages[0].stallAfterDays",
            $"The stall-after days of stage \"Discover\" is {days}; it must be between 1 and 365.");

    [Theory]
    [InlineData(1)]
    [InlineData(365)]
    public void StallAfterDaysFromOneDayToAYearAreAccepted(int days) =>
        Assert.Empty(PlaybookRules.Check(WithStage("discover", s => s with { StallAfterDays = days })));

    [Theory]
    [InlineData(0, 30, 7, "signals.busyActivityCount", "The activity count for busy but stuck is 0; it must be between 1 and 100.")]
    [InlineData(101, 30, 7, "signals.busyActivityCount", "The activity count for busy but stuck is 101; it must be between 1 and 100.")]
    [InlineData(3, 0, 7, "signals.busyWindowDays", "The busy-but-stuck window in days is 0; it must be between 1 and 365.")]
    [InlineData(3, 366, 7, "signals.busyWindowDays", "The busy-but-stuck window in days is 366; it must be between 1 and 365.")]
    [InlineData(3, 30, 0, "signals.regressionWindowDays", "The regression window in days is 0; it must be between 1 and 365.")]
    [InlineData(3, 30, 400, "signals.regressionWindowDays", "The regression window in days is 400; it must be between 1 and 365.")]
    public void SignalSettingsOutOfRangeAreRefused(int count, int busyDays, int regressionDays, string field, string message) =>
        RefusedOnly(Default with { Signals = new(count, busyDays, regressionDays) }, field, message);

    [Fact]
    public void MissingSignalSettingsAreRefused() =>
        RefusedOnly(Default with { Signals = null! }, "signals", "The signal settings are missing.");

    [Fact]
    public void MissingFactorIsRefused() =>
        RefusedOnly(Default with { Factors = Default.Factors.Where(f => f.Key != Factor.Value).ToList() }, "factors",
            "The factor Value is missing; each of the five factors must be present once.");

    [Fact]
    public void RepeatedFactorIsRefused()
    {
        var playbook = Default with { Factors = [.. Default.Factors.Take(4), Default.Factors[0]] };

        var errors = Refused(playbook);

        Assert.Equal(
            [
                ("factors[4].key", "Need appears more than once; each of the five factors must be present once."),
                ("factors", "The factor Collaboration is missing; each of the five factors must be present once."),
            ],
            errors.Select(e => (e.Field, e.Text.En)));
    }

    [Fact]
    public void RepeatedStageKeyIsRefused() =>
        RefusedOnly(WithStage("solution", s => s with { Key = "access" }), "stages[3].key",
            "The key \"access\" is used by more than one stage; stage keys must be unique.");

    [Theory]
    [InlineData("")]
    [InlineData("Qualify")]
    [InlineData("1st")]
    [InlineData("reach decision maker")]
    [InlineData("a23456789012345678901234567890123")]
    public void MalformedStageKeyIsRefused(string key) =>
        RefusedOnly(WithStage("qualify", s => s with { Key = key }), "stages[1].key",
            "The key of stage \"Qualify\" must be lowercase letters, digits and hyphens, start with a letter, and be at most 32 characters.");

    [Fact]
    public void RepeatedStageOrderIsRefused() =>
        RefusedOnly(WithStage("commit", s => s with { Order = 5 }), "stages[5].order",
            "Stage \"Verbal commitment\" has the same order (5) as stage \"Joint plan\"; each stage needs its own place.");

    [Fact]
    public void PlaybookWithoutStagesIsRefused() =>
        RefusedOnly(Default with { Stages = [] }, "stages", "The playbook needs at least one stage.");

    [Fact]
    public void PlaybookWithMoreThanTwelveStagesIsRefused()
    {
        // Each gate one level above the one before: need up to 5, then power up to 6, then goal.
        var stages = Enumerable.Range(0, 13)
            .Select(i => new StageDefinition($"s{i}", i + 1, new($"阶段{i}", $"Stage {i}"),
                new Levels(Math.Min(i, 5), Math.Clamp(i - 5, 0, 6), Math.Max(i - 11, 0), 0, 0), 14))
            .ToList();

        RefusedOnly(Default with { Stages = stages }, "stages", "The playbook can have at most 12 stages; it has 13.");
    }

    [Fact]
    public void EveryProblemIsReportedAtOnceAndTheFirstIsTheExceptionsField()
    {
        var playbook = WithLevelText(Factor.Need, 1, new("", "")) with { Signals = new(0, 30, 7) };

        var error = Assert.Throws<PlaybookValidationException>(() => PlaybookRules.Validate(playbook));

        Assert.Equal(["factors[0].levels[1].zh", "factors[0].levels[1].en", "signals.busyActivityCount"], error.Errors.Select(e => e.Field));
        Assert.Equal("factors[0].levels[1].zh", error.Field);
        Assert.Equal(error.Errors[0].Text, error.Text);
    }

    [Fact]
    public void AddedTopLevelBecomesTheLaddersLast()
    {
        var text = new Localized("决策人签署合同", "The decision maker signed the contract");

        var edited = Default.AddTopLevel(Factor.Power, text);

        Assert.Equal(7, edited.Factor(Factor.Power).MaxLevel);
        Assert.Equal(text, edited.Factor(Factor.Power).Levels[7]);
        Assert.Equal(6, Default.Factor(Factor.Power).MaxLevel);
        Assert.Empty(PlaybookRules.Check(edited));
    }

    [Fact]
    public void RemovedTopLevelLeavesTheGatesThatAskForItToBeLowered()
    {
        var edited = Default.RemoveTopLevel(Factor.Power);

        Assert.Equal(5, edited.Factor(Factor.Power).MaxLevel);
        RefusedOnly(edited, "stages[5].gate.power", "Stage \"Verbal commitment\" asks for Power level 6, but the ladder goes up to 5.");
        Assert.Empty(PlaybookRules.Check(edited with { Stages = edited.Stages.Select(s => s with { Gate = s.Gate.With(Factor.Power, Math.Min(s.Gate.Power, 5)) }).ToList() }));
    }

    [Fact]
    public void RemovingTheLastLevelAboveZeroIsRefused()
    {
        var shortest = Default with { Factors = Default.Factors.Select(f => f with { Levels = f.Levels.Take(2).ToList() }).ToList() };

        var error = Assert.Throws<DomainException>(() => shortest.RemoveTopLevel(Factor.Value));

        Assert.Equal("factors[3].levels", error.Field);
        Assert.Equal("Value needs at least 2 levels (0 and 1); it has 1.", error.Text.En);
    }

    [Fact]
    public void AddingAnEleventhLevelIsRefused()
    {
        var full = Enumerable.Range(0, 3).Aggregate(Default, (p, i) => p.AddTopLevel(Factor.Power, new($"第{i}级", $"Level {i}")));

        var error = Assert.Throws<DomainException>(() => full.AddTopLevel(Factor.Power, new("再一级", "One more")));

        Assert.Equal("factors[1].levels", error.Field);
        Assert.Equal("Power can have at most 10 levels (0 to 9); it has 11.", error.Text.En);
    }

    [Fact]
    public void NormalizedPlaybookHasNoSurroundingSpace()
    {
        var edited = WithLevelText(Factor.Need, 1, new(" 访谈 ", " Interviewed\n"));
        edited = edited with { Stages = edited.Stages.Select(s => s with { Key = $" {s.Key} ", Name = new($"{s.Name.Zh} ", $" {s.Name.En}") }).ToList() };

        var normalized = edited.Normalized();

        Assert.Equal(new Localized("访谈", "Interviewed"), normalized.Factor(Factor.Need).Levels[1]);
        Assert.Equal(Default.Stages.Select(s => (s.Key, s.Name)), normalized.Stages.Select(s => (s.Key, s.Name)));
    }
}
