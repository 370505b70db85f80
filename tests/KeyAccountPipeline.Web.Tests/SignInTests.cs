using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>The browser's way in: the sign-in form, its antiforgery token, the cookie, sign-out; and the first admin.</summary>
public abstract class SignInTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    [Fact]
    public async Task PagesSendAnonymousVisitorsToTheSignInPageAndTheApiAnswers401()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await client.GetAsync("/deals/new");
        var api = await client.GetAsync("/api/deals");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login?ReturnUrl=%2Fdeals%2Fnew", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task SigningInThroughTheFormSetsTheCookieAndSigningOutClearsIt()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var signedIn = await SignInForm.PostAsync(client, app.Manager.Email, PipelineApp.Password, returnUrl: "/deals/new");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/deals/new", signedIn.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/deals/new")).StatusCode);

        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode); // a cross-site form cannot sign anyone out
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/deals/new")).StatusCode);

        var board = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        var signOut = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignInForm.AntiforgeryToken(board),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/deals/new")).StatusCode);
    }

    [Fact]
    public async Task AWrongPasswordShowsTheMessageAndSetsNoCookie()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var response = await SignInForm.PostAsync(client, app.Manager.Email, "wrong-password-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The email or password is not correct.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("kap.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSignInFormWithoutItsAntiforgeryTokenIsRefused()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["Input.Email"] = app.Manager.Email,
            ["Input.Password"] = PipelineApp.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.False(signIn.Headers.Contains("Set-Cookie") && signIn.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("kap.auth=", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("", "whatever-2026", "email")]
    [InlineData("someone@corp.cn", "", "password")]
    public async Task ATokenRequestWithoutEmailOrPasswordNamesTheField(string email, string password, string field)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { email, password });

        await response.AssertFieldErrorAsync(field);
    }

    [Fact]
    public async Task ARefreshTokenGivesANewAccessToken()
    {
        var client = app.CreateClient();
        var tokens = await (await client.PostAsJsonAsync("/api/auth/token", new { email = app.Rep.Email, password = PipelineApp.Password })).ReadJsonAsync();

        var refreshed = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens["refreshToken"]!.GetValue<string>() });
        var garbage = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "not-a-token" });

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.False(string.IsNullOrEmpty((await refreshed.ReadJsonAsync())["accessToken"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
    }
}

public sealed class SqliteSignInTests(SqliteApp app) : SignInTests<SqliteApp>(app);

public sealed class PostgresSignInTests(PostgresApp app) : SignInTests<PostgresApp>(app);

/// <summary>There is no default password: the first admin comes from settings or from the create-admin command.</summary>
public sealed class FirstAdminTests
{
    [Fact]
    public async Task TheAdminFromSettingsCanSignInAndIsAnAdmin()
    {
        var database = Path.Combine(Path.GetTempPath(), $"kap-admin-{Guid.NewGuid():N}.db");
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Pipeline", $"Data Source={database};Pooling=false");
            builder.UseSetting("Seed:Demo", "false");
            builder.UseSetting("Admin:Email", "first.admin@corp.cn");
            builder.UseSetting("Admin:Password", "first-admin-2026");
            builder.UseSetting("Admin:Name", "First Admin");
        });
        var client = app.CreateClient();

        var token = await client.PostAsJsonAsync("/api/auth/token", new { email = "first.admin@corp.cn", password = "first-admin-2026" });
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await token.ReadJsonAsync())["accessToken"]!.GetValue<string>());
        var people = (await client.GetJsonAsync("/api/people")).AsArray();

        var admin = Assert.Single(people);
        Assert.Equal("First Admin", admin!["name"]!.GetValue<string>());
        Assert.Equal("admin", admin["role"]!.GetValue<string>());
    }

    [Fact]
    public void AnAdminEmailWithoutAPasswordStopsTheAppNamingTheSetting()
    {
        using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Pipeline", $"Data Source={Path.Combine(Path.GetTempPath(), $"kap-admin-{Guid.NewGuid():N}.db")}");
            builder.UseSetting("Seed:Demo", "false");
            builder.UseSetting("Admin:Email", "first.admin@corp.cn");
        });

        var error = Record.Exception(() => app.CreateClient());

        Assert.Contains("'Admin:Password'", error?.ToString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCreateAdminCommandMakesAnAdminWhoCanSignIn()
    {
        var folder = Directory.CreateTempSubdirectory("kap-create-admin-").FullName;
        var database = Path.Combine(folder, "pipeline.db");
        var run = await RunAppAsync(folder, database, "create-admin", "--email", "ops.admin@corp.cn", "--name", "Ops Admin", "--password", "ops-admin-2026");
        var again = await RunAppAsync(folder, database, "create-admin", "--email", "ops.admin@corp.cn", "--password", "ops-admin-2026");
        var weak = await RunAppAsync(folder, database, "create-admin", "--email", "weak@corp.cn", "--password", "short");
        var common = await RunAppAsync(folder, database, "create-admin", "--email", "common@corp.cn", "--password", "password12");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Admin ops.admin@corp.cn created.", run.Output, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Output, StringComparison.Ordinal);
        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("at least 10 characters", weak.Output, StringComparison.Ordinal);
        Assert.Equal(1, common.ExitCode);
        Assert.Contains("commonly used", common.Output, StringComparison.Ordinal);

        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Pipeline", $"Data Source={database};Pooling=false");
            builder.UseSetting("Seed:Demo", "false");
        });
        var token = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { email = "ops.admin@corp.cn", password = "ops-admin-2026" });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    /// <summary>Runs the built app (beside the tests) as a separate process, as `dotnet run -- …` would.</summary>
    private static async Task<(int ExitCode, string Output)> RunAppAsync(string folder, string database, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "KeyAccountPipeline.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__Pipeline"] = $"Data Source={database};Pooling=false";
        start.Environment["Seed__Demo"] = "false";
        start.Environment["DOTNET_ENVIRONMENT"] = start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
