namespace KeyAccountPipeline.Data.Imports;

/// <summary>
/// What a column of an imported file can hold: one deal's customer, details, owner, the five ladder levels (METHOD.md), the
/// day those levels were true, and the id the team's own workbook or CRM gives the deal (re-imports match on it).
/// </summary>
public enum ImportField
{
    Customer,
    Industry,
    Region,
    Title,
    ServiceLine,
    OwnerEmail,
    AnnualValue,
    TargetCloseDate,
    StartedOn,
    Need,
    Power,
    Goal,
    Value,
    Collaboration,
    LevelsAsOf,
    ExternalId,
}
