using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Validation;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Signals;

namespace KeyAccountPipeline.Web.Api;

/// <summary>
/// The deal filters of the query string (<c>?status=&amp;ownerId=&amp;stage=&amp;flag=&amp;industry=&amp;serviceLine=&amp;weakest=&amp;q=</c>):
/// the one vocabulary and binder of the card list, the board's CSV and the board page's URL. The API binds it with
/// <c>[AsParameters]</c> (parameter names are the query names) and answers <see cref="Errors"/> with 400; the page binds the same
/// names (<see cref="Names"/>) and reads them through <see cref="WithoutErrors"/>. <paramref name="Status"/> "all" means every status.
/// </summary>
internal sealed record DealListQuery(
    string? Status, string? OwnerId, string? Stage, string? Flag, string? Industry, string? ServiceLine, string? Weakest, string? Q)
{
    /// <summary>The query names, as the API binds them (its parameter names) and as a page's URL carries them.</summary>
    public static class Names
    {
        public const string Status = "status";
        public const string OwnerId = "ownerId";
        public const string Stage = "stage";
        public const string Flag = "flag";
        public const string Industry = "industry";
        public const string ServiceLine = "serviceLine";
        public const string Weakest = "weakest";
        public const string Q = "q";
    }

    /// <summary>No filter at all.</summary>
    public static DealListQuery None { get; } = new(null, null, null, null, null, null, null, null);

    private bool All => string.Equals(Status, "all", StringComparison.OrdinalIgnoreCase);

    /// <summary>Each bad parameter with the values it accepts; empty when the query is good.</summary>
    public Dictionary<string, string[]> Errors(Playbook playbook)
    {
        var errors = new Dictionary<string, string[]>();
        void Check(bool ok, string field, string message)
        {
            if (!ok)
            {
                errors[field] = [message];
            }
        }

        Check(Status is null || All || ApiEnum.IsValid<DealStatus>(Status), Names.Status, $"'status' must be one of: all, {ApiEnum.Names<DealStatus>()}.");
        Check(OwnerId is null || Guid.TryParse(OwnerId, out _), Names.OwnerId, "'ownerId' must be a person's id (a GUID).");
        Check(Stage is null || playbook.FindStage(Stage) is not null, Names.Stage, $"'stage' must be one of: {string.Join(", ", playbook.Stages.Select(s => s.Key))}.");
        Check(Flag is null || ApiEnum.IsValid<Flag>(Flag), Names.Flag, $"'flag' must be one of: {ApiEnum.Names<Flag>()}.");
        Check(ServiceLine is null || ApiEnum.IsValid<ServiceLine>(ServiceLine), Names.ServiceLine, $"'serviceLine' must be one of: {ApiEnum.Names<ServiceLine>()}.");
        Check(Weakest is null || ApiEnum.IsValid<Factor>(Weakest), Names.Weakest, $"'weakest' must be one of: {ApiEnum.Names<Factor>()}.");
        Check(Industry is null || Industry.Length <= Limits.Industry, Names.Industry, $"'industry' must be {Limits.Industry} characters or fewer.");
        Check(Q is null || Q.Length <= Limits.Name, Names.Q, $"'q' must be {Limits.Name} characters or fewer.");
        // PostgreSQL refuses a NUL in a text parameter (the query would fail with a 500); SQLite would take it. Refused alike.
        Check(RuleExtensions.IsClean(Industry, multiLine: false), Names.Industry, "'industry' must not contain control characters.");
        Check(RuleExtensions.IsClean(Q, multiLine: false), Names.Q, "'q' must not contain control characters.");
        return errors;
    }

    /// <summary>
    /// The same query with every parameter that <see cref="Errors"/> refuses, or that is blank, left out: how a page reads
    /// filters from its URL, where a hand-edited or stale link must still open the page (the API answers 400 instead).
    /// </summary>
    public DealListQuery WithoutErrors(Playbook playbook)
    {
        var errors = Errors(playbook);
        string? Keep(string field, string? value) => string.IsNullOrWhiteSpace(value) || errors.ContainsKey(field) ? null : value;
        return new DealListQuery(Keep(Names.Status, Status), Keep(Names.OwnerId, OwnerId), Keep(Names.Stage, Stage), Keep(Names.Flag, Flag),
            Keep(Names.Industry, Industry), Keep(Names.ServiceLine, ServiceLine), Keep(Names.Weakest, Weakest), Keep(Names.Q, Q));
    }

    /// <summary>
    /// The query string of the filters that are set (blank ones left out), under <see cref="Names"/>: "" or
    /// "?ownerId=…&amp;serviceLine=transport", values escaped. A page links the API's CSV with it, so both read one vocabulary.
    /// </summary>
    public string ToQueryString()
    {
        var parts = new (string Name, string? Value)[]
            {
                (Names.Status, Status), (Names.OwnerId, OwnerId), (Names.Stage, Stage), (Names.Flag, Flag), (Names.Industry, Industry),
                (Names.ServiceLine, ServiceLine), (Names.Weakest, Weakest), (Names.Q, Q),
            }
            .Where(p => !string.IsNullOrWhiteSpace(p.Value))
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}")
            .ToList();
        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }

    /// <summary>The filter of a query without <see cref="Errors"/>.</summary>
    public DealFilter ToFilter() => new(
        Status: All ? null : ApiEnum.ParseOptional<DealStatus>(Status),
        AllStatuses: All,
        OwnerId: OwnerId is null ? null : Guid.Parse(OwnerId),
        Stage: Stage,
        Flag: ApiEnum.ParseOptional<Flag>(Flag),
        Industry: Industry,
        ServiceLine: ApiEnum.ParseOptional<ServiceLine>(ServiceLine),
        Weakest: ApiEnum.ParseOptional<Factor>(Weakest),
        Query: Q);
}
