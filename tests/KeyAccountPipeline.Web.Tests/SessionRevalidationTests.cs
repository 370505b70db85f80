using System.Security.Claims;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Auth;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// An open page's sign-in: the circuit's <see cref="RevalidatingStateProvider"/> from the real app's services,
/// signed in as a person, re-checks on the app's fake clock. When the person is disabled or their role changes,
/// the page is signed out within the revalidation period (5 minutes); while nothing changes it stays signed in.
/// </summary>
public abstract class SessionRevalidationTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(5);

    /// <summary>Real time allowed for a check's database round trip once the fake clock has moved.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ADisabledPersonsOpenPageIsSignedOutWithinFiveMinutes()
    {
        var person = await NewPersonAsync(Role.Rep);
        await using var page = await OpenPageAsync(person);

        await AsAdminAsync(accounts => accounts.SetActiveAsync(person.Id, active: false, app.Admin.AsActor()));
        app.Clock.Advance(Period);

        var state = await page.SignedOut.WaitAsync(Patience);
        Assert.False(state.User.Identity?.IsAuthenticated);
        Assert.False((await page.Provider.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task APageWhosePersonChangedRoleIsSignedOutWithinFiveMinutes()
    {
        var person = await NewPersonAsync(Role.Rep);
        await using var page = await OpenPageAsync(person);

        await AsAdminAsync(accounts => accounts.ChangeRoleAsync(person.Id, Role.Manager, app.Admin.AsActor()));
        app.Clock.Advance(Period);

        var state = await page.SignedOut.WaitAsync(Patience);
        Assert.False(state.User.Identity?.IsAuthenticated);
    }

    [Fact]
    public async Task AnOpenPageStaysSignedInWhileNothingChanges()
    {
        var person = await NewPersonAsync(Role.Rep);
        await using var page = await OpenPageAsync(person);

        for (var check = 0; check < 3; check++)
        {
            app.Clock.Advance(Period);
            await Task.Delay(TimeSpan.FromMilliseconds(500)); // the check's round trip
        }

        Assert.False(page.SignedOut.IsCompleted);
        var state = await page.Provider.GetAuthenticationStateAsync();
        Assert.Equal(person.Id.ToString(), state.User.FindFirstValue(ClaimTypes.NameIdentifier));

        // Still watching: a disable now is noticed on a later check.
        await AsAdminAsync(accounts => accounts.SetActiveAsync(person.Id, active: false, app.Admin.AsActor()));
        using var timeout = new CancellationTokenSource(Patience);
        while (!page.SignedOut.IsCompleted && !timeout.IsCancellationRequested)
        {
            app.Clock.Advance(Period);
            await Task.WhenAny(page.SignedOut, Task.Delay(TimeSpan.FromMilliseconds(500)));
        }

        Assert.True(page.SignedOut.IsCompleted, "The page was not signed out after its person was disabled.");
    }

    private async Task<Person> NewPersonAsync(Role role)
    {
        Person? created = null;
        await AsAdminAsync(async accounts =>
            created = await accounts.CreateAsync("测试 Session Person", $"session.{Guid.NewGuid():N}@test.cn", role, PipelineApp.Password, app.Admin.AsActor()));
        return created!;
    }

    private async Task AsAdminAsync(Func<UserAccounts, Task> change) =>
        await app.Services.GetRequiredService<IServiceScopeFactory>().RunAsync(change);

    /// <summary>A circuit's scope with its state provider signed in as <paramref name="person"/>, as after the cookie sign-in.</summary>
    private async Task<OpenPage> OpenPageAsync(Person person)
    {
        var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var principal = await PagePrincipal.ForAsync(services, person.Id);
        var provider = services.GetRequiredService<AuthenticationStateProvider>();
        Assert.IsType<RevalidatingStateProvider>(provider);

        var page = new OpenPage(scope, provider);
        ((IHostEnvironmentAuthenticationStateProvider)provider).SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return page;
    }

    private sealed class OpenPage : IAsyncDisposable
    {
        private readonly AsyncServiceScope _scope;
        private readonly TaskCompletionSource<AuthenticationState> _signedOut = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public OpenPage(AsyncServiceScope scope, AuthenticationStateProvider provider)
        {
            _scope = scope;
            Provider = provider;
            provider.AuthenticationStateChanged += state => _ = WatchAsync(state);
        }

        public AuthenticationStateProvider Provider { get; }

        /// <summary>Completes when the provider announces an anonymous state, as AuthorizeRouteView would see it.</summary>
        public Task<AuthenticationState> SignedOut => _signedOut.Task;

        public ValueTask DisposeAsync() => _scope.DisposeAsync();

        private async Task WatchAsync(Task<AuthenticationState> state)
        {
            var changed = await state;
            if (changed.User.Identity?.IsAuthenticated != true)
            {
                _signedOut.TrySetResult(changed);
            }
        }
    }
}

public sealed class SqliteSessionRevalidationTests(SqliteApp app) : SessionRevalidationTests<SqliteApp>(app);

public sealed class PostgresSessionRevalidationTests(PostgresApp app) : SessionRevalidationTests<PostgresApp>(app);
