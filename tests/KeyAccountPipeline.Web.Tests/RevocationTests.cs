using System.Net;
using System.Net.Http.Json;
using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Auth;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using KeyAccountPipeline.Web.Texts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Decision 0016 for open pages: a handler in a circuit acts on the person's current role and state, checked against the
/// database at the moment of the save, not on the claims the page opened with; and every change of a person's access
/// is announced as "person X changed", which the person's pages on every instance hear. The clock never moves here:
/// none of this waits for the 5-minute revalidation. Runs once on SQLite and once on PostgreSQL.
/// </summary>
public abstract class RevocationTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly HttpClient _admin = app.ClientFor(app.Admin);

    public static TheoryData<string> Revocations => ["disable", "role", "password"];

    [Theory]
    [MemberData(nameof(Revocations))]
    public async Task AnOpenPagesNextSaveIsRefusedTheMomentThePersonsAccessChanges(string change)
    {
        var (id, _) = await NewPersonAsync("manager");
        await using var scope = await OpenPageAsync(id);
        var current = scope.ServiceProvider.GetRequiredService<CurrentUser>();
        Assert.Equal(new Actor(id, Role.Manager), await current.ActorAsync());

        await RevokeAsync(id, change);

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => current.ActorAsync());
        Assert.Equal(Ui.AccessChanged, refused.Text);
        // The page is signed out too, so that it closes to the sign-in page and no later click acts.
        var state = await scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>().GetAuthenticationStateAsync();
        Assert.False(state.User.Identity?.IsAuthenticated);
        await Assert.ThrowsAsync<AccessDeniedException>(() => current.ActorAsync());
    }

    [Fact]
    public async Task APageStaysSignedInWhenSomeoneElsesAccessChanges()
    {
        var (id, _) = await NewPersonAsync("rep");
        var (other, _) = await NewPersonAsync("rep");
        await using var scope = await OpenPageAsync(id);
        var current = scope.ServiceProvider.GetRequiredService<CurrentUser>();

        await RevokeAsync(other, "disable");

        Assert.True(await current.RecheckAsync());
        Assert.Equal(new Actor(id, Role.Rep), await current.ActorAsync());
    }

    [Fact]
    public async Task RecheckSignsOutAPageWhosePersonWasDisabled()
    {
        var (id, _) = await NewPersonAsync("rep");
        await using var scope = await OpenPageAsync(id);
        var current = scope.ServiceProvider.GetRequiredService<CurrentUser>();

        await RevokeAsync(id, "disable");

        Assert.False(await current.RecheckAsync());
        var state = await scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>().GetAuthenticationStateAsync();
        Assert.False(state.User.Identity?.IsAuthenticated);
        Assert.True(await current.RecheckAsync()); // nobody signed in: nothing more to close
    }

    [Theory]
    [MemberData(nameof(Revocations))]
    [InlineData("enable")]
    public async Task EveryChangeOfAPersonsAccessIsAnnouncedWithThePersonsId(string change)
    {
        var (id, _) = await NewPersonAsync("manager");
        if (change == "enable")
        {
            await RevokeAsync(id, "disable");
        }

        await AnnouncedAsync(PipelineChange.Person(id), () => RevokeAsync(id, change));
    }

    [Fact]
    public async Task SigningOutAnnouncesThePersonSoTheirOtherPagesRecheck()
    {
        var (id, email) = await NewPersonAsync("rep");
        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(browser, email, Password)).StatusCode);
        var board = await (await browser.GetAsync("/")).Content.ReadAsStringAsync();

        await AnnouncedAsync(PipelineChange.Person(id), async () =>
        {
            var signedOut = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = SignInForm.AntiforgeryToken(board),
            }));
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        });
    }

    /// <summary>A password no rule refuses, for people made through the API.</summary>
    private const string Password = "quiet-harbour-lantern-7";

    private async Task<(Guid Id, string Email)> NewPersonAsync(string role)
    {
        var email = $"revoked.{Guid.NewGuid():N}@test.cn";
        var created = await _admin.PostOkAsync("/api/users", new { name = "测试 Revoked Person", email, role, password = Password });
        return (created["id"]!.GetValue<Guid>(), email);
    }

    /// <summary>The change through the API, as another admin makes it.</summary>
    private async Task RevokeAsync(Guid id, string change)
    {
        switch (change)
        {
            case "disable" or "enable":
                await _admin.PostOkAsync($"/api/users/{id}/{change}", new { });
                break;
            case "role":
                await _admin.SendOkAsync(HttpMethod.Put, $"/api/users/{id}/role", new { role = "rep" });
                break;
            case "password":
                var reset = await _admin.PostAsJsonAsync($"/api/users/{id}/password", new { password = "another-harbour-lantern-8" });
                Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }

    /// <summary>Runs <paramref name="action"/> and waits until this instance hears <paramref name="expected"/>.</summary>
    private async Task AnnouncedAsync(PipelineChange expected, Func<Task> action)
    {
        var changes = app.Services.GetRequiredService<PipelineChanges>();
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Hear(PipelineChange change)
        {
            if (change == expected)
            {
                heard.TrySetResult();
            }
        }

        changes.Changed += Hear;
        try
        {
            await action();
            await heard.Task.WaitAsync(Patience);
        }
        finally
        {
            changes.Changed -= Hear;
        }
    }

    /// <summary>A circuit's scope whose sign-in is <paramref name="id"/>'s, as after the cookie sign-in.</summary>
    private async Task<AsyncServiceScope> OpenPageAsync(Guid id)
    {
        var scope = app.Services.CreateAsyncScope();
        var principal = await PagePrincipal.ForAsync(scope.ServiceProvider, id);
        var provider = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return scope;
    }
}

