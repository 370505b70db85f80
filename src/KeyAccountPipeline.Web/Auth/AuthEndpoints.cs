using System.Globalization;
using FluentValidation;
using KeyAccountPipeline.Data.Identity;
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
        auth.MapPost("/token", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (TokenRequest request, SignInManager<PipelineUser> signIn) =>
        {
            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            var user = string.IsNullOrWhiteSpace(request.Email) ? null : await signIn.UserManager.FindByEmailAsync(request.Email.Trim());
            var result = user is null || string.IsNullOrEmpty(request.Password)
                ? Microsoft.AspNetCore.Identity.SignInResult.Failed
                : await signIn.PasswordSignInAsync(user, request.Password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                return TypedResults.Empty; // the bearer handler has written the access and refresh tokens
            }

            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed.",
                detail: result.IsLockedOut ? SignInMessages.LockedOut.For(CultureInfo.CurrentUICulture) : SignInMessages.Failed.For(CultureInfo.CurrentUICulture));
        }).Validate<TokenRequest>().Produces<AccessTokenResponse>().ProducesProblem(StatusCodes.Status401Unauthorized);

        auth.MapPost("/refresh", async Task<Results<SignInHttpResult, UnauthorizedHttpResult>> (
            RefreshRequest request, SignInManager<PipelineUser> signIn, IOptionsMonitor<BearerTokenOptions> options, TimeProvider time, SessionCheck sessions) =>
        {
            var protector = options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
            var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null : protector.Unprotect(request.RefreshToken);
            if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires
                || !await sessions.IsCurrentAsync(ticket.Principal)
                || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
            {
                return TypedResults.Unauthorized();
            }

            return TypedResults.SignIn(await signIn.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
        }).Produces<AccessTokenResponse>().ProducesProblem(StatusCodes.Status401Unauthorized);

        // The form is bound so that antiforgery validation applies: a cross-site page cannot sign anyone out.
        app.MapPost("/account/logout", async (HttpContext context, IFormCollection form) =>
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            return TypedResults.LocalRedirect(AuthSetup.SignInPath);
        }).ExcludeFromDescription();
        return app;
    }
}

public static class SignInMessages
{
    public static readonly Domain.Playbooks.Localized Failed = new("邮箱或密码不正确。", "The email or password is not correct.");

    public static readonly Domain.Playbooks.Localized LockedOut = new(
        "登录失败次数过多，或账号已停用。请稍后再试，或联系管理员。",
        "Too many failed attempts, or the account is disabled. Try again in a few minutes, or ask an admin.");
}
