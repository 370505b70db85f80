using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Web.Infrastructure;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// A database that does not answer in time (here: a write held up by another session's lock for longer than
/// Database:CommandTimeoutSeconds) answers 503 with Retry-After, writes nothing, and the same request succeeds once
/// the database answers again; on SQLite and PostgreSQL. Stopped and frozen servers: Browser.Tests' OutageTests.
/// </summary>
public abstract class DatabaseUnavailableTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private readonly HttpClient _client = app.ClientFor(app.Manager);

    [Fact]
    public async Task AWriteHeldUpLongerThanTheCommandTimeoutAnswers503WithRetryAfterAndWritesNothing()
    {
        var card = await _client.PostOkAsync("/api/deals", new
        {
            customer = "Locked Table Logistics",
            industry = "3C electronics",
            title = "Regional distribution centre",
            serviceLine = "warehousing",
            ownerId = app.Rep.Id,
            annualValue = 1_000_000m,
            targetCloseDate = PipelineApp.StartDate.AddMonths(4),
        });
        var id = card["id"]!.GetValue<Guid>();
        var checkpoint = new { factor = "need", level = 1, note = "Sent while the deal was locked", version = card["version"]!.GetValue<int>() };

        var factory = app.Services.GetRequiredService<IDbContextFactory<Data.PipelineDbContext>>();
        await using (var holder = await factory.CreateDbContextAsync())
        {
            // Another session changes the deal and keeps its transaction open: the app's write waits for its lock.
            await using var transaction = await holder.Database.BeginTransactionAsync();
            await holder.Deals.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.Version, d => d.Version));

            var response = await _client.PostAsJsonAsync($"/api/deals/{id}/checkpoints", checkpoint);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"Answered {(int)response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(DatabaseOutage.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
            Assert.Equal("The database is unavailable.", JsonNode.Parse(text)!["title"]!.GetValue<string>());
            await transaction.RollbackAsync();
        }

        var deal = await _client.GetJsonAsync($"/api/deals/{id}");
        Assert.Equal(card["version"]!.GetValue<int>(), deal["card"]!["version"]!.GetValue<int>());
        Assert.Equal(0, deal["card"]!["levels"]!["need"]!.GetValue<int>());
        var saved = await _client.PostOkAsync($"/api/deals/{id}/checkpoints", checkpoint);
        Assert.Equal(1, saved["levels"]!["need"]!.GetValue<int>());
    }

    [Fact]
    public void ConnectionStringsGetTheTimeoutsAndPoolBoundUnlessTheySetThemThemselves()
    {
        var limits = DatabaseLimits.Read(new ConfigurationBuilder().Build());
        var postgres = new NpgsqlConnectionStringBuilder(limits.Apply(DatabaseProvider.Postgres, "Host=db;Username=app"));
        Assert.Equal((10, 15, 25, 60), (postgres.CommandTimeout, postgres.Timeout, postgres.MaxPoolSize, postgres.ConnectionIdleLifetime));
        var own = new NpgsqlConnectionStringBuilder(limits.Apply(DatabaseProvider.Postgres, "Host=db;Maximum Pool Size=7;Command Timeout=40;Timeout=9"));
        Assert.Equal((40, 9, 7), (own.CommandTimeout, own.Timeout, own.MaxPoolSize));
        Assert.Equal(10, new SqliteConnectionStringBuilder(limits.Apply(DatabaseProvider.Sqlite, "Data Source=x.db")).DefaultTimeout);
        Assert.Equal(3, new SqliteConnectionStringBuilder(limits.Apply(DatabaseProvider.Sqlite, "Data Source=x.db;Default Timeout=3")).DefaultTimeout);
    }
}

/// <summary>The app with a one-second command timeout, so a held lock counts as a database that does not answer.</summary>
public sealed class ImpatientSqliteApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:CommandTimeoutSeconds", "1");
    }
}

/// <inheritdoc cref="ImpatientSqliteApp"/>
public sealed class ImpatientPostgresApp : PostgresApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:CommandTimeoutSeconds", "1");
    }
}

public sealed class SqliteDatabaseUnavailableTests(ImpatientSqliteApp app) : DatabaseUnavailableTests<ImpatientSqliteApp>(app);

public sealed class PostgresDatabaseUnavailableTests(ImpatientPostgresApp app) : DatabaseUnavailableTests<ImpatientPostgresApp>(app);