public sealed class SqliteRevocationTests(SqliteApp app) : RevocationTests<SqliteApp>(app);

public sealed class PostgresRevocationTests(PostgresApp app) : RevocationTests<PostgresApp>(app);

/// <summary>The notification's text for "person X changed", and that older payloads still read as before.</summary>
public sealed class PipelineChangePayloadTests
{
    [Fact]
    public void APersonChangeTravelsAsItsPrefixedIdAndReadsBack()
    {
        var id = Guid.Parse("0196a3f2-7c1e-7d4a-9b2f-3c4d5e6f7a8b");
        var change = PipelineChange.Person(id);

        Assert.Equal("person:0196a3f2-7c1e-7d4a-9b2f-3c4d5e6f7a8b", change.Payload);
        Assert.Equal(change, PipelineChange.Parse(change.Payload));
        Assert.Equal(PipelineChangeKind.Person, PipelineChange.Parse(change.Payload).Kind);
        Assert.Equal(default, PipelineChange.Parse(change.Payload).DealId); // never mistaken for a deal
    }

    [Theory]
    [InlineData("0196a3f2-7c1e-7d4a-9b2f-3c4d5e6f7a8b", PipelineChangeKind.Deal)]
    [InlineData("playbook", PipelineChangeKind.Playbook)]
    [InlineData("*", PipelineChangeKind.Anything)]
    [InlineData("person:", PipelineChangeKind.Anything)]
    [InlineData("person:not-a-guid", PipelineChangeKind.Anything)]
    [InlineData("Person:0196a3f2-7c1e-7d4a-9b2f-3c4d5e6f7a8b", PipelineChangeKind.Anything)]
    [InlineData("people:0196a3f2-7c1e-7d4a-9b2f-3c4d5e6f7a8b", PipelineChangeKind.Anything)]
    [InlineData("", PipelineChangeKind.Anything)]
    public void OlderAndUnknownPayloadsReadAsBefore(string payload, PipelineChangeKind kind)
    {
        var change = PipelineChange.Parse(payload);

        Assert.Equal(kind, change.Kind);
        Assert.Equal(default, change.PersonId);
    }
}
