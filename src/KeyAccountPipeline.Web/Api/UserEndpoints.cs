using System.Security.Claims;
using KeyAccountPipeline.Data.People;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KeyAccountPipeline.Web.Api;

/// <summary>
/// People and their sign-ins, for admins. The policy refuses everyone else before the handler runs, and
/// UserAccounts checks the actor again, so the rule holds for the users page too.
/// </summary>
internal static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(ApiPolicies.Admin);
        users.MapGet("/", async (PeopleQueries queries, TimeProvider time, CancellationToken ct) =>
            TypedResults.Ok(await queries.UsersAsync(time.GetUtcNow(), ct)));

        users.MapPost("/", async (CreateUserRequest r, ClaimsPrincipal user, UserAccounts accounts, CancellationToken ct) =>
        {
            var person = await accounts.CreateAsync(r.Name!, r.Email!, r.ToRole(), r.Password!, user.RequireActor(), ct);
            // From what was saved, not read back: once the person is committed, the answer cannot fail.
            return TypedResults.Created($"/api/users/{person.Id}", UserView.New(person));
        }).Validate<CreateUserRequest>();

        users.MapPut("/{id:guid}/role", async (Guid id, RoleRequest r, ClaimsPrincipal user, UserAccounts accounts, PeopleQueries queries, TimeProvider time, CancellationToken ct) =>
        {
            await accounts.ChangeRoleAsync(id, r.ToRole(), user.RequireActor(), ct);
            return await CurrentAsync(id, queries, time, ct);
        }).Validate<RoleRequest>();

        users.MapPost("/{id:guid}/disable", async (Guid id, ClaimsPrincipal user, UserAccounts accounts, PeopleQueries queries, TimeProvider time, CancellationToken ct) =>
        {
            await accounts.SetActiveAsync(id, active: false, user.RequireActor(), ct);
            return await CurrentAsync(id, queries, time, ct);
        });

        users.MapPost("/{id:guid}/enable", async (Guid id, ClaimsPrincipal user, UserAccounts accounts, PeopleQueries queries, TimeProvider time, CancellationToken ct) =>
        {
            await accounts.SetActiveAsync(id, active: true, user.RequireActor(), ct);
            return await CurrentAsync(id, queries, time, ct);
        });

        // Ends a lockout after too many failed sign-ins; unlocking someone not locked changes nothing and answers the same.
        users.MapPost("/{id:guid}/unlock", async (Guid id, ClaimsPrincipal user, UserAccounts accounts, PeopleQueries queries, TimeProvider time, CancellationToken ct) =>
        {
            await accounts.UnlockAsync(id, user.RequireActor(), ct);
            return await CurrentAsync(id, queries, time, ct);
        });

        users.MapPost("/{id:guid}/password", async (Guid id, PasswordRequest r, ClaimsPrincipal user, UserAccounts accounts, CancellationToken ct) =>
        {
            await accounts.ResetPasswordAsync(id, r.Password!, user.RequireActor(), ct);
            return TypedResults.NoContent();
        }).Validate<PasswordRequest>();
        return app;
    }

    /// <summary>The person as they are after the change (unknown ids never get here: the service answers 404).</summary>
    private static async Task<Ok<UserView>> CurrentAsync(Guid id, PeopleQueries queries, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await queries.UserAsync(id, time.GetUtcNow(), ct) ?? throw new NotFoundException($"There is no person {id}."));
}
