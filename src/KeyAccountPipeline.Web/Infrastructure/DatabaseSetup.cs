using KeyAccountPipeline.Data;
using KeyAccountPipeline.Data.Idempotency;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Data.Postgres;
using KeyAccountPipeline.Data.Seed;
using KeyAccountPipeline.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KeyAccountPipeline.Web.Infrastructure;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <param name="ConnectionString">As configured, with the timeouts and the pool bound of <see cref="DatabaseLimits"/> added
/// where the configured string does not set them itself.</param>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, bool MigrateOnStart, bool SeedDemo);

internal static class DatabaseSetup
{
    public const string ConnectionName = "Pipeline";

    /// <summary>
    /// The database: settings, the provider's context factory with its interceptors, the idempotency keys' store, the
    /// start-up step that migrates and seeds (<see cref="DatabaseStartup"/>), the change notifications carried by the
    /// database, and its health check. Queries and services are registered by <see cref="ServiceSetup"/>.
    /// </summary>
    public static IHostApplicationBuilder AddPipelineDatabase(this IHostApplicationBuilder builder)
    {
        var settings = ReadSettings(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(settings);
        builder.Services.AddDbContextFactory<PipelineDbContext>((services, options) =>
        {
            _ = settings.Provider == DatabaseProvider.Postgres
                ? PostgresDatabase.Use(options, settings.ConnectionString)
                : SqliteDatabase.Use(options, settings.ConnectionString);
            // Every registered interceptor: the idempotency keys' commit mark (and a test's fault injection).
            options.AddInterceptors(services.GetServices<IInterceptor>());
        });
        builder.Services.AddSingleton<IInterceptor, IdempotencyCommitMarker>();
        builder.Services.AddSingleton<IdempotencyStore>();

        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddHostedService<DatabaseStartup>();
        // After DatabaseStartup: hosted services start in order, so a new database exists before anyone listens on it.
        builder.Services.AddPipelineChanges(settings);
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    public static DatabaseSettings ReadSettings(IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = Settings.Choice(configuration, "Database:Provider", DatabaseProvider.Sqlite);
        var connectionString = configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new InvalidOperationException(
                    $"Setting 'ConnectionStrings:{ConnectionName}' is required when 'Database:Provider' is Postgres.");
            }

            var folder = Path.Combine(environment.ContentRootPath, "data");
            Directory.CreateDirectory(folder);
            connectionString = $"Data Source={Path.Combine(folder, "pipeline.db")}";
        }

        connectionString = DatabaseLimits.Read(configuration).Apply(provider, connectionString);
        var migrate = Settings.Bool(configuration, "Database:MigrateOnStart") ?? true;
        // The demo (public password) seeds by default only in Development, what `dotnet run` uses; elsewhere only when
        // Seed:Demo=true is set (decision 0014: a Production start must not open public accounts). It adds nothing when data exists.
        var seed = Settings.Bool(configuration, "Seed:Demo") ?? environment.IsDevelopment();
        return new DatabaseSettings(provider, connectionString, migrate, seed);
    }
}

/// <summary>Migrates, fills missing text keys, stores the default playbook and seeds the demo before the app takes requests.</summary>
internal sealed class DatabaseStartup(
    DatabaseSettings settings,
    IDbContextFactory<PipelineDbContext> contexts,
    PlaybookService playbooks,
    DemoSeeder seeder,
    IHostEnvironment environment,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.SeedDemo && !environment.IsDevelopment())
        {
            logger.LogWarning("Seed:Demo is on in {Environment}: the demo accounts, whose password is public, can sign in", environment.EnvironmentName);
        }

        if (settings.MigrateOnStart)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Database migrated ({Provider})", settings.Provider);
            if (await TextKeyBackfill.RunAsync(db, cancellationToken) is > 0 and var keyed)
            {
                logger.LogInformation("Text keys computed for {Count} rows", keyed);
            }

            await playbooks.EnsureDefaultAsync(cancellationToken);
        }

        if (settings.SeedDemo && await seeder.SeedAsync(cancellationToken))
        {
            logger.LogInformation("Demo data seeded");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal sealed class DatabaseHealthCheck(IDbContextFactory<PipelineDbContext> contexts) : IHealthCheck
{
    /// <summary>How long the database gets to answer: /health itself answers within about this long, also when the server is frozen.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(1.5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        try
        {
            // A round trip, not only a connection: a pooled connection to a frozen server opens without asking it.
            // WaitAsync: a driver may take longer than the token to give up on a server that does not answer.
            await AskAsync(limit.Token).WaitAsync(Limit, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", exception);
        }
        finally
        {
            // When WaitAsync gave up first, the query is still running: cancel it now, so it does not hold a pooled
            // connection until the command timeout (a balancer polling during a freeze would drain the pool).
            await limit.CancelAsync();
        }
    }

    private async Task AskAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
    }
}
