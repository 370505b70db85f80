using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Data.Postgres;

namespace KeyAccountPipeline.Web.Infrastructure;

internal static class LiveSetup
{
    /// <summary>
    /// "Deal X changed" for every open page: on PostgreSQL through LISTEN/NOTIFY, so that it reaches the pages
    /// of every app instance on the database; on the embedded SQLite database (one instance) within the process.
    /// </summary>
    public static IServiceCollection AddPipelineChanges(this IServiceCollection services, DatabaseSettings settings)
    {
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton(provider =>
                new PostgresChanges(settings.ConnectionString, provider.GetRequiredService<ILogger<PostgresChanges>>()));
            services.AddSingleton<PipelineChanges>(provider => provider.GetRequiredService<PostgresChanges>());
            services.AddHostedService<PostgresChangeListener>();
        }
        else
        {
            services.AddSingleton<PipelineChanges, InProcessChanges>();
        }

        return services;
    }
}
