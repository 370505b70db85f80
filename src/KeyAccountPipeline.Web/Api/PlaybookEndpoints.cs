using System.Security.Claims;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Web.Auth;

namespace KeyAccountPipeline.Web.Api;

internal static class PlaybookEndpoints
{
    public static IEndpointRouteBuilder MapPlaybookEndpoints(this IEndpointRouteBuilder app)
    {
        var playbook = app.MapGroup("/api/playbook").WithTags("Playbook");
        playbook.MapGet("", async (PlaybookStore store, CancellationToken ct) => TypedResults.Ok(PlaybookView.Of(await store.CurrentAsync(ct))))
            .RequireAuthorization(ApiPolicies.Member);
        playbook.MapGet("/versions", async (PlaybookRepository repository, CancellationToken ct) => TypedResults.Ok(await repository.VersionsAsync(ct)))
            .RequireAuthorization(ApiPolicies.Member);

        // Editing is for admins: the policy answers others 403, and PlaybookService checks the actor again on save.
        playbook.MapGet("/edit", async (PlaybookStore store, CancellationToken ct) => TypedResults.Ok(PlaybookDocument.From(await store.CurrentAsync(ct))))
            .RequireAuthorization(ApiPolicies.Admin);
        playbook.MapPut("/", async (PlaybookDocument r, ClaimsPrincipal user, PlaybookService playbooks, CancellationToken ct) =>
                TypedResults.Ok(PlaybookDocument.From(await playbooks.SaveAsync(r.ToPlaybook(), r.Version!.Value, user.RequireActor(), ct))))
            .Validate<PlaybookDocument>()
            .RequireAuthorization(ApiPolicies.Admin);
        return app;
    }
}
