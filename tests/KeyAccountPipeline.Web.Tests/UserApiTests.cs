using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Users, roles, disabling and lockout through the API; runs once on SQLite and once on PostgreSQL. Tests that
/// disable, lock or promote someone create that person first, so the fixture's people stay as they are.
/// </summary>
public abstract class UserApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private readonly HttpClient _admin = app.ClientFor(app.Admin);

    [Fact]
    public async Task AnAdminAddsAPersonWhoThenSignsIn()
    {
        var email = NewEmail("chen.jing");

        var response = await _admin.PostAsJsonAsync("/api/users", new { name = "陈静 Chen Jing", email, role = "manager", password = PipelineApp.Password });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadJsonAsync();
        var id = created["id"]!.GetValue<Guid>();
        Assert.Equal($"/api/users/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("manager", created["role"]!.GetValue<string>());
        Assert.True(created["active"]!.GetValue<bool>());
        var listed = Assert.Single((await _admin.GetJsonAsync("/api/users")).AsArray(), u => u!["id"]!.GetValue<Guid>() == id)!;
        Assert.Equal(email, listed["email"]!.GetValue<string>());
        Assert.Null(listed["lockedOutUntil"]);
        await app.SignInAsync(email, PipelineApp.Password);
    }

    [Fact]
    public async Task LockoutAfterFiveFailures()
    {
        var (_, email) = await NewPersonAsync("rep");

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenResponseAsync(email, "wrong-password-1")).StatusCode);
        }

        var locked = await TokenResponseAsync(email, PipelineApp.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("Too many failed attempts", (await locked.ReadJsonAsync())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var listed = (await _admin.GetJsonAsync("/api/users")).AsArray().Single(u => u!["email"]!.GetValue<string>() == email)!;
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(5), DateTimeOffset.Parse(listed["lockedOutUntil"]!.GetValue<string>(), CultureInfo.InvariantCulture));

        app.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenResponseAsync(email, PipelineApp.Password)).StatusCode);

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await TokenResponseAsync(email, PipelineApp.Password)).StatusCode);
    }

    [Fact]
    public async Task AnAdminUnlocksALockedOutPersonWhoThenSignsInAtOnce()
    {
        var (id, email) = await NewPersonAsync("rep");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenResponseAsync(email, "wrong-password-1")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenResponseAsync(email, PipelineApp.Password)).StatusCode);

        var unlocked = await _admin.PostOkAsync($"/api/users/{id}/unlock", new { });

        Assert.Null(unlocked["lockedOutUntil"]);
        Assert.True(unlocked["active"]!.GetValue<bool>());
        Assert.Null((await _admin.GetJsonAsync("/api/users")).AsArray().Single(u => u!["id"]!.GetValue<Guid>() == id)!["lockedOutUntil"]);
        Assert.Equal(HttpStatusCode.OK, (await TokenResponseAsync(email, PipelineApp.Password)).StatusCode);
        // The failed count starts again too: four more failures do not lock the person again.
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenResponseAsync(email, "wrong-password-1")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await TokenResponseAsync(email, PipelineApp.Password)).StatusCode);
    }

    [Fact]
    public async Task UnlockingADisabledPersonIsRefusedAndLeavesThemDisabled()
    {
        var (id, email) = await NewPersonAsync("rep");
        await _admin.PostOkAsync($"/api/users/{id}/disable", new { });

        var response = await _admin.PostAsJsonAsync($"/api/users/{id}/unlock", new { });

        var problem = await response.AssertFieldErrorAsync("active");
        Assert.Contains("Enable", problem["errors"]!["active"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenResponseAsync(email, PipelineApp.Password)).StatusCode);
    }

    [Fact]
    public async Task FailuresBelowTheLimitDoNotLockAndASuccessStartsTheCountAgain()
    {
        var (_, email) = await NewPersonAsync("rep");

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await TokenResponseAsync(email, "wrong-password-1");
        }

        await app.SignInAsync(email, PipelineApp.Password);
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await TokenResponseAsync(email, "wrong-password-1");
        }

        await app.SignInAsync(email, PipelineApp.Password);
    }

    [Fact]
    public async Task ADisabledUsersTokenIsRefusedOnTheNextRequestAndEnablingRestoresSignIn()
    {
        var (id, email) = await NewPersonAsync("rep");
        using var client = ClientWith(await app.SignInAsync(email, PipelineApp.Password));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/board")).StatusCode);

        var disabled = await _admin.PostOkAsync($"/api/users/{id}/disable", new { });

        Assert.False(disabled["active"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/board")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenResponseAsync(email, PipelineApp.Password)).StatusCode);
        var listed = (await _admin.GetJsonAsync("/api/users")).AsArray().Single(u => u!["id"]!.GetValue<Guid>() == id)!;
        Assert.False(listed["active"]!.GetValue<bool>());
        Assert.Null(listed["lockedOutUntil"]); // disabled, not a lockout that ends

        var enabled = await _admin.PostOkAsync($"/api/users/{id}/enable", new { });

        Assert.True(enabled["active"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/board")).StatusCode); // the old token stays dead
        using var again = ClientWith(await app.SignInAsync(email, PipelineApp.Password));
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/board")).StatusCode);
    }

    [Fact]
    public async Task ARepMadeManagerMustSignInAgainAndThenHasManagerRights()
    {
        var (id, email) = await NewPersonAsync("rep");
        using var asRep = ClientWith(await app.SignInAsync(email, PipelineApp.Password));
        Assert.Equal(HttpStatusCode.Forbidden, (await asRep.PostAsJsonAsync("/api/deals", DealFor(app.OtherRep.Id))).StatusCode);

        var changed = await _admin.SendOkAsync(HttpMethod.Put, $"/api/users/{id}/role", new { role = "manager" });

        Assert.Equal("manager", changed["role"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await asRep.GetAsync("/api/board")).StatusCode);
        using var asManager = ClientWith(await app.SignInAsync(email, PipelineApp.Password));
        Assert.Equal(HttpStatusCode.Created, (await asManager.PostAsJsonAsync("/api/deals", DealFor(app.OtherRep.Id))).StatusCode);
    }

    [Fact]
    public async Task AResetPasswordReplacesTheOldOneAndEndsOpenTokens()
    {
        var (id, email) = await NewPersonAsync("rep");
        using var client = ClientWith(await app.SignInAsync(email, PipelineApp.Password));

        var response = await _admin.PostAsJsonAsync($"/api/users/{id}/password", new { password = "new-secret-2027" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/board")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenResponseAsync(email, PipelineApp.Password)).StatusCode);
        await app.SignInAsync(email, "new-secret-2027");
    }

    [Theory]
    [InlineData("rep")]
    [InlineData("manager")]
    public async Task OnlyAdminsManageUsersAndARefusedCallWritesNothing(string role)
    {
        var caller = role == "rep" ? app.Rep : app.Manager;
        using var client = app.ClientFor(caller);
        var target = app.OtherRep;
        var email = NewEmail("not.created");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await client.PostAsJsonAsync("/api/users", new { name = "Not Created", email, role = "admin", password = PipelineApp.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"/api/users/{target.Id}/role", new { role = "admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/users/{target.Id}/disable", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/users/{target.Id}/enable", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/users/{target.Id}/password", new { password = "taken-over-2026" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/users/{target.Id}/unlock", new { })).StatusCode);

        Assert.False(await app.QueryAsync(db => db.People.AnyAsync(p => p.Email == email)));
        var unchanged = await app.QueryAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == target.Id));
        Assert.Equal((Role.Rep, true), (unchanged.Role, unchanged.Active));
        await app.SignInAsync(target.Email, PipelineApp.Password);
    }

    [Fact]
    public async Task WithoutATokenTheUsersEndpointsAnswer401()
    {
        using var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await anonymous.PostAsJsonAsync("/api/users", new { name = "X", email = NewEmail("x"), role = "rep", password = PipelineApp.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/users/{app.OtherRep.Id}/disable", new { })).StatusCode);
    }

    [Theory]
    [InlineData("name", "", "someone@test.cn", "rep", PipelineApp.Password)]
    [InlineData("email", "Someone", "not-an-email", "rep", PipelineApp.Password)]
    [InlineData("email", "Someone", "", "rep", PipelineApp.Password)]
    [InlineData("role", "Someone", "someone@test.cn", "boss", PipelineApp.Password)]
    [InlineData("role", "Someone", "someone@test.cn", "2", PipelineApp.Password)]
    [InlineData("password", "Someone", "someone@test.cn", "rep", "")]
    [InlineData("password", "Someone", "someone@test.cn", "rep", "short1")]
    [InlineData("password", "Someone", "someone@test.cn", "rep", "no-digits-at-all")]
    public async Task BadNewPersonIsAnswered400NamingTheField(string field, string name, string email, string role, string password)
    {
        var response = await _admin.PostAsJsonAsync("/api/users", new { name, email, role, password });

        await response.AssertFieldErrorAsync(field);
        Assert.False(await app.QueryAsync(db => db.People.AnyAsync(p => p.Email == "someone@test.cn")));
    }

    [Fact]
    public async Task ATakenEmailIsAnswered400NamingTheEmail()
    {
        var response = await _admin.PostAsJsonAsync("/api/users",
            new { name = "Twin", email = app.Rep.Email.ToUpperInvariant(), role = "rep", password = PipelineApp.Password });

        await response.AssertFieldErrorAsync("email");
        Assert.Equal(1, await app.QueryAsync(db => db.People.CountAsync(p => p.Email.ToLower() == app.Rep.Email.ToLower())));
    }

    [Fact]
    public async Task BadRoleChangeAndWeakResetAreAnswered400NamingTheField()
    {
        var (id, _) = await NewPersonAsync("rep");

        await (await _admin.PutAsJsonAsync($"/api/users/{id}/role", new { role = "boss" })).AssertFieldErrorAsync("role");
        await (await _admin.PutAsJsonAsync($"/api/users/{id}/role", new { })).AssertFieldErrorAsync("role");
        await (await _admin.PostAsJsonAsync($"/api/users/{id}/password", new { password = "abc" })).AssertFieldErrorAsync("password");
    }

    [Fact]
    public async Task AnAdminCannotDemoteOrDisableThemselves()
    {
        await (await _admin.PutAsJsonAsync($"/api/users/{app.Admin.Id}/role", new { role = "rep" })).AssertFieldErrorAsync("role");
        await (await _admin.PostAsJsonAsync($"/api/users/{app.Admin.Id}/disable", new { })).AssertFieldErrorAsync("active");

        var admin = await app.QueryAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == app.Admin.Id));
        Assert.Equal((Role.Admin, true), (admin.Role, admin.Active));
    }

    [Fact]
    public async Task AnUnknownPersonIsAnswered404()
    {
        var id = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PutAsJsonAsync($"/api/users/{id}/role", new { role = "manager" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostAsJsonAsync($"/api/users/{id}/disable", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostAsJsonAsync($"/api/users/{id}/enable", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostAsJsonAsync($"/api/users/{id}/password", new { password = "fresh-secret-2026" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostAsJsonAsync($"/api/users/{id}/unlock", new { })).StatusCode);
    }

    private static string NewEmail(string name) => $"{name}.{Guid.NewGuid():N}@test.cn";

    /// <summary>A person of the test's own, created by the admin through the API, with the suite's password.</summary>
    private async Task<(Guid Id, string Email)> NewPersonAsync(string role)
    {
        var email = NewEmail("user");
        var created = await _admin.PostOkAsync("/api/users", new { name = "测试 Test Person", email, role, password = PipelineApp.Password });
        return (created["id"]!.GetValue<Guid>(), email);
    }

    private async Task<HttpResponseMessage> TokenResponseAsync(string email, string password)
    {
        using var client = app.CreateClient();
        return await client.PostAsJsonAsync("/api/auth/token", new { email, password });
    }

    private HttpClient ClientWith(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static object DealFor(Guid ownerId) => new
    {
        customer = $"Promotion Logistics {Guid.NewGuid():N}",
        industry = "3C electronics",
        region = "East China",
        title = "Bonded warehouse",
        serviceLine = "warehousing",
        ownerId,
        annualValue = 3_000_000m,
        targetCloseDate = DateOnly.FromDateTime(PipelineApp.Start.UtcDateTime).AddMonths(6),
    };
}

public sealed class SqliteUserApiTests(SqliteApp app) : UserApiTests<SqliteApp>(app);

public sealed class PostgresUserApiTests(PostgresApp app) : UserApiTests<PostgresApp>(app);
