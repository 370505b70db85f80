using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Validation;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Signals;

namespace KeyAccountPipeline.Web.Api;

/// <summary>
/// The deal filters of the query string (<c>?status=&amp;ownerId=&amp;stage=&amp;flag=&amp;industry=&amp;serviceLine=&amp;weakest=&amp;q=</c>),
/// shared by the card list and the board's CSV. <paramref name="Status"/> "all" means every status.
/// </summary>
internal sealed record DealListQuery(
    string? Status, string? OwnerId, string? Stage, string? Flag, string? Industry, string? ServiceLine, string? Weakest, string? Q)
{
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

        Check(Status is null || All || ApiEnum.IsValid<DealStatus>(Status), "status", $"'status' must be one of: all, {ApiEnum.Names<DealStatus>()}.");
        Check(OwnerId is null || Guid.TryParse(OwnerId, out _), "ownerId", "'ownerId' must be a person's id (a GUID).");
        Check(Stage is null || playbook.FindStage(Stage) is not null, "stage", $"'stage' must be one of: {string.Join(", ", playbook.Stages.Select(s => s.Key))}.");
        Check(Flag is null || ApiEnum.IsValid<Flag>(Flag), "flag", $"'flag' must be one of: {ApiEnum.Names<Flag>()}.");
        Check(ServiceLine is null || ApiEnum.IsValid<ServiceLine>(ServiceLine), "serviceLine", $"'serviceLine' must be one of: {ApiEnum.Names<ServiceLine>()}.");
        Check(Weakest is null || ApiEnum.IsValid<Factor>(Weakest), "weakest", $"'weakest' must be one of: {ApiEnum.Names<Factor>()}.");
        Check(Industry is null || Industry.Length <= Limits.Industry, "industry", $"'industry' must be {Limits.Industry} characters or fewer.");
        Check(Q is null || Q.Length <= Limits.Name, "q", $"'q' must be {Limits.Name} characters or fewer.");
        // PostgreSQL refuses a NUL in a text parameter (the query would fail with a 500); SQLite would take it. Refused alike.
        Check(RuleExtensions.IsClean(Industry, multiLine: false), "industry", "'industry' must not contain control characters.");
        Check(RuleExtensions.IsClean(Q, multiLine: false), "q", "'q' must not contain control characters.");
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
        return new DealListQuery(Keep("status", Status), Keep("ownerId", OwnerId), Keep("stage", Stage), Keep("flag", Flag),
            Keep("industry", Industry), Keep("serviceLine", ServiceLine), Keep("weakest", Weakest), Keep("q", Q));
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
