using System.Globalization;
using System.Security.Claims;
using Bunit.TestDoubles;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Auth;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace KeyAccountPipeline.Web.Components.Tests.Infrastructure;

/// <summary>
/// A bUnit context with MudBlazor's services and, behind them, the app's own services. Texts are
/// English so failures read the same everywhere; assertions use the Ui texts, not literals, where
/// the point is "this message", and literals where the point is the format.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    private readonly BunitAuthorizationContext _authorization;
    private readonly IServiceProvider? _app;

    protected ComponentTest(IServiceProvider? app = null, Person? signedIn = null)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en");
        Services.AddMudServices();
        _authorization = AddAuthorization();
        _app = app;
        Services.AddScoped<CurrentUser>();
        Services.AddScoped<CircuitEviction>();
        if (app is not null)
        {
            Services.AddFallbackServiceProvider(app);
            // CurrentUser is built here, so what it needs comes from the app explicitly (the fallback serves only direct lookups).
            Services.AddSingleton(app.GetRequiredService<SessionCheck>());
            // A page that opens a scope of its own per change (UserAccountsScope) gets it from this container, which has no
            // Identity: its UserAccounts comes from an app scope that lives and ends with that scope.
            Services.AddScoped(_ => new AppScope(app.CreateAsyncScope()));
            Services.AddScoped(provider => provider.GetRequiredService<AppScope>().Scope.ServiceProvider.GetRequiredService<UserAccounts>());
        }

        if (signedIn is not null)
        {
            SignInAs(signedIn);
        }

        JSInterop.Mode = JSRuntimeMode.Loose;
        // Pages load their data once the circuit is live, as in the browser.
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    /// <summary>The person the components see as signed in (the fixture's rep, who owns the test deals, unless a test says otherwise).</summary>
    protected void SignInAs(Person person) => _authorization
        .SetAuthorized(person.Email)
        .SetRoles(person.Role.ToString())
        .SetClaims([
            new Claim(ClaimTypes.NameIdentifier, person.Id.ToString()), new Claim(PipelineClaims.DisplayName, person.Name),
            .. _app is null ? [] : PageSession.ClaimsFor(_app, person)]);

    /// <summary>
    /// The editable text fields in <paramref name="rendered"/> (by data-test) and their maxlength: exactly the expected ones,
    /// each stopping at its validator's limit, so a field added without a limit fails here.
    /// </summary>
    protected static void AssertTextLimits<T>(IRenderedComponent<T> rendered, params (string Field, int MaxLength)[] expected)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        var fields = rendered.FindAll(
                "input:not([type=hidden]):not([type=radio]):not([type=checkbox]):not([readonly]):not([inputmode=decimal]):not([inputmode=numeric]), textarea")
            .Select(f => (Field: f.GetAttribute("data-test") ?? f.OuterHtml, MaxLength: f.GetAttribute("maxlength")))
            .OrderBy(f => f.Field, StringComparer.Ordinal);
        Assert.Equal(
            expected.Select(e => (e.Field, MaxLength: (string?)e.MaxLength.ToString(CultureInfo.InvariantCulture))).OrderBy(e => e.Field, StringComparer.Ordinal),
            fields);
    }

    /// <summary>Shows the components in <paramref name="culture"/> (en, zh-CN) from here on; English is the default.</summary>
    protected static void Speak(string culture) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor's services can only be disposed asynchronously; xUnit 2 calls this before Dispose, which then has nothing left to do.</summary>
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private sealed record AppScope(AsyncServiceScope Scope) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Scope.DisposeAsync();
    }
}
