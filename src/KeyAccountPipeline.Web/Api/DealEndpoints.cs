using System.Security.Claims;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Reviews;
using KeyAccountPipeline.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KeyAccountPipeline.Web.Api;

internal static class DealEndpoints
{
    public static IEndpointRouteBuilder MapDealEndpoints(this IEndpointRouteBuilder app)
    {
        // The instance's shared board (docs/decisions/0039-shared-board-snapshot.md): no query once it is in memory.
        app.MapGet("/api/board", async (BoardSnapshot board, CancellationToken ct) => TypedResults.Ok(await board.BoardAsync(ct)))
            .WithTags("Deals").RequireAuthorization(ApiPolicies.Member);

        // Who may change which deal is decided in DealService (Actor's rules), for the API and the UI alike. Each write binds
        // the request DealService takes (Data/Deals/DealRequests.cs) and runs its validator first: a bad body is answered 400
        // before an idempotency key is claimed or anything is read.
        var deals = app.MapGroup("/api/deals").WithTags("Deals").RequireAuthorization(ApiPolicies.Member);
        deals.MapGet("/", ListAsync);
        deals.MapPost("/", CreateAsync).Validate<CreateDealRequest>().Idempotent();
        deals.MapGet("/{id:guid}", async Task<Results<Ok<DealDetail>, NotFound>> (Guid id, DealQueries queries, CancellationToken ct) =>
            await queries.DetailAsync(id, ct) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound());
        deals.MapPut("/{id:guid}", (Guid id, UpdateDealRequest r, ClaimsPrincipal user, DealService service, CancellationToken ct) =>
            service.EditAsync(id, r, user.RequireActor(), ct)).Validate<UpdateDealRequest>();

        deals.MapPost("/{id:guid}/checkpoints", (Guid id, CheckpointRequest r, ClaimsPrincipal user, DealService service, CancellationToken ct) =>
            service.RecordCheckpointAsync(id, r, user.RequireActor(), ct)).Validate<CheckpointRequest>().Idempotent();
        deals.MapPost("/{id:guid}/activities", (Guid id, ActivityRequest r, ClaimsPrincipal user, DealService service, CancellationToken ct) =>
            service.LogActivityAsync(id, r, user.RequireActor(), ct))
            .Validate<ActivityRequest>().Idempotent();
        // The after-visit update: the activity and the checkpoints it proved, in one transaction (decision 0029-record-a-visit).
        deals.MapPost("/{id:guid}/visits", (Guid id, RecordVisitRequest r, ClaimsPrincipal user, DealService service, CancellationToken ct) =>
            service.RecordVisitAsync(id, r, user.RequireActor(), ct))
            .Validate<RecordVisitRequest>().Idempotent();
        deals.MapGet("/{id:guid}/history", async Task<Results<Ok<IReadOnlyList<CheckpointView>>, NotFound>> (Guid id, DealQueries queries, CancellationToken ct) =>
            await queries.HistoryAsync(id, ct) is { } history ? TypedResults.Ok(history) : TypedResults.NotFound());
        deals.MapGet("/{id:guid}/timeline", async Task<Results<Ok<IReadOnlyList<TimelineEntry>>, NotFound>> (Guid id, DealQueries queries, CancellationToken ct) =>
            await queries.TimelineAsync(id, ct) is { } timeline ? TypedResults.Ok(timeline) : TypedResults.NotFound());

        deals.MapPost("/{id:guid}/stakeholders", async (Guid id, StakeholderRequest r, ClaimsPrincipal user, DealService service, CancellationToken ct) =>
        {
            var created = await service.AddStakeholderAsync(id, r, user.RequireActor(), ct);
            return TypedResults.Created($"/api/deals/{id}/stakeholders/{created.Id}", created);
        }).Validate<StakeholderRequest>().Idempotent();
        deals.MapPut("/{id:guid}/stakeholders/{stakeholderId:guid}", (Guid id, Guid stakeholderId, StakeholderRequest r, ClaimsPrincipal user, DealService service, CancellationToken ct) =>
            service.ChangeStakeholderAsync(id, stakeholderId, r, user.RequireActor(), ct)).Validate<StakeholderRequest>();
        deals.MapDelete("/{id:guid}/stakeholders/{stakeholderId:guid}", async (Guid id, Guid stakeholderId, ClaimsPrincipal user, DealService service, CancellationToken ct) =>
        {
            await service.RemoveStakeholderAsync(id, stakeholderId, user.RequireActor(), ct);
            return TypedResults.NoContent();
        });

        deals.MapPost("/{id:guid}/close", (Guid id, CloseRequest r, ClaimsPrincipal user, DealService service, CancellationToken ct) =>
            service.CloseAsync(id, r, user.RequireActor(), ct))
            .Validate<CloseRequest>();
        deals.MapPost("/{id:guid}/reopen", (Guid id, StatusRequest r, ClaimsPrincipal user, DealService service, CancellationToken ct) =>
            service.ReopenAsync(id, r, user.RequireActor(), ct)).Validate<StatusRequest>();
        deals.MapPost("/{id:guid}/hold", (Guid id, StatusRequest r, ClaimsPrincipal user, DealService service, CancellationToken ct) =>
            service.HoldAsync(id, r, user.RequireActor(), ct)).Validate<StatusRequest>();
        deals.MapPost("/{id:guid}/resume", (Guid id, StatusRequest r, ClaimsPrincipal user, DealService service, CancellationToken ct) =>
            service.ResumeAsync(id, r, user.RequireActor(), ct)).Validate<StatusRequest>();
        deals.MapPost("/{id:guid}/owner", (Guid id, ReassignRequest r, ClaimsPrincipal user, DealService service, CancellationToken ct) =>
            service.ReassignAsync(id, r, user.RequireActor(), ct)).Validate<ReassignRequest>();
        // An action item given on the deal's page, outside a review (managers and admins, as in a review).
        deals.MapPost("/{id:guid}/action-items", async (Guid id, DealActionItemRequest r, ClaimsPrincipal user, ReviewService service, CancellationToken ct) =>
        {
            var item = await service.GiveActionItemAsync(id, r, user.RequireActor(), ct);
            return TypedResults.Created($"/api/action-items?dealId={id}", item);
        }).Validate<DealActionItemRequest>().Idempotent();
        deals.MapPost("/{id:guid}/coaching", async (Guid id, CoachingNoteRequest r, ClaimsPrincipal user, DealService service, CancellationToken ct) =>
        {
            var note = await service.AddCoachingNoteAsync(id, r, user.RequireActor(), ct);
            return TypedResults.Created($"/api/deals/{id}/timeline", note);
        }).Validate<CoachingNoteRequest>().Idempotent();
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<DealCard>>, ValidationProblem>> ListAsync(
        [AsParameters] DealListQuery query, DealQueries queries, Data.Playbooks.PlaybookStore playbooks, CancellationToken ct)
    {
        var errors = query.Errors(await playbooks.CurrentAsync(ct));
        return errors.Count > 0 ? Problems.Validation(errors) : TypedResults.Ok(await queries.CardsAsync(query.ToFilter(), ct));
    }

    private static async Task<Created<DealCard>> CreateAsync(CreateDealRequest r, ClaimsPrincipal user, DealService service, CancellationToken ct)
    {
        var card = await service.CreateAsync(r, user.RequireActor(), ct);
        return TypedResults.Created($"/api/deals/{card.Id}", card);
    }
}
