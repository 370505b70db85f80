using System.Text.Json;

namespace KeyAccountPipeline.Domain.Playbooks;

/// <summary>The five factors of the method, in METHOD.md order (the order breaks ties).</summary>
public enum Factor
{
    Need,
    Power,
    Goal,
    Value,
    Collaboration,
}

/// <summary>
/// The one list of the five factors, in METHOD.md order. Every mapping, header, validator, colour and chart that
/// needs all five loops over <see cref="All"/> rather than spelling them out; a place that must name each factor's
/// own member (<see cref="Levels"/>, the deal's cached level columns) does so once and is checked against this list.
/// </summary>
public static class Factors
{
    /// <summary>Need, Power, Goal, Value, Collaboration: five items, in METHOD.md order.</summary>
    public static IReadOnlyList<Factor> All { get; } = [Factor.Need, Factor.Power, Factor.Goal, Factor.Value, Factor.Collaboration];

    // The wire names, computed once; indexed by position in All.
    private static readonly string[] Keys = [.. All.Select(f => JsonNamingPolicy.CamelCase.ConvertName(f.ToString()))];

    /// <summary>
    /// Where <paramref name="factor"/> stands in <see cref="All"/> (Need 0 … Collaboration 4): the index of its colour,
    /// its dash pattern and its slot in any array kept per factor.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value that is not one of the five factors.</exception>
    public static int Position(this Factor factor)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i] == factor)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(factor), factor, "Not one of the five factors.");
    }

    /// <summary>
    /// The name <paramref name="factor"/> travels under, camelCase as every enum in the API ("need", "collaboration"):
    /// the JSON member of levels and gates, the CSV column, the field path of an error (<c>stages[2].gate.power</c>),
    /// URL values and <c>data-factor</c> attributes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value that is not one of the five factors.</exception>
    public static string Key(this Factor factor) => Keys[factor.Position()];
}
