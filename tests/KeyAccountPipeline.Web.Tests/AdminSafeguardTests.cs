using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Auth;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Nobody disables, demotes or re-enables themselves, and the last active admin is never disabled or demoted — not even
/// by two admins demoting each other at the same moment (decision 0017). The rules sit in <see cref="UserAccounts"/>, which
/// both the API and the Users page call. Runs once on SQLite and once on PostgreSQL, each on an app of its own whose
/// only admin at the start of every test is the fixture's; a test that changes admins puts that back.
/// </summary>
public abstract class AdminSafeguardTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    [Theory]
    [InlineData("PUT", "role", "rep")]
    [InlineData("PUT", "role", "manager")]
    [InlineData("PUT", "role", "admin")]
    [InlineData("POST", "disable", null)]
    [InlineData("POST", "enable", null)]
    public async Task AnAdminChangingThemselvesIsAnswered400AndNothingIsWritten(string method, string action, string? role)
    {
        using var admin = app.ClientFor(app.Admin);
        var stamp = await StampAsync(app.Admin.Id);

        var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/users/{app.Admin.Id}/{action}")
        {
            Content = JsonContent.Create(role is null ? new { } : (object)new { role }),
        });

        var problem = await response.AssertFieldErrorAsync(action == "role" ? "role" : "active");
        Assert.Contains("another admin", problem["errors"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal((Role.Admin, true), await StateAsync(app.Admin.Id));
        Assert.Equal(stamp, await StampAsync(app.Admin.Id)); // nothing written: the admin's sessions go on
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/users")).StatusCode);
    }

    [Fact]
    public async Task ADisabledAdminsOpenPageCannotEnableThemselves()
    {
        var other = await NewPersonAsync(Role.Admin);
        await RunAsync(accounts => accounts.SetActiveAsync(other.Id, active: false, app.Admin.AsActor()));

        // The actor as a page opened before the disabling still holds it.
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            RunAsync(accounts => accounts.SetActiveAsync(other.Id, active: true, other.AsActor())));

        Assert.Equal("active", refused.Field);
        Assert.Equal((Role.Admin, false), await StateAsync(other.Id));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheLastActiveAdminCannotBeDemotedOrDisabledAndTheReasonNamesThem(bool disable)
    {
        var other = await NewPersonAsync(Role.Admin);
        await RunAsync(accounts => accounts.ChangeRoleAsync(other.Id, Role.Manager, app.Admin.AsActor()));

        // A page of the demoted admin, opened before the demotion, still thinks them an admin.
        var refused = await Assert.ThrowsAsync<DomainException>(() => RunAsync(accounts => disable
            ? accounts.SetActiveAsync(app.Admin.Id, active: false, other.AsActor())
            : accounts.ChangeRoleAsync(app.Admin.Id, Role.Rep, other.AsActor())));

        Assert.Equal(disable ? "active" : "role", refused.Field);
        Assert.Equal($"{app.Admin.Name} is the only active admin and cannot be disabled or demoted; make someone else an admin first.", refused.Text.En);
        Assert.Contains("唯一", refused.Text.Zh, StringComparison.Ordinal);
        Assert.Equal((Role.Admin, true), await StateAsync(app.Admin.Id));
    }

    [Fact]
    public async Task AnAdminDemotedMeanwhileMayNoLongerChangeOthers()
    {
        var other = await NewPersonAsync(Role.Admin);
        var rep = await NewPersonAsync(Role.Rep);
        await RunAsync(accounts => accounts.ChangeRoleAsync(other.Id, Role.Rep, app.Admin.AsActor()));

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            RunAsync(accounts => accounts.ChangeRoleAsync(rep.Id, Role.Admin, other.AsActor())));

        Assert.Equal((Role.Rep, true), await StateAsync(rep.Id));
    }

    [Fact]
    public async Task TwoAdminsDemotingEachOtherAtOnceThroughTheApiLeaveOneActiveAdmin()
    {
        for (var round = 0; round < 5; round++)
        {
            var other = await NewPersonAsync(Role.Admin);
            using var first = ClientWith(await app.SignInAsync(app.Admin.Email, PipelineApp.Password));
            using var second = ClientWith(await app.SignInAsync(other.Email, PipelineApp.Password));

            var answers = await Task.WhenAll(
                first.PutAsJsonAsync($"/api/users/{other.Id}/role", new { role = "rep" }),
                second.PutAsJsonAsync($"/api/users/{app.Admin.Id}/role", new { role = "rep" }));

            var statuses = answers.Select(a => a.StatusCode).ToList();
            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
            // The other one is refused: 400 (the last active admin) when both passed the door at once, 401 when the
            // winner's change ended its session first.
            var loser = answers.Single(a => a.StatusCode != HttpStatusCode.OK);
            Assert.Contains(loser.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized });
            if (loser.StatusCode == HttpStatusCode.BadRequest)
            {
                await loser.AssertFieldErrorAsync("role");
            }

            Assert.Equal(1, await app.QueryAsync(db => db.People.CountAsync(p => p.Role == Role.Admin && p.Active)));
            await RestoreAdminAsync(other, adminWon: statuses[0] == HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task TwoAdminsDisablingEachOtherAtOnceInTheServiceLeaveOneActiveAdmin()
    {
        for (var round = 0; round < 5; round++)
        {
            var other = await NewPersonAsync(Role.Admin);
            using var start = new Barrier(2);
            async Task<Exception?> TryAsync(Person actor, Person target)
            {
                await Task.Yield();
                await using var scope = app.Services.CreateAsyncScope();
                var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
                start.SignalAndWait();
                try
                {
                    await accounts.SetActiveAsync(target.Id, active: false, actor.AsActor());
                    return null;
                }
                catch (Exception error) when (error is DomainException or AccessDeniedException)
                {
                    return error;
                }
            }

            var outcomes = await Task.WhenAll(Task.Run(() => TryAsync(app.Admin, other)), Task.Run(() => TryAsync(other, app.Admin)));

            Assert.Equal(1, outcomes.Count(o => o is null));
            Assert.IsType<DomainException>(outcomes.Single(o => o is not null));
            Assert.Equal(1, await app.QueryAsync(db => db.People.CountAsync(p => p.Role == Role.Admin && p.Active)));
            await RestoreAdminAsync(other, adminWon: outcomes[0] is null);
        }
    }

    /// <summary>Makes the fixture's admin the only active admin again, whoever won the round.</summary>
    private async Task RestoreAdminAsync(Person other, bool adminWon)
    {
        if (!adminWon)
        {
            await RunAsync(accounts => accounts.ChangeRoleAsync(app.Admin.Id, Role.Admin, other.AsActor()));
            await RunAsync(accounts => accounts.SetActiveAsync(app.Admin.Id, active: true, other.AsActor()));
            await RunAsync(accounts => accounts.SetActiveAsync(other.Id, active: false, app.Admin.AsActor()));
        }

        app.ForgetToken(app.Admin);
        Assert.Equal((Role.Admin, true), await StateAsync(app.Admin.Id));
        Assert.Equal(1, await app.QueryAsync(db => db.People.CountAsync(p => p.Role == Role.Admin && p.Active)));
    }

    private async Task<Person> NewPersonAsync(Role role)
    {
        const string name = "守护 Guard Person";
        var email = $"safeguard.{Guid.NewGuid():N}@test.cn";
        using var admin = app.ClientFor(app.Admin);
        var created = await admin.PostOkAsync("/api/users", new { name, email, role = role.ToString().ToLowerInvariant(), password = PipelineApp.Password });
        return new Person(created["id"]!.GetValue<Guid>(), name, email, role);
    }

    /// <summary>One change through the service, in a scope of its own, as the Users page makes it.</summary>
    private Task RunAsync(Func<UserAccounts, Task> change) => app.Services.GetRequiredService<IServiceScopeFactory>().RunAsync(change);

    private async Task<(Role, bool)> StateAsync(Guid id)
    {
        var person = await app.QueryAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == id));
        return (person.Role, person.Active);
    }

    private Task<string?> StampAsync(Guid id) =>
        app.QueryAsync(db => db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.SecurityStamp).SingleAsync());

    private HttpClient ClientWith(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

public sealed class SqliteAdminSafeguardTests(SqliteApp app) : AdminSafeguardTests<SqliteApp>(app);

public sealed class PostgresAdminSafeguardTests(PostgresApp app) : AdminSafeguardTests<PostgresApp>(app);
