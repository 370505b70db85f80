using System.Globalization;

namespace KeyAccountPipeline.Domain.Deals;

/// <summary>
/// The names of the fields a deal event records as <see cref="FieldChange"/>s, and how each value is written: the API's
/// camelCase names of the same facts (a deal's <c>annualValue</c> in yuan, as on its card, not the stored fen), so a
/// reader of the timeline meets the card's words. Spelled once here for the domain that records them and the screens
/// that read them; renaming a C# property can no longer rename a recorded field.
/// </summary>
public static class DealFields
{
    public const string Title = "title";
    public const string ServiceLine = "serviceLine";

    /// <summary>The annual value in yuan (CNY), written with invariant digits and at most two decimals ("12500000.5").</summary>
    public const string AnnualValue = "annualValue";

    public const string TargetCloseDate = "targetCloseDate";
    public const string StartedOn = "startedOn";

    /// <summary>The owner's person id (a GUID) as recorded; the timeline shows the person's name.</summary>
    public const string OwnerId = "ownerId";

    /// <summary>How the timeline shows an <see cref="OwnerId"/> change: the two people's names, resolved when it is read.</summary>
    public const string Owner = "owner";

    /// <summary>
    /// How rows recorded before the names above spelled the annual value: in fen (1/100 yuan), named after the stored
    /// column. Never written any more; readers turn it into <see cref="AnnualValue"/> in yuan.
    /// </summary>
    public const string LegacyAnnualValueFen = "annualValueFen";

    /// <summary>A deal's details field by field, in the order the edit dialog shows them; only the fields that differ.</summary>
    public static IReadOnlyList<FieldChange> Between(DealDetails before, DealDetails after) => Differences(
    [
        (Title, before.Title, after.Title),
        (ServiceLine, Choice(before.ServiceLine), Choice(after.ServiceLine)),
        (AnnualValue, Yuan(before.AnnualValueFen), Yuan(after.AnnualValueFen)),
        (TargetCloseDate, Day(before.TargetCloseDate), Day(after.TargetCloseDate)),
        (StartedOn, Day(before.StartedOn), Day(after.StartedOn)),
    ]);

    /// <summary>An owner change: the two person ids.</summary>
    public static IReadOnlyList<FieldChange> OwnerChange(Guid before, Guid after) => [new(OwnerId, before.ToString(), after.ToString())];

    /// <summary>Yuan from fen, as <see cref="AnnualValue"/> records it.</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A date as recorded: ISO 8601, yyyy-MM-dd.</summary>
    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A choice as recorded: the API's camelCase name of the enum value.</summary>
    public static string Choice<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    internal static IReadOnlyList<FieldChange> Differences(IEnumerable<(string Field, string? Old, string? New)> fields) =>
        fields.Where(f => f.Old != f.New).Select(f => new FieldChange(f.Field, f.Old, f.New)).ToList();
}

/// <summary>The names of a stakeholder's fields in the events that add, change or remove one.</summary>
public static class StakeholderFields
{
    public const string Name = "name";
    public const string Title = "title";
    public const string Department = "department";
    public const string Role = "role";
    public const string Goal = "goal";
    public const string VetoStatus = "vetoStatus";

    /// <summary>Field by field; <paramref name="before"/> is null for an added stakeholder, <paramref name="after"/> for a removed one.</summary>
    public static IReadOnlyList<FieldChange> Between(StakeholderDetails? before, StakeholderDetails? after) => DealFields.Differences(
    [
        (Name, before?.Name, after?.Name),
        (Title, before?.Title, after?.Title),
        (Department, before?.Department, after?.Department),
        (Role, before is null ? null : DealFields.Choice(before.Role), after is null ? null : DealFields.Choice(after.Role)),
        (Goal, before?.Goal, after?.Goal),
        (VetoStatus, before?.VetoStatus is { } b ? DealFields.Choice(b) : null, after?.VetoStatus is { } a ? DealFields.Choice(a) : null),
    ]);
}
