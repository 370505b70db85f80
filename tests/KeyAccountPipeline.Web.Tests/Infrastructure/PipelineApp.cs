using KeyAccountPipeline.Data;
using KeyAccountPipeline.Domain.People;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KeyAccountPipeline.Web.Tests.Infrastructure;

/// <summary>
/// The app over a real, empty database of one provider, with a fake clock. The same test
/// classes run against <see cref="SqliteApp"/> and <see cref="PostgresApp"/>.
/// </summary>
public abstract class PipelineApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>10:00 in Shanghai on a Monday.</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 15, 2, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public Person Rep { get; } = new(Guid.NewGuid(), "李娜 Li Na", $"li.na.{Guid.NewGuid():N}@test.cn", Role.Rep);

    public Person Manager { get; } = new(Guid.NewGuid(), "王磊 Wang Lei", $"wang.lei.{Guid.NewGuid():N}@test.cn", Role.Manager);

    public abstract string Provider { get; }

    protected abstract string ConnectionString { get; }

    protected virtual bool MigrateOnStart => true;

    protected virtual bool SeedDemo => false;

    public virtual async Task InitializeAsync()
    {
        _ = Server; // starts the host: migrations run now
        await using var db = await Services.GetRequiredService<IDbContextFactory<PipelineDbContext>>().CreateDbContextAsync();
        db.People.AddRange(Rep, Manager);
        await db.SaveChangesAsync();
    }

    public async Task<T> QueryAsync<T>(Func<PipelineDbContext, Task<T>> query)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PipelineDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:Pipeline", ConnectionString);
        builder.UseSetting("Database:MigrateOnStart", MigrateOnStart ? "true" : "false");
        builder.UseSetting("Seed:Demo", SeedDemo ? "true" : "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

public class SqliteApp : PipelineApp
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"kap-test-{Guid.NewGuid():N}.db");

    public override string Provider => "Sqlite";

    protected override string ConnectionString => $"Data Source={_file};Pooling=false";

    public sealed class WithDemo : SqliteApp
    {
        protected override bool SeedDemo => true;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_file);
    }
}

public class PostgresApp : PipelineApp
{
    public override string Provider => "Postgres";

    protected override string ConnectionString => _connectionString;

    private readonly string _connectionString = TestPostgres.Database($"kap_test_{Guid.NewGuid():N}");

    public sealed class WithDemo : PostgresApp
    {
        protected override bool SeedDemo => true;
    }
}

/// <summary>
/// The throwaway PostgreSQL cluster that scripts/test.sh starts. Without it the PostgreSQL tests
/// fail with this message rather than being skipped.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "KAP_TEST_POSTGRES";

    public static string Database(string name)
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set. Run the tests with scripts/test.sh, which starts a throwaway PostgreSQL, " +
                $"or set {Variable} to a server's connection string (e.g. Host=127.0.0.1;Port=5432;Username=postgres).");
        }

        return $"{server};Database={name}";
    }
}
