using KeyAccountPipeline.Data.Insights;
using KeyAccountPipeline.Web.Auth;

namespace KeyAccountPipeline.Web.Api;

internal static class InsightEndpoints
{
    /// <summary>The manager's view across the team (definitions on <see cref="InsightQueries"/>); reps get 403.</summary>
    public static IEndpointRouteBuilder MapInsightEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/insights", async (InsightQueries insights, CancellationToken ct) => TypedResults.Ok(await insights.InsightsAsync(ct)))
            .WithTags("Insights").RequireAuthorization(ApiPolicies.Manager);
        return app;
    }
}
