using System.Security.Claims;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Web.Auth;

namespace KeyAccountPipeline.Web.Api;

/// <summary>
/// Correcting a checkpoint change (METHOD.md, "Corrections are not regressions"; docs/decisions/00NN-corrections.md). The rules are
/// the domain's (<c>Deal.CorrectCheckpoint</c>): 200 with the card; 400 naming <c>version</c> or <c>level</c>; 403 for anyone but the
/// change's recorder; 404 for an unknown deal or change; 409 with the current card for a stale version, a closed deal, a change
/// already corrected or not its factor's latest, or one whose window has passed.
/// </summary>
internal static class CorrectionEndpoints
{
    public static IEndpointRouteBuilder MapCorrectionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/deals/{id:guid}/checkpoints/{changeId:guid}/correct",
                (Guid id, Guid changeId, CorrectionRequest r, ClaimsPrincipal user, DealService service, CancellationToken ct) =>
                    service.CorrectCheckpointAsync(id, changeId, r, user.RequireActor(), ct))
            .WithTags("Deals").RequireAuthorization(ApiPolicies.Member).Validate<CorrectionRequest>().Idempotent();
        return app;
    }
}
