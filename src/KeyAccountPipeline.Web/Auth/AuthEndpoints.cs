using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using KeyAccountPipeline.Data.Identity;
using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Web.Api;
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
/// <c>MapIdentityApi</c>'s login and refresh, without its open registration), and the browser's sign-out.
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

            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed.", detail: SignInMessages.Failed.For(CultureInfo.CurrentUICulture));
        }).Validate<TokenRequest>().Produces<AccessTokenResponse>().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        auth.MapPost("/refresh", async Task<Results<SignInHttpResult, UnauthorizedHttpResult, EmptyHttpResult>> (
            RefreshRequest request, SignInManager<PipelineUser> signIn, IOptionsMonitor<BearerTokenOptions> options, TimeProvider time, SessionCheck sessions,
            SignInLimiter limiter, HttpContext http) =>
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
                || !await sessions.IsCurrentAsync(ticket.Principal)
                || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
            {
                return TypedResults.Unauthorized();
            }

            return TypedResults.SignIn(await signIn.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
        }).Produces<AccessTokenResponse>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);

        // The form is bound so that antiforgery validation applies: a cross-site page cannot sign anyone out.
        app.MapPost("/account/logout", async (HttpContext context, IFormCollection form, PipelineChanges changes) =>
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            if (context.User.ToActor() is { } actor)
            {
                await changes.PublishAsync(PipelineChange.Person(actor.Id)); // the person's open pages re-check (issue 12)
            }

            return TypedResults.LocalRedirect(AuthSetup.SignInPath);
        }).ExcludeFromDescription();
        return app;
    }
}

public static class SignInMessages
{
    /// <summary>
    /// The one answer to every failed sign-in: a wrong password, an unknown email, a locked or disabled account. Telling
    /// a locked account apart would tell that the email has one (issue 12); the message says what may have happened.
    /// </summary>
    public static readonly Domain.Playbooks.Localized Failed = new(
        "邮箱或密码不正确。登录失败次数过多时账号会锁定几分钟；如果一直无法登录，请联系管理员。",
        "The email or password is not correct. Too many failed attempts lock an account for a few minutes; if this keeps happening, ask an admin.");
}
