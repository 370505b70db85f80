using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KeyAccountPipeline.Data.Sqlite;

/// <summary>
/// The embedded default. Add a migration with:
/// <code>dotnet ef migrations add NAME --project src/KeyAccountPipeline.Data.Sqlite --startup-project src/KeyAccountPipeline.Data.Sqlite --output-dir Migrations</code>
/// </summary>
public static class SqliteDatabase
{
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name));
}

public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<PipelineDbContext>
{
    public PipelineDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PipelineDbContext>();
        SqliteDatabase.Use(options, "Data Source=design-time.db");
        return new PipelineDbContext(options.Options);
    }
}
