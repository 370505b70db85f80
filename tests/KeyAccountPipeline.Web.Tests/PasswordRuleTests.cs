using System.Net;
using System.Net.Http.Json;
using KeyAccountPipeline.Data.Seed;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Commonly used passwords and passwords holding the person's email name are refused wherever a password is set
/// (decision 0014): a new person and a reset, 400 naming <c>password</c>, nothing written.
/// </summary>
public abstract class PasswordRuleTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private readonly HttpClient _admin = app.ClientFor(app.Admin);

    public static TheoryData<string> Common => ["password12", "abababab12", "pipeline2026", "qwertyuiop12", "xyzxyzxyz2026"];

    [Theory]
    [MemberData(nameof(Common))]
    public async Task ACommonPasswordIsRefusedForANewPersonAndAReset(string password)
    {
        var email = $"common.{Guid.NewGuid():N}@test.cn";

        var created = await _admin.PostAsJsonAsync("/api/users", new { name = "常见 Common", email, role = "rep", password });

        var problem = await created.AssertFieldErrorAsync("password");
        Assert.Contains("commonly used", problem["errors"]!["password"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.People.AnyAsync(p => p.Email == email)));
        var reset = await _admin.PostAsJsonAsync($"/api/users/{app.OtherRep.Id}/password", new { password });
        await reset.AssertFieldErrorAsync("password");
        await app.SignInAsync(app.OtherRep.Email, PipelineApp.Password); // the old password still works
    }

    [Fact]
    public async Task APasswordHoldingTheEmailNameIsRefused()
    {
        var name = $"qiaofeng{Random.Shared.Next(1000, 9999)}";
        var email = $"{name}@test.cn";

        var created = await _admin.PostAsJsonAsync("/api/users", new { name = "乔峰 Qiao Feng", email, role = "rep", password = $"{name.ToUpperInvariant()}-lantern-7" });

        var problem = await created.AssertFieldErrorAsync("password");
        Assert.Contains("email", problem["errors"]!["password"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.People.AnyAsync(p => p.Email == email)));
    }

    [Fact]
    public async Task AnUncommonPasswordIsTaken()
    {
        var email = $"uncommon.{Guid.NewGuid():N}@test.cn";

        await _admin.PostOkAsync("/api/users", new { name = "少见 Uncommon", email, role = "rep", password = "harbour-lantern-2026" });

        await app.SignInAsync(email, "harbour-lantern-2026");
    }
}

public sealed class SqlitePasswordRuleTests(SqliteApp app) : PasswordRuleTests<SqliteApp>(app);

public sealed class PostgresPasswordRuleTests(PostgresApp app) : PasswordRuleTests<PostgresApp>(app);

/// <summary>
/// The demo (public password) loads by default only in Development (decision 0014); elsewhere only with Seed:Demo=true, and
/// then every page shows a "demo data" banner.
/// </summary>
public abstract class DemoSeedingTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    [Theory]
    [InlineData("Production", false)]
    [InlineData("Staging", false)]
    [InlineData("Development", true)]
    public async Task WithoutASeedSettingOnlyDevelopmentLoadsTheDemo(string environment, bool seeded)
    {
        await using var started = Fresh(environment, seedDemo: null);

        var demo = await DemoPeopleAsync(started);

        Assert.Equal(seeded, demo > 0);
    }

    [Fact]
    public async Task OutsideDevelopmentSeedDemoTrueLoadsTheDemoAndEveryPageSaysSo()
    {
        await using var started = Fresh("Testing", seedDemo: "true");
        Assert.True(await DemoPeopleAsync(started) > 0);
        var plain = await SignInForm.BrowserAsync(app, app.Rep);

        var seeded = started.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(seeded, DemoSeeder.SignIns.First().Email, DemoSeeder.Password)).StatusCode);
        var board = await seeded.GetStringAsync("/");
        await seeded.GetAsync("/culture/zh-CN?returnUrl=%2F");
        var boardZh = await seeded.GetStringAsync("/");

        Assert.Contains("data-test=\"demo-banner\"", board, StringComparison.Ordinal);
        Assert.Contains("Demo data", board, StringComparison.Ordinal);
        Assert.Contains("演示数据", WebUtility.HtmlDecode(boardZh), StringComparison.Ordinal);
        Assert.DoesNotContain("data-test=\"demo-banner\"", await plain.GetStringAsync("/"), StringComparison.Ordinal);
    }

    /// <summary>The app on a database of its own: the demo seeds only an empty one, and one case's demo must not be in another's.</summary>
    private WebApplicationFactory<Program> Fresh(string environment, string? seedDemo)
    {
        var file = Path.Combine(Path.GetTempPath(), $"kap-demo-{Guid.NewGuid():N}.db");
        var started = app.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("ConnectionStrings:Pipeline", app.Provider == "Sqlite" ? $"Data Source={file};Pooling=false" : TestPostgres.Database($"kap_demo_{Guid.NewGuid():N}"));
            builder.UseSetting("Seed:Demo", seedDemo);
        });
        _ = started.Server;
        return started;
    }

    private static async Task<int> DemoPeopleAsync(WebApplicationFactory<Program> factory)
    {
        await using var db = await factory.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.PipelineDbContext>>().CreateDbContextAsync();
        return await db.People.CountAsync(p => p.Email.EndsWith("@demo.keyaccount.cn"));
    }
}

public sealed class SqliteDemoSeedingTests(SqliteApp app) : DemoSeedingTests<SqliteApp>(app);

public sealed class PostgresDemoSeedingTests(PostgresApp app) : DemoSeedingTests<PostgresApp>(app);
