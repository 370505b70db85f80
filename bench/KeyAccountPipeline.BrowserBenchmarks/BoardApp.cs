using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Data;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Time;
using KeyAccountPipeline.Web.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.BrowserBenchmarks;

/// <summary>The app on Kestrel over a new SQLite file holding <c>deals</c> open deals spread over every stage.</summary>
internal sealed class BoardApp : WebApplicationFactory<Program>, IBoardSite
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"kap-bench-browser-{Guid.NewGuid():N}.db");

    public BoardApp() => UseKestrel(0);

    /// <summary>The manager the browser and the API clients sign in as: a manager may change every seeded deal.</summary>
    public const string ManagerEmail = "manager@bench.test";

    public const string Password = "bench-pass-2026";

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>A bearer token for <see cref="ManagerEmail"/>, from POST /api/auth/token.</summary>
    public string AccessToken { get; private set; } = string.Empty;

    /// <summary>The browser's signed-in state (the sign-in cookie), set by the program after it signs in once through the sign-in page.</summary>
    public string? StorageState { get; set; }

    public async Task StartAsync(int deals)
    {
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await SeedAsync(deals);
        AccessToken = await TokenAsync();
    }

    /// <summary>A plain HTTP client for the API, with the manager's bearer token.</summary>
    public HttpClient ApiClient()
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        return client;
    }

    private async Task<string> TokenAsync()
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { email = ManagerEmail, password = Password });
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode && JsonNode.Parse(text)?["accessToken"]?.GetValue<string>() is { Length: > 0 } token
            ? token
            : throw new InvalidOperationException($"POST /api/auth/token answered {(int)response.StatusCode}: {text}");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Pipeline", $"Data Source={_database}");
        builder.UseSetting("Seed:Demo", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }

    /// <summary>Deals climbed through the domain, so levels, history and signals are consistent.</summary>
    private async Task SeedAsync(int count)
    {
        var playbook = await Services.GetRequiredService<PlaybookStore>().CurrentAsync();
        var contexts = Services.GetRequiredService<IDbContextFactory<PipelineDbContext>>();
        var calendar = Services.GetRequiredService<OrgCalendar>();
        var now = DateTimeOffset.UtcNow;
        var random = new Random(42);
        var reps = Enumerable.Range(1, 6).Select(i => new Person(Guid.NewGuid(), $"Rep {i}", $"rep{i}@bench.test", Role.Rep)).ToList();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.People.AddRange(reps);
            await db.SaveChangesAsync();
        }

        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync("Bench Manager", ManagerEmail, Role.Manager, Password, actor: null);
        }

        var stages = playbook.Stages.OrderBy(s => s.Order).ToList();
        for (var batch = 0; batch < count; batch += 250)
        {
            await using var db = await contexts.CreateDbContextAsync();
            for (var i = batch; i < Math.Min(count, batch + 250); i++)
            {
                var account = new Account(Guid.NewGuid(), $"Customer {i:D4} Logistics", $"Industry {i % 12}", "East China");
                var owner = reps[i % reps.Count];
                var start = now.AddDays(-150);
                var deal = Deal.Create(Guid.NewGuid(), account.Id, owner.Id,
                    new DealDetails($"Warehousing and distribution lane {i}", (ServiceLine)(i % 5), 1_000_000_00L + random.Next(0, 50_000_000) * 100L,
                        DateOnly.FromDateTime(now.AddMonths(6).UtcDateTime), DateOnly.FromDateTime(start.UtcDateTime)), owner.Id, start);
                // Aim for a stage, then climb to its gate one level at a time, the last step 1-30 days
                // ago: like a real pipeline, most deals move and some stall.
                var gate = stages[i % stages.Count].Gate;
                gate = gate.Total() == 0 ? gate.With(Factor.Need, 2) : gate;
                var steps = gate.Total();
                var at = now.AddDays(-random.Next(1, 31)).AddHours(-steps * 18);
                foreach (var factor in Enum.GetValues<Factor>())
                {
                    for (var level = 1; level <= gate[factor]; level++)
                    {
                        at = at.AddHours(18);
                        deal.RecordCheckpoint(playbook, factor, level, "Confirmed with the customer", new Evidence(EvidenceKind.Meeting, "Minutes"), at, owner.Id, at, calendar);
                    }
                }

                for (var a = 0; a < 3; a++)
                {
                    deal.LogActivity(ActivityKind.Call, now.AddDays(-random.Next(1, 60)), "Follow-up call", owner.Id, now, calendar);
                }

                db.Accounts.Add(account);
                db.Deals.Add(deal);
            }

            await db.SaveChangesAsync();
        }
    }
}
