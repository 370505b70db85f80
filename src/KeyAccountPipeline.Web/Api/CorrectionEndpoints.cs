using System.Security.Claims;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Web.Auth;

namespace KeyAccountPipeline.Web.Api;

/// <summary>
/// Correcting a checkpoint change (METHOD.md, "Corrections are not regressions"; docs/decisions/0030-corrections.md). The rules are
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
            .WithTags("Deals").RequireAuthorization(ApiPolicies.Member).Validate<CorrectionRequest>().Idempotent()
            .WithSummary("Correct a checkpoint change: its recorder, within the correction window (Corrections:WindowMinutes, default 15)")
            .WithDescription("Body `{ version, level? }`: the level meant, default the change's from-level (undo). The pair reads as one change from that "
                + "from-level, dated at the corrected change: never a regression. 403 for anyone but the recorder; 409 with `current` for a stale "
                + "version, a closed deal, a change already corrected, a correction, a change with a later change of its factor, or past its window; "
                + "400 on `level` below the from-level (going down is a regression with its reason) or equal to the change's own.");
        return app;
    }
}
