using KeyAccountPipeline.Data;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KeyAccountPipeline.Benchmarks;

/// <summary>
/// The real app (Production environment, PostgreSQL, migrations at start, no demo seed) hosted
/// in this process, with two additions that exist only here: <see cref="SqlCommandLog"/> on its
/// DbContext, and <see cref="BaselinePath"/>, which answers with <see cref="HandWrittenBoard"/>
/// serialized by the app's own JSON options, so both boards pay the same HTTP and JSON cost.
/// </summary>
internal sealed class BenchApp(string connectionString, NpgsqlDataSource dataSource) : WebApplicationFactory<Program>
{
    public const string BaselinePath = "/bench/board-npgsql";

    public SqlCommandLog Commands { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("ConnectionStrings:Pipeline", connectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Seed:Demo", "false");
        // One token serves the whole run (seeding and two measured rounds can outlast the default hour on a busy machine).
        builder.UseSetting("Auth:TokenMinutes", "1440");
        // Per-request log lines to the console would be timed too.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // Known noise: EF logs its probe of the not-yet-existing migrations table as an error, and
        // HTTPS redirection warns that the in-process server has no HTTPS port. Real failures still
        // surface, as exceptions or non-success answers that stop the run.
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore.Database.Command", "Fatal");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore.HttpsPolicy", "Error");
        builder.ConfigureServices(services =>
        {
            services.ConfigureDbContext<PipelineDbContext>(options => options.AddInterceptors(Commands));
            services.AddSingleton(services => new HandWrittenBoard(
                dataSource, services.GetRequiredService<PlaybookStore>(), services.GetRequiredService<OrgCalendar>()));
            services.AddSingleton<IStartupFilter, BaselineEndpoint>();
        });
    }

    /// <summary>
    /// Runs before the app's own middleware, so the baseline skips its exception handler, request
    /// logging and routing: if anything, that flatters the baseline.
    /// </summary>
    private sealed class BaselineEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map(BaselinePath, branch => branch.Run(async context =>
            {
                var board = await context.RequestServices.GetRequiredService<HandWrittenBoard>().BoardAsync(context.RequestAborted);
                await context.Response.WriteAsJsonAsync(board, context.RequestAborted);
            }));
            next(app);
        };
    }
}
