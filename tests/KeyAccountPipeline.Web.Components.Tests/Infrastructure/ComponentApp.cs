using KeyAccountPipeline.Data;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.People;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KeyAccountPipeline.Web.Components.Tests.Infrastructure;

/// <summary>
/// The app's real services over a throwaway SQLite database and a fake clock. Components under test
/// resolve the services they inject (deal service, queries, validators, calendar) from here.
/// </summary>
public sealed class ComponentApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>10:00 in Shanghai on a Monday.</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 15, 2, 0, 0, TimeSpan.Zero);

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"kap-components-{Guid.NewGuid():N}.db");

    public FakeTimeProvider Clock { get; } = new(Start);

    public Person Rep { get; } = new(Guid.NewGuid(), "李娜 Li Na", $"li.na.{Guid.NewGuid():N}@test.cn", Role.Rep);

    public async Task InitializeAsync()
    {
        _ = Server; // starts the host: migrations run now
        await using var db = await Services.GetRequiredService<IDbContextFactory<PipelineDbContext>>().CreateDbContextAsync();
        db.People.Add(Rep);
        await db.SaveChangesAsync();
    }

    /// <summary>A new active person with <paramref name="role"/>, stored, for a test to sign in as.</summary>
    public async Task<Person> PersonAsync(Role role, string name)
    {
        var person = new Person(Guid.NewGuid(), name, $"{role.ToString().ToLowerInvariant()}.{Guid.NewGuid():N}@test.cn", role);
        await using var db = await Services.GetRequiredService<IDbContextFactory<PipelineDbContext>>().CreateDbContextAsync();
        db.People.Add(person);
        await db.SaveChangesAsync();
        return person;
    }

    /// <summary>A new deal at level 0 everywhere, for one test to change.</summary>
    public Task<DealCard> NewDealAsync(string customer = "顺达电子 Shunda Electronics") =>
        Services.GetRequiredService<DealService>().CreateAsync(new CreateDealRequest(
            $"{customer} {Guid.NewGuid():N}", "3C electronics", "华南", "Nationwide warehousing", ServiceLine.Warehousing, Rep.Id,
            12_500_000m, new DateOnly(2026, 12, 31), new DateOnly(2026, 5, 1)), Rep.AsActor());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Pipeline", $"Data Source={_file};Pooling=false");
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Seed:Demo", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_file);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
