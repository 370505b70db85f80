using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace KeyAccountPipeline.Web.Auth;

/// <summary>
/// The circuit's authentication state, re-checked every <see cref="AuthSettings.Revalidate"/> on the app's
/// <see cref="TimeProvider"/> (the framework's revalidating provider waits on the wall clock). When the person is
/// disabled or their role changes, the page loses its sign-in within that period and is sent to the sign-in page.
/// This is the fallback: every save re-checks at once (<see cref="CurrentUser"/>), and a "person changed" notification
/// makes the person's open pages re-check at once (<see cref="Components.Account.SessionGuard"/>); the loop covers a notification lost.
/// </summary>
internal sealed class RevalidatingStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    private readonly SessionCheck _check;
    private readonly AuthSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<RevalidatingStateProvider> _logger;
    private CancellationTokenSource? _loop;

    public RevalidatingStateProvider(SessionCheck check, AuthSettings settings, TimeProvider time, ILogger<RevalidatingStateProvider> logger)
    {
        _check = check;
        _settings = settings;
        _time = time;
        _logger = logger;
        AuthenticationStateChanged += Restart;
    }

    private void Restart(Task<AuthenticationState> state)
    {
        _loop?.Cancel();
        _loop?.Dispose();
        _loop = new CancellationTokenSource();
        _ = RevalidateAsync(state, _loop.Token);
    }

    private async Task RevalidateAsync(Task<AuthenticationState> state, CancellationToken cancellationToken)
    {
        var user = (await state).User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return;
        }

        try
        {
            while (true)
            {
                await Task.Delay(_settings.Revalidate, _time, cancellationToken);
                if (!await _check.IsCurrentAsync(user, cancellationToken))
                {
                    SignOut(user);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the circuit ended or the state changed; a new loop runs for the new state
        }
        catch (Exception exception)
        {
            // A database hiccup must not sign people out; the API still checks every request.
            _logger.LogWarning(exception, "Could not revalidate the signed-in session; will try again");
            Restart(state);
        }
    }

    /// <summary>
    /// Who the circuit was signed in as before <see cref="SignOut"/> ended it (null until then): whatever page closes the
    /// circuit — SessionGuard or RedirectToLogin, whichever runs first — tells the sign-in page why from it.
    /// </summary>
    internal ClaimsPrincipal? SignedOut { get; private set; }

    /// <summary>
    /// Ends the circuit's sign-in because <paramref name="user"/>'s session no longer holds: the page's
    /// AuthorizeRouteView then shows RedirectToLogin, which closes the page to the sign-in page. Called by this loop,
    /// by <see cref="CurrentUser"/> when a handler's check fails and by <see cref="Components.Account.SessionGuard"/> when a change is heard.
    /// </summary>
    internal void SignOut(ClaimsPrincipal user)
    {
        SignedOut = user;
        _logger.LogInformation("Signed-in session of {UserId} no longer holds; the page is signed out", user.FindFirstValue(ClaimTypes.NameIdentifier));
        // Set, not only announced: CurrentUser and every later GetAuthenticationStateAsync must see nobody too.
        SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
    }

    public void Dispose()
    {
        AuthenticationStateChanged -= Restart;
        _loop?.Cancel();
        _loop?.Dispose();
    }
}
