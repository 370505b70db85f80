namespace KeyAccountPipeline.Domain.Playbooks;

/// <summary>A deal's level on each of the five ladders.</summary>
public readonly record struct Levels(int Need, int Power, int Goal, int Value, int Collaboration)
{
    public int this[Factor factor] => factor switch
    {
        Factor.Need => Need,
        Factor.Power => Power,
        Factor.Goal => Goal,
        Factor.Value => Value,
        Factor.Collaboration => Collaboration,
        _ => throw new ArgumentOutOfRangeException(nameof(factor), factor, null),
    };

    public int Total() => Need + Power + Goal + Value + Collaboration;

    public Levels With(Factor factor, int level) => factor switch
    {
        Factor.Need => this with { Need = level },
        Factor.Power => this with { Power = level },
        Factor.Goal => this with { Goal = level },
        Factor.Value => this with { Value = level },
        Factor.Collaboration => this with { Collaboration = level },
        _ => throw new ArgumentOutOfRangeException(nameof(factor), factor, null),
    };

    /// <summary>True when every factor is at or above <paramref name="gate"/>'s level.</summary>
    public bool Meets(Levels gate)
    {
        var self = this;
        return Enum.GetValues<Factor>().All(f => self[f] >= gate[f]);
    }

    public static Levels Zero => default;
}
