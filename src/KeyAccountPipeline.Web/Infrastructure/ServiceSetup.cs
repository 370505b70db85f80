using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Imports;
using KeyAccountPipeline.Data.Insights;
using KeyAccountPipeline.Data.People;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Data.Reviews;

namespace KeyAccountPipeline.Web.Infrastructure;

/// <summary>
/// The app's own reads and writes over the database (<see cref="DatabaseSetup"/> registers the database itself).
/// Singletons: each opens a short context per operation. People's sign-ins are changed by <c>UserAccounts</c>,
/// registered with Identity in <c>AuthSetup</c> (docs/decisions/0021-where-write-services-live.md).
/// </summary>
internal static class ServiceSetup
{
    /// <summary>Seconds between two comparisons of the shared board with the database (0 to 3600, default 5; 0: never).</summary>
    public const string BoardReconcileSecondsKey = "Board:ReconcileSeconds";

    /// <summary>The read side: queries that project into read models, the playbook's versions and the shared board (held in memory).</summary>

    public static IHostApplicationBuilder AddPipelineQueries(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PlaybookRepository>();
        builder.Services.AddSingleton<PlaybookStore>();
        builder.Services.AddSingleton<DealQueries>();
        builder.Services.AddSingleton<InsightQueries>();
        builder.Services.AddSingleton<PeopleQueries>();
        builder.Services.AddSingleton<ReviewQueries>();
        // One board per instance, shared by every open board page and GET /api/board (docs/decisions/0039-shared-board-snapshot.md).
        builder.Services.AddSingleton(new BoardSnapshotSettings(TimeSpan.FromSeconds(
            Settings.Int(builder.Configuration, BoardReconcileSecondsKey, 5, min: 0, max: 3600))));
        builder.Services.AddSingleton<BoardSnapshot>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<BoardSnapshot>());
        return builder;
    }

    /// <summary>The write side: each service authorises, loads, calls the domain, saves and announces the change (docs/decisions/0021-where-write-services-live.md).</summary>
    public static IHostApplicationBuilder AddPipelineServices(this IHostApplicationBuilder builder)
    {
        builder.AddPipelineCorrections();
        builder.Services.AddSingleton<DealService>();
        builder.Services.AddSingleton<ReviewService>();
        builder.Services.AddSingleton<ReviewDrafts>();
        builder.Services.AddSingleton<PlaybookService>();
        // The import keeps each file's parsed table in memory for a while, so a preview, a mapping and a commit read it once.
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ImportService>();
        return builder;
    }
}
