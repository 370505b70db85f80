using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Api;

// The playbook as an admin edits it: every text in both languages. GET /api/playbook/edit answers it,
// PUT /api/playbook takes it back with the version it was read at, and the editor page binds its fields
// to it directly (hence settable properties). Field paths in errors follow this shape:
// factors[1].levels[3].en, stages[2].gate.power, signals.busyWindowDays.

public sealed class TextDocument
{
    public string? Zh { get; set; }

    public string? En { get; set; }

    public static TextDocument From(Localized text) => new() { Zh = text.Zh, En = text.En };

    public Localized ToLocalized() => new(Zh ?? string.Empty, En ?? string.Empty);
}

public sealed class FactorDocument
{
    public string? Key { get; set; }

    public TextDocument? Name { get; set; }

    public TextDocument? Question { get; set; }

    public List<TextDocument?>? Levels { get; set; }
}

/// <summary>
/// A stage's gate: the minimum level per factor, also reachable by factor for the editor's table. The named
/// properties are the JSON shape (and the OpenAPI schema); everything else goes through the indexer, by
/// <see cref="Factors.All"/>.
/// </summary>
public sealed class GateDocument
{
    private readonly int?[] _levels = new int?[Factors.All.Count];

    public int? Need { get => this[Factor.Need]; set => this[Factor.Need] = value; }

    public int? Power { get => this[Factor.Power]; set => this[Factor.Power] = value; }

    public int? Goal { get => this[Factor.Goal]; set => this[Factor.Goal] = value; }

    public int? Value { get => this[Factor.Value]; set => this[Factor.Value] = value; }

    public int? Collaboration { get => this[Factor.Collaboration]; set => this[Factor.Collaboration] = value; }

    /// <exception cref="ArgumentOutOfRangeException">A value that is not one of the five factors.</exception>
    public int? this[Factor factor]
    {
        get => _levels[factor.Position()];
        set => _levels[factor.Position()] = value;
    }

    /// <summary>The editable form of <paramref name="gate"/>: each factor's level under its own member.</summary>
    public static GateDocument From(Levels gate)
    {
        var document = new GateDocument();
        foreach (var factor in Factors.All)
        {
            document[factor] = gate[factor];
        }

        return document;
    }

    /// <summary>The gate's levels; assumes <see cref="PlaybookDocumentValidator"/> passed (every level given).</summary>
    public Levels ToLevels() => Levels.From(f => this[f]!.Value);
}

public sealed class StageDocument
{
    public string? Key { get; set; }

    public int? Order { get; set; }

    public TextDocument? Name { get; set; }

    public GateDocument? Gate { get; set; }

    public int? StallAfterDays { get; set; }
}

public sealed class SignalsDocument
{
    public int? BusyActivityCount { get; set; }

    public int? BusyWindowDays { get; set; }

    public int? RegressionWindowDays { get; set; }
}

public sealed class PlaybookDocument
{
    /// <summary>The version this document was read at; a save over an older one is refused (409).</summary>
    public int? Version { get; set; }

    public List<FactorDocument?>? Factors { get; set; }

    public List<StageDocument?>? Stages { get; set; }

    public SignalsDocument? Signals { get; set; }

    public static PlaybookDocument From(Playbook playbook) => new()
    {
        Version = playbook.Version,
        Factors = playbook.Factors.Select(f => (FactorDocument?)new FactorDocument
        {
            Key = ApiEnum.Name(f.Key),
            Name = TextDocument.From(f.Name),
            Question = TextDocument.From(f.Question),
            Levels = f.Levels.Select(l => (TextDocument?)TextDocument.From(l)).ToList(),
        }).ToList(),
        Stages = playbook.Stages.OrderBy(s => s.Order).Select(s => (StageDocument?)new StageDocument
        {
            Key = s.Key,
            Order = s.Order,
            Name = TextDocument.From(s.Name),
            Gate = GateDocument.From(s.Gate),
            StallAfterDays = s.StallAfterDays,
        }).ToList(),
        Signals = new SignalsDocument
        {
            BusyActivityCount = playbook.Signals.BusyActivityCount,
            BusyWindowDays = playbook.Signals.BusyWindowDays,
            RegressionWindowDays = playbook.Signals.RegressionWindowDays,
        },
    };

    /// <summary>
    /// The playbook to save; assumes <see cref="PlaybookDocumentValidator"/> passed. Blank texts and wrong ladder
    /// sizes are carried over as they are: <see cref="PlaybookRules"/> names each under its field.
    /// </summary>
    public Playbook ToPlaybook() => new(
        Version!.Value,
        Factors!.Select(f => new FactorDefinition(
            ApiEnum.Parse<Factor>(f!.Key), Localize(f.Name), Localize(f.Question), f.Levels!.Select(Localize).ToList())).ToList(),
        Stages!.Select(s => new StageDefinition(
            s!.Key ?? string.Empty, s.Order!.Value, Localize(s.Name),
            s.Gate!.ToLevels(),
            s.StallAfterDays!.Value)).ToList(),
        new SignalSettings(Signals!.BusyActivityCount!.Value, Signals.BusyWindowDays!.Value, Signals.RegressionWindowDays!.Value));

    private static Localized Localize(TextDocument? text) => text?.ToLocalized() ?? new(string.Empty, string.Empty);
}
