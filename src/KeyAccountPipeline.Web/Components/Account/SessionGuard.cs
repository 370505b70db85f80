using KeyAccountPipeline.Data;
using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Web.Auth;
using KeyAccountPipeline.Web.Components.Shared;
using KeyAccountPipeline.Web.Texts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Web.Components.Account;

/// <summary>
/// Closes an open page of a person whose access changed, at once and on every app instance (decision 0016). Placed once
/// per circuit (Routes.razor, outside the router and the layouts, so that no page, layout or error banner stands in
/// its way). The circuit's sign-in is re-checked against the database (<see cref="CurrentUser.RecheckAsync"/>) when
/// the page goes live (a tab opened with a cookie from before the change), before every in-page navigation (so a
/// role-restricted page is never drawn for a role the person lost), when "this person changed" is heard from any
/// instance, and when notifications may have been missed. Whatever signs the circuit out (this check, a refused save in
/// <see cref="CurrentUser.ActorAsync"/>, the periodic revalidation in <see cref="RevalidatingStateProvider"/>), the page
/// then says so and loads the sign-in page in full, so nothing of the old page stays live.
/// </summary>
public sealed class SessionGuard : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Guid? _personId;
    private Guid? _sessionId;
    private string? _role;
    private string? _why;
    private IDisposable? _navigating;
    private bool _listening;
    private bool _closing;
    private bool _closed;

    [Inject] private PipelineChanges Changes { get; set; } = default!;

    [Inject] private CurrentUser CurrentUser { get; set; } = default!;

    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private ILogger<SessionGuard> Logger { get; set; } = default!;

    [Inject] private IDbContextFactory<PipelineDbContext> Contexts { get; set; } = default!;

    /// <summary>
    /// Where a page whose sign-in ended goes: after a sign-out of its session, the plain sign-in page — where the sign-out
    /// form's own answer goes, so the tab that signed out ends on the same page whichever arrives last; otherwise the
    /// sign-in page saying the sign-in ended — and why, when known (<paramref name="why"/>: <c>password</c>,
    /// <c>disabled</c>, <c>role</c>, <c>lifetime</c>; <see cref="WhyEndedAsync"/>) — with the way back to where the person was.
    /// </summary>
    public static string SignInAgain(NavigationManager navigation, CurrentUser user, string? why = null) => user.Ended == SessionState.SignedOut
        ? AuthSetup.SignInPath
        : $"account/login?reason=expired{(why is null ? string.Empty : "&why=" + why)}&returnUrl={Uri.EscapeDataString("/" + navigation.ToBaseRelativePath(navigation.Uri))}";

    /// <summary>
    /// Why a session that no longer holds ended, read from what changed: the person disabled (<c>disabled</c>), their
    /// role no longer the one the page was opened with (<c>role</c>), the session revoked with neither (by an admin's
    /// password reset, the only other revocation of a browser session: <c>password</c>), or past its absolute end
    /// (<c>lifetime</c>). Null when it cannot be told (the database did not answer).
    /// </summary>
    public static async Task<string?> WhyEndedAsync(IDbContextFactory<PipelineDbContext> contexts, Guid personId, Guid? sessionId, string? role)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            var person = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.Active, p.Role }).SingleOrDefaultAsync();
            var revoked = sessionId is { } id && await db.SignInSessions.AnyAsync(s => s.Id == id && s.RevokedAt != null);
            return person switch
            {
                null or { Active: false } => "disabled",
                _ when role is not null && person.Role.ToString() != role => "role",
                _ when revoked => "password",
                _ => "lifetime",
            };
        }
        catch (Exception error) when (Unavailable.Is(error) || error is ObjectDisposedException)
        {
            return null; // the page still closes, with the general words
        }
    }

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        _personId = user.ToActor()?.Id;
        _sessionId = user.SessionIdOf();
        _role = user.ToActor()?.Role.ToString();
        if (_personId is not null)
        {
            Changes.Changed += Heard;
            Authentication.AuthenticationStateChanged += StateChanged;
            _listening = true;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_closing && !_closed)
        {
            // After the render that shows the message: it stays on screen until the sign-in page has loaded.
            _closed = true;
            Navigation.NavigateTo(SignInAgain(Navigation, CurrentUser, _why), forceLoad: true);
            return;
        }

        if (firstRender && _listening)
        {
            _navigating = Navigation.RegisterLocationChangingHandler(context => new ValueTask(RecheckAsync(context.CancellationToken)));
            await RecheckAsync(_stop.Token);
        }
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (_closing)
        {
            builder.OpenElement(0, "p");
            builder.AddAttribute(1, "class", "access-changed");
            builder.AddAttribute(2, "role", "alert");
            builder.AddAttribute(3, "data-test", "access-changed");
            builder.AddContent(4, (SignedOutHere ? Ui.SignedOutSignInAgain : Ui.AccessChanged).Current);
            builder.CloseElement();
        }
    }

    private bool SignedOutHere => CurrentUser.Ended == SessionState.SignedOut;

    // Called on the delivering thread: only schedule the check.
    private void Heard(PipelineChange change)
    {
        if (change.Kind == PipelineChangeKind.Anything || (change.Kind == PipelineChangeKind.Person && change.PersonId == _personId))
        {
            _ = InvokeAsync(() => RecheckAsync(_stop.Token));
        }
    }

    private void StateChanged(Task<AuthenticationState> state) => _ = CloseIfSignedOutAsync(state);

    private async Task CloseIfSignedOutAsync(Task<AuthenticationState> state)
    {
        if ((await state).User.Identity?.IsAuthenticated == true || _closing)
        {
            return;
        }

        // Why, before the page starts closing: the render that closes it sends the person to the sign-in page with it.
        if (!SignedOutHere && _personId is { } personId)
        {
            _why = await WhyEndedAsync(Contexts, personId, _sessionId, _role);
        }

        _closing = true;

        await InvokeAsync(StateHasChanged);
    }

    private async Task RecheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CurrentUser.RecheckAsync(cancellationToken);
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException)
        {
            // The page closed or the navigation was superseded.
        }
        catch (Exception error)
        {
            // A database hiccup must not sign anyone out; every save checks again, and so does the periodic revalidation.
            Logger.LogWarning(error, "Could not re-check the page's sign-in");
        }
    }

    public void Dispose()
    {
        if (_listening)
        {
            Changes.Changed -= Heard;
            Authentication.AuthenticationStateChanged -= StateChanged;
        }

        _navigating?.Dispose();
        _stop.Cancel();
        _stop.Dispose();
    }
}
