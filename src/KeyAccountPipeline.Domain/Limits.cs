namespace KeyAccountPipeline.Domain;

/// <summary>Text lengths shared by the database mapping and the validators.</summary>
public static class Limits
{
    public const int Name = 200;
    public const int Title = 200;
    public const int Email = 254;
    public const int Password = 200;
    public const int Industry = 100;
    public const int Region = 100;
    public const int Note = 4000;
    public const int Detail = 1000;
    public const int Summary = 2000;
    public const int Goal = 1000;
    public const int EnumText = 32;
    public const int ActionText = 1000;

    /// <summary>A deal's id in the team's own workbook or CRM (issue 16's imports match on it).</summary>
    public const int ExternalId = 100;

    /// <summary>An imported file's name as kept with the import.</summary>
    public const int FileName = 255;

    // The playbook's texts (checked by PlaybookRules; stored inside the playbook's JSON document).
    public const int FactorName = 100;
    public const int StageName = 100;
    public const int StageKey = 32;
    public const int LadderText = 300;
    public const int Question = 1000;
}
