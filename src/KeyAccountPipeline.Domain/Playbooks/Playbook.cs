namespace KeyAccountPipeline.Domain.Playbooks;

public sealed record FactorDefinition(Factor Key, Localized Name, Localized Question, IReadOnlyList<Localized> Levels)
{
    public int MaxLevel => Levels.Count - 1;
}

public sealed record StageDefinition(string Key, int Order, Localized Name, Levels Gate, int StallAfterDays);

/// <summary>How the board's signals are tuned. Windows are whole calendar days in the organisation's time zone.</summary>
public sealed record SignalSettings(int BusyActivityCount, int BusyWindowDays, int RegressionWindowDays);

public sealed record MissingItem(Factor Factor, int Current, int Required);

/// <summary>Where a deal stands on the climb: everything derived from its five levels.</summary>
public sealed record Standing(
    StageDefinition Stage,
    double Progress,
    StageDefinition? NextStage,
    IReadOnlyList<MissingItem> Missing,
    Factor? Weakest);

/// <summary>
/// The organisation's playbook: ladders, stages with gates, and signal settings. It is data with a
/// version number; every history row records the version it was recorded under.
/// </summary>
public sealed record Playbook(int Version, IReadOnlyList<FactorDefinition> Factors, IReadOnlyList<StageDefinition> Stages, SignalSettings Signals)
{
    public FactorDefinition Factor(Factor key) => Factors.Single(f => f.Key == key);

    public StageDefinition? FindStage(string key) => Stages.FirstOrDefault(s => s.Key == key);

    public int LevelsPossible => Factors.Sum(f => f.MaxLevel);

    public Levels TopLevels => Levels.From(f => Factor(f).MaxLevel);

    /// <summary>Stage = the highest stage whose gate the levels meet; progress = levels reached / levels possible.</summary>
    public Standing Evaluate(Levels levels)
    {
        var ordered = Stages.OrderBy(s => s.Order).ToList();
        var stage = ordered.Last(s => levels.Meets(s.Gate) || s == ordered[0]);
        var next = ordered.FirstOrDefault(s => s.Order > stage.Order);
        var gaps = Gaps(levels, next?.Gate ?? TopLevels);
        var weakest = gaps.Count == 0
            ? (Factor?)null
            : gaps.OrderByDescending(m => m.Required - m.Current).ThenBy(m => m.Factor).First().Factor;
        var progress = LevelsPossible == 0 ? 0 : Math.Round((double)levels.Total() / LevelsPossible, 3);
        return new Standing(stage, progress, next, next is null ? [] : gaps, weakest);
    }

    /// <summary>The playbook with <paramref name="text"/> as a new top level of <paramref name="factor"/>'s ladder.</summary>
    public Playbook AddTopLevel(Factor factor, Localized text) =>
        WithLadder(factor, ladder => [.. ladder, text]);

    /// <summary>
    /// The playbook without <paramref name="factor"/>'s top level. Gates that asked for it are left as they
    /// are for the editor to lower (<see cref="PlaybookRules"/> names them); deals standing on it are checked on save.
    /// </summary>
    public Playbook RemoveTopLevel(Factor factor) =>
        WithLadder(factor, ladder => ladder.Take(ladder.Count - 1).ToList());

    /// <summary>Texts and stage keys without surrounding white space, as they are stored.</summary>
    public Playbook Normalized() => this with
    {
        Factors = Factors.Select(f => f with { Name = f.Name.Trimmed(), Question = f.Question.Trimmed(), Levels = f.Levels.Select(l => l.Trimmed()).ToList() }).ToList(),
        Stages = Stages.Select(s => s with { Key = s.Key.Trim(), Name = s.Name.Trimmed() }).ToList(),
    };

    /// <summary>A ladder edit, refused at once when it would leave the ladder too short or too long.</summary>
    private Playbook WithLadder(Factor key, Func<IReadOnlyList<Localized>, IReadOnlyList<Localized>> edit)
    {
        var index = Factors.ToList().FindIndex(f => f.Key == key);
        if (index < 0)
        {
            throw new ArgumentException($"The playbook has no factor {key}.", nameof(key));
        }

        var factor = Factors[index];
        var ladder = edit(factor.Levels);
        if (PlaybookRules.LadderSize(index, factor, ladder.Count) is { } error)
        {
            throw new DomainException(error.Field, error.Text);
        }

        return this with { Factors = Factors.Select((f, i) => i == index ? f with { Levels = ladder } : f).ToList() };
    }

    /// <summary>What <paramref name="levels"/> still lacks to meet <paramref name="gate"/>, in factor order.</summary>
    public static IReadOnlyList<MissingItem> Gaps(Levels levels, Levels gate) =>
        Playbooks.Factors.All
            .Select(f => new MissingItem(f, levels[f], gate[f]))
            .Where(m => m.Current < m.Required)
            .ToList();
}
