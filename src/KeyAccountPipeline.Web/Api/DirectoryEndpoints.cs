using KeyAccountPipeline.Data.People;
using KeyAccountPipeline.Web.Auth;

namespace KeyAccountPipeline.Web.Api;

internal static class DirectoryEndpoints
{
    public static IEndpointRouteBuilder MapDirectoryEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Directory").RequireAuthorization(ApiPolicies.Member);
        api.MapGet("/people", async (PeopleQueries queries, CancellationToken ct) => TypedResults.Ok(await queries.PeopleAsync(ct)));
        api.MapGet("/accounts", async (PeopleQueries queries, CancellationToken ct) => TypedResults.Ok(await queries.AccountsAsync(ct)));
        return app;
    }
}
