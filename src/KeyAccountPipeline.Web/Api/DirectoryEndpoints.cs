using KeyAccountPipeline.Data.People;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Auth;

namespace KeyAccountPipeline.Web.Api;

public sealed record LevelView(int Level, string Text);

public sealed record FactorView(Factor Key, string Name, string Question, int MaxLevel, IReadOnlyList<LevelView> Levels);

public sealed record StageView(string Key, int Order, string Name, Levels Gate, int StallAfterDays);

public sealed record PlaybookView(int Version, IReadOnlyList<FactorView> Factors, IReadOnlyList<StageView> Stages, SignalSettings Signals);

internal static class DirectoryEndpoints
{
    public static IEndpointRouteBuilder MapDirectoryEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Directory").RequireAuthorization(ApiPolicies.Member);
        api.MapGet("/playbook", async (PlaybookStore store, CancellationToken ct) => TypedResults.Ok(View(await store.CurrentAsync(ct))));
        api.MapGet("/people", async (DirectoryQueries queries, CancellationToken ct) => TypedResults.Ok(await queries.PeopleAsync(ct)));
        api.MapGet("/accounts", async (DirectoryQueries queries, CancellationToken ct) => TypedResults.Ok(await queries.AccountsAsync(ct)));
        return app;
    }

    /// <summary>The playbook in the request's language (Accept-Language: zh-CN or en).</summary>
    private static PlaybookView View(Playbook playbook) => new(
        playbook.Version,
        playbook.Factors.Select(f => new FactorView(f.Key, f.Name.Current, f.Question.Current, f.MaxLevel,
            f.Levels.Select((text, level) => new LevelView(level, text.Current)).ToList())).ToList(),
        playbook.Stages.OrderBy(s => s.Order).Select(s => new StageView(s.Key, s.Order, s.Name.Current, s.Gate, s.StallAfterDays)).ToList(),
        playbook.Signals);
}
