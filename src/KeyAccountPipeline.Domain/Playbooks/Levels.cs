namespace KeyAccountPipeline.Domain.Playbooks;

/// <summary>
/// A deal's level on each of the five ladders. The named members are the JSON shape (<c>{"need":3,"power":1,…}</c>)
/// and what EF projects into; everything else goes through the indexer and <see cref="From"/>, the only two places that
/// match a <see cref="Factor"/> to its member, so code that needs all five loops over <see cref="Factors.All"/>.
/// </summary>
public readonly record struct Levels(int Need, int Power, int Goal, int Value, int Collaboration)
{
    /// <exception cref="ArgumentOutOfRangeException">A value that is not one of the five factors.</exception>
    public int this[Factor factor] => factor switch
    {
        Factor.Need => Need,
        Factor.Power => Power,
        Factor.Goal => Goal,
        Factor.Value => Value,
        Factor.Collaboration => Collaboration,
        _ => throw new ArgumentOutOfRangeException(nameof(factor), factor, null),
    };

    /// <summary>The levels with <paramref name="level"/>(f) for each factor f.</summary>
    public static Levels From(Func<Factor, int> level) =>
        new(level(Factor.Need), level(Factor.Power), level(Factor.Goal), level(Factor.Value), level(Factor.Collaboration));

    public int Total()
    {
        var self = this;
        return Factors.All.Sum(f => self[f]);
    }

    public Levels With(Factor factor, int level)
    {
        var self = this;
        _ = self[factor]; // refuses a value that is not a factor, as the indexer does
        return From(f => f == factor ? level : self[f]);
    }

    /// <summary>True when every factor is at or above <paramref name="gate"/>'s level.</summary>
    public bool Meets(Levels gate)
    {
        var self = this;
        return Factors.All.All(f => self[f] >= gate[f]);
    }

    public static Levels Zero => default;
}
