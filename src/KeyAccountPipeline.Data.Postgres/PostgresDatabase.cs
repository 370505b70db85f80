using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KeyAccountPipeline.Data.Postgres;

/// <summary>
/// PostgreSQL for real deployments. Add a migration with:
/// <code>dotnet ef migrations add NAME --project src/KeyAccountPipeline.Data.Postgres --startup-project src/KeyAccountPipeline.Data.Postgres --output-dir Migrations</code>
/// </summary>
public static class PostgresDatabase
{
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PostgresDatabase).Assembly.GetName().Name))
            .AddInterceptors(StaleConnections.Instance);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PipelineDbContext>
{
    public PipelineDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PipelineDbContext>();
        PostgresDatabase.Use(options, "Host=localhost;Database=keyaccount_design;Username=postgres");
        return new PipelineDbContext(options.Options);
    }
}
