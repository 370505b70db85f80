using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Web.Api;
using Microsoft.AspNetCore.Components;

namespace KeyAccountPipeline.Web.Components.Board;

/// <summary>
/// The board's filters, which live in its URL (a shared link shows the same board). The URL speaks the API's query
/// vocabulary (<see cref="DealListQuery.Names"/>) and is read by the API's binder, so a value the API refuses with 400
/// (a digit for an enum, a malformed id) is left out here, and the CSV link carries the filters unchanged.
/// </summary>
public partial class BoardPage
{
    // Query values arrive as text and are read by DealListQuery.WithoutErrors (see Query), so a malformed one is ignored;
    // a typed parameter (Guid?) fails the whole page on "?ownerId=abc" before any code of ours runs.
    [SupplyParameterFromQuery(Name = DealListQuery.Names.OwnerId)] public string? OwnerId { get; set; }

    [SupplyParameterFromQuery(Name = DealListQuery.Names.Industry)] public string? Industry { get; set; }

    [SupplyParameterFromQuery(Name = DealListQuery.Names.ServiceLine)] public string? ServiceLineKey { get; set; }

    [SupplyParameterFromQuery(Name = DealListQuery.Names.Flag)] public string? FlagKey { get; set; }

    [SupplyParameterFromQuery(Name = DealListQuery.Names.Weakest)] public string? Weakest { get; set; }

    [SupplyParameterFromQuery(Name = DealListQuery.Names.Q)] public string? Q { get; set; }

    /// <summary>"?owner=": the board's name for ownerId before it took the API's; links shared then still open filtered.</summary>
    [SupplyParameterFromQuery(Name = BoardFilters.OldOwnerName)] public string? OldOwner { get; set; }

    /// <summary>"?line=": the board's name for serviceLine before it took the API's.</summary>
    [SupplyParameterFromQuery(Name = BoardFilters.OldServiceLineName)] public string? OldServiceLine { get; set; }

    /// <summary>The URL's filters, each malformed one left out; set with the parameters.</summary>
    private DealListQuery Query { get; set; } = DealListQuery.None;

    private DealFilter Filter => Query.ToFilter();

    private bool HasFilters => Filter != new DealFilter();

    /// <summary>The board's CSV with the filters in view, in the same words as the page's URL.</summary>
    private string CsvHref => "export/board.csv" + Query.ToQueryString();

    /// <summary>The filters as the URL has them; the current name wins over its old alias when a link has both.</summary>
    private DealListQuery UrlQuery() => new(Status: null, OwnerId: OwnerId ?? OldOwner, Stage: null, Flag: FlagKey, Industry: Industry,
        ServiceLine: ServiceLineKey ?? OldServiceLine, Weakest: Weakest, Q: Q);
}
