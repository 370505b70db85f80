using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Data;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
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

    /// <summary><see cref="Start"/>'s date in the organisation's time zone (Asia/Shanghai).</summary>
    public static DateOnly StartDate => DateOnly.FromDateTime(Start.ToOffset(TimeSpan.FromHours(8)).Date);

    public FakeTimeProvider Clock { get; } = new(Start);

    public Person Rep { get; } = new(Guid.NewGuid(), "李娜 Li Na", $"li.na.{Guid.NewGuid():N}@test.cn", Role.Rep);

    public Person Manager { get; } = new(Guid.NewGuid(), "王磊 Wang Lei", $"wang.lei.{Guid.NewGuid():N}@test.cn", Role.Manager);

    /// <summary>A second rep: the "another's deal" of the authorization rules.</summary>
    public Person OtherRep { get; } = new(Guid.NewGuid(), "张伟 Zhang Wei", $"zhang.wei.{Guid.NewGuid():N}@test.cn", Role.Rep);

    public Person Admin { get; } = new(Guid.NewGuid(), "周敏 Zhou Min", $"zhou.min.{Guid.NewGuid():N}@test.cn", Role.Admin);

    /// <summary>Every test person's password.</summary>
    public const string Password = "test-pass-2026";

    private readonly ConcurrentDictionary<Guid, (DateTimeOffset At, Task<string> Token)> _tokens = new();

    public abstract string Provider { get; }

    protected abstract string ConnectionString { get; }

    protected virtual bool MigrateOnStart => true;

    protected virtual bool SeedDemo => false;

    /// <summary>Whether the weekly digest's scheduler runs in this app (off unless a test needs it).</summary>
    public bool DigestScheduler { get; init; }

    /// <summary>The organisation's zone (<c>Organization:TimeZone</c>); null for the app's default, Asia/Shanghai.</summary>
    public string? TimeZone { get; init; }

    public virtual async Task InitializeAsync()
    {
        _ = Server; // starts the host: migrations run now
        await using var db = await Services.GetRequiredService<IDbContextFactory<PipelineDbContext>>().CreateDbContextAsync();
        db.People.AddRange(Rep, Manager, OtherRep, Admin);
        await db.SaveChangesAsync();
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        foreach (var person in new[] { Rep, Manager, OtherRep, Admin })
        {
            await accounts.EnsureSignInAsync(person, Password);
        }
    }

    /// <summary>An API client signed in as <paramref name="person"/> with a bearer token (fetched on first use, then shared).</summary>
    public HttpClient ClientFor(Person person) => CreateDefaultClient(new BearerHandler(() => TokenAsync(person)));

    /// <summary>A fresh token, not shared: for tests that sign in on their own.</summary>
    public async Task<string> SignInAsync(string email, string password)
    {
        var response = await CreateClient().PostAsJsonAsync("/api/auth/token", new { email, password });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Sign-in as {email} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["accessToken"]!.GetValue<string>();
    }

    /// <summary>Tokens expire on the app's clock, which tests move by days: a token older than 30 minutes of fake time is renewed.</summary>
    private Task<string> TokenAsync(Person person)
    {
        var now = Clock.GetUtcNow();
        var entry = _tokens.AddOrUpdate(
            person.Id,
            _ => (now, SignInAsync(person.Email, Password)),
            (_, old) => now - old.At < TimeSpan.FromMinutes(30) && now >= old.At ? old : (now, SignInAsync(person.Email, Password)));
        return entry.Token;
    }

    public void ForgetToken(Person person) => _tokens.TryRemove(person.Id, out _);

    /// <summary>A <c>POST /api/deals</c> body for a new deal of <paramref name="customer"/>, owned by <see cref="Rep"/>.</summary>
    public object NewDealBody(string customer) => new
    {
        customer,
        industry = "3C electronics",
        title = "Seven warehouses nationwide",
        serviceLine = "warehousing",
        ownerId = Rep.Id,
        annualValue = 1_000_000m,
        targetCloseDate = StartDate.AddMonths(4),
    };

    private sealed class BearerHandler(Func<Task<string>> token) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token());
            return await base.SendAsync(request, cancellationToken);
        }
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
        // The suite signs in and calls the API far more often than a person; RateLimitTests sets low limits of its own.
        builder.UseSetting("Auth:RateLimit:SignInPerAddress", "1000000");
        builder.UseSetting("Auth:RateLimit:SignInPerAccount", "1000000");
        builder.UseSetting("Auth:RateLimit:ApiPerPerson", "1000000");
        // The notification dispatcher's loop would plan and send in the background of every test (and hold SQLite's write
        // lock while it plans); the outbox tests drive it step by step, or turn it on for the several-instance tests.
        builder.UseSetting("Notifications:Dispatcher:Enabled", "false");
        // The weekly digest's scheduler runs only where a test turns it on (DigestScheduleTests): a clock moved past Monday 08:30
        // must not put digests into other tests' bells and outboxes. DigestRun itself stays callable.
        builder.UseSetting("Notifications:Digest:Enabled", DigestScheduler ? "true" : "false");
        if (TimeZone is not null)
        {
            builder.UseSetting("Organization:TimeZone", TimeZone);
        }
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // Hashing at the production cost would make every sign-in in the suite slow; the algorithm is the same.
            services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1_000);
        });
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
