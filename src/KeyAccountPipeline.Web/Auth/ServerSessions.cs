using System.Security.Claims;
using KeyAccountPipeline.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KeyAccountPipeline.Web.Auth;

/// <summary>
/// Identity's sign-in manager, opening a server-side session (<see cref="SignInSessions"/>) with every sign-in: the
/// cookie, or the bearer and refresh tokens, carry its id (<see cref="PipelineClaims.SessionId"/>), so sign-out and
/// revocation take effect on the next request (decision 0015). Every password sign-in passes through
/// <see cref="SignInWithClaimsAsync"/>, for the page (cookie) and <c>/api/auth/token</c> (bearer) alike.
/// </summary>
public sealed class PipelineSignInManager(
    UserManager<PipelineUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<PipelineUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<PipelineUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PipelineUser> confirmation,
    SignInSessions sessions,
    AuthSettings settings)
    : SignInManager<PipelineUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task SignInWithClaimsAsync(PipelineUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var kind = AuthenticationScheme == IdentityConstants.BearerScheme ? SignInSessionKind.Bearer : SignInSessionKind.Cookie;
        var session = await sessions.StartAsync(user.Id, kind, settings.AbsoluteLifetime, Context.RequestAborted);
        await base.SignInWithClaimsAsync(user, authenticationProperties,
            [.. additionalClaims, .. PipelineClaims.SessionClaims(session.Id, session.RefreshGeneration)]);
    }
}

/// <summary>
/// The sign-in cookie is checked against its session on every request (pages, <c>/export</c>, <c>/_blazor</c>, and
/// <c>/api</c>, which then still wants a bearer token): a cookie whose session was signed out, revoked or is past its
/// absolute end is refused and deleted, and never renewed (the sliding renewal is skipped once the cookie is signed out).
/// A database that cannot answer throws, and the request answers 503 (decision 0011): an outage signs nobody out.
/// Replaces Identity's security stamp validator, which looked only every few minutes.
/// </summary>
internal static class SessionCookie
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var check = context.HttpContext.RequestServices.GetRequiredService<SessionCheck>();
        if (context.Principal is { } principal && await check.IsCurrentAsync(principal, context.HttpContext.RequestAborted))
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }
}
