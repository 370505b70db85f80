using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.People;
using Microsoft.AspNetCore.Components.Authorization;

namespace KeyAccountPipeline.Web.Auth;

/// <summary>
/// The circuit's signed-in person, for event handlers and for deciding which controls to show. The circuit's claims
/// are a snapshot taken when the page opened; every call checks them against the database (<see cref="SessionCheck"/>:
/// active, same role, same security stamp), so a handler acts on the person's current role and state (decision 0016).
/// </summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication, SessionCheck sessions)
{
    /// <summary>
    /// Why the circuit was last signed out by a check here: <see cref="SessionState.SignedOut"/> when the person signed
    /// out of this session, <see cref="SessionState.Ended"/> otherwise; <see cref="SessionState.Current"/> while it holds.
    /// </summary>
    public SessionState Ended { get; private set; }

    /// <summary>
    /// The signed-in person as they are now. Call it at the moment of a save (a cached actor only decides what to show).
    /// One small query per call.
    /// </summary>
    /// <exception cref="AccessDeniedException">
    /// Nobody is signed in, or the person's session no longer holds (disabled, role changed, password reset, signed out);
    /// in the latter case the circuit is signed out first, so the page closes to the sign-in page and nothing is saved.
    /// </exception>
    public async Task<Actor> ActorAsync(CancellationToken cancellationToken = default)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var actor = user.ToActor() ?? throw new AccessDeniedException(Texts.Ui.SignInFirst);
        return await HoldsAsync(user, cancellationToken) ? actor
            : throw new AccessDeniedException(Ended == SessionState.SignedOut ? Texts.Ui.SignedOutSignInAgain : Texts.Ui.AccessChanged);
    }

    /// <summary>
    /// Re-checks the circuit's sign-in now (a notification said the person changed, or the page navigates): true while
    /// it holds or nobody is signed in; false when it no longer holds, after signing the circuit out.
    /// </summary>
    public async Task<bool> RecheckAsync(CancellationToken cancellationToken = default)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return user.ToActor() is null || await HoldsAsync(user, cancellationToken);
    }

    private async Task<bool> HoldsAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var state = await sessions.StateOfAsync(user, cancellationToken);
        if (state == SessionState.Current)
        {
            return true;
        }

        Ended = state;
        (authentication as RevalidatingStateProvider)?.SignOut(user);
        return false;
    }

    /// <summary>The id of the person the circuit was signed in as, from its claims (no query); null when nobody is.</summary>
    public async Task<Guid?> SignedInIdAsync() => (await authentication.GetAuthenticationStateAsync()).User.ToActor()?.Id;
}
