using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using KeyAccountPipeline.Data.Identity;
using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Data.Validation;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Web.Api;
using KeyAccountPipeline.Web.Texts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KeyAccountPipeline.Web.Auth;

public sealed record TokenRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed class TokenRequestValidator : AbstractValidator<TokenRequest>
{
    public TokenRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().MaximumLength(Limits.Email).SingleLine();
        RuleFor(r => r.Password).NotEmpty().MaximumLength(Limits.Password).SingleLine();
    }
}

/// <summary>
/// Bearer tokens for API clients, issued and refreshed by Identity's bearer-token handler (the same as
/// <c>MapIdentityApi</c>'s login and refresh, without its open registration, with refresh tokens rotated on use), the API's
/// sign-out, and the browser's sign-out; each ends or checks the server-side session (<see cref="SignInSessions"/>).
/// </summary>
internal static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth").AllowAnonymous();
        auth.MapPost("/token", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (TokenRequest request, PasswordSignIn passwords, SignInManager<PipelineUser> signIn, HttpContext http) =>
        {
            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            var outcome = await passwords.SignInAsync(request.Email!, request.Password!);
            if (outcome.Succeeded)
            {
                return TypedResults.Empty; // the bearer handler has written the access and refresh tokens
            }

            if (outcome.RetryAfter is { } retryAfter)
            {
                await RateLimits.RejectAsync(http, retryAfter);
                return TypedResults.Empty;
            }

            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed.", detail: Ui.SignInFailed.For(CultureInfo.CurrentUICulture));
        }).Validate<TokenRequest>().Produces<AccessTokenResponse>().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        auth.MapPost("/refresh", async Task<Results<SignInHttpResult, UnauthorizedHttpResult, EmptyHttpResult>> (
            RefreshRequest request, SignInManager<PipelineUser> signIn, IOptionsMonitor<BearerTokenOptions> options, TimeProvider time, SessionCheck check,
            SignInSessions sessions, SignInLimiter limiter, HttpContext http) =>
        {
            var protector = options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
            var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null : protector.Unprotect(request.RefreshToken);
            // Per account as sign-ins are: a stolen refresh token cannot be replayed without limit either.
            if (ticket?.Principal.FindFirstValue(ClaimTypes.NameIdentifier) is { } account)
            {
                using var lease = limiter.Acquire("refresh:" + account);
                if (!lease.IsAcquired)
                {
                    await RateLimits.RejectAsync(http, SignInLimiter.RetryAfter(lease));
                    return TypedResults.Empty;
                }
            }

            if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires
                || ticket.Principal.RefreshOf() is not { } refresh
                || !await check.IsCurrentAsync(ticket.Principal, http.RequestAborted)
                || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
            {
                return TypedResults.Unauthorized();
            }

            // Built first: a database failure here answers 503 with the refresh token still unused, so the retry it asks for works.
            var principal = await signIn.CreateUserPrincipalAsync(user);

            // Rotation: this refresh token is used up now; an older one presented again ends the session (decision 0015).
            var (outcome, generation) = await sessions.RefreshAsync(refresh.SessionId, user.Id, refresh.Generation, http.RequestAborted);
            if (outcome != RefreshOutcome.Rotated)
            {
                return TypedResults.Unauthorized();
            }

            principal.Identities.First().AddClaims(PipelineClaims.SessionClaims(refresh.SessionId, generation));
            return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
        }).WithSummary("A new access token and a new refresh token; the refresh token sent is used up (sent again, it ends the session).")
            .Produces<AccessTokenResponse>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);

        // Outside the anonymous group: it needs the caller's current bearer token, as every other API call does.
        app.MapPost("/api/auth/signout", async (ClaimsPrincipal user, SignInSessions sessions, CancellationToken ct) =>
        {
            // The policy has checked that the token's session is current, so it has one.
            await sessions.RevokeAsync(user.SessionIdOf()!.Value, ct);
            return TypedResults.NoContent();
        }).WithTags("Auth").RequireAuthorization(ApiPolicies.Member)
            .WithSummary("Signs out the calling session only: its access tokens and refresh token stop working at once; the person's other sessions (other clients, the browser) go on.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        // The form is bound so that antiforgery validation applies: a cross-site page cannot sign anyone out.
        // The session ends on the server too: a copy of the cookie taken before is refused from now on.
        app.MapPost("/account/logout", async (HttpContext context, IFormCollection form, SignInSessions sessions, PipelineChanges changes) =>
        {
            if (context.User.SessionIdOf() is { } session)
            {
                await sessions.RevokeAsync(session, context.RequestAborted);
            }

            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            if (context.User.ToActor() is { } actor)
            {
                await changes.PublishAsync(PipelineChange.Person(actor.Id)); // the person's open pages re-check (decision 0016)
            }

            return TypedResults.LocalRedirect(AuthSetup.SignInPath);
        }).ExcludeFromDescription();
        return app;
    }
}
