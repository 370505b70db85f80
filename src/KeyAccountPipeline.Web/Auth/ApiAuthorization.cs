using KeyAccountPipeline.Domain.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;

namespace KeyAccountPipeline.Web.Auth;

/// <summary>The API's policies: bearer tokens only, checked against the database on every request.</summary>
public static class ApiPolicies
{
    public const string Member = "api";
    public const string Admin = "api-admin";
    public const string Manager = "api-manager";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Member, Build().Build());
        options.AddPolicy(Admin, Build().RequireRole(nameof(Role.Admin)).Build());
        options.AddPolicy(Manager, Build().RequireRole(nameof(Role.Manager), nameof(Role.Admin)).Build());
    }

    private static AuthorizationPolicyBuilder Build() => new AuthorizationPolicyBuilder(IdentityConstants.BearerScheme)
        .RequireAuthenticatedUser()
        .AddRequirements(new CurrentSessionRequirement());
}

/// <summary>A token is honoured only while its person is active with the same role and security stamp.</summary>
public sealed class CurrentSessionRequirement : IAuthorizationRequirement;

internal sealed class CurrentSessionHandler(SessionCheck check) : AuthorizationHandler<CurrentSessionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CurrentSessionRequirement requirement)
    {
        if (await check.IsCurrentAsync(context.User))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, "The session is no longer valid (disabled, role changed or signed out)."));
        }
    }
}

/// <summary>
/// A token whose session no longer holds is answered 401, like no token at all, rather than 403: the client
/// must sign in again; 403 stays for a valid person whose role does not allow the call.
/// </summary>
internal sealed class ApiAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        // The session handler fails explicitly (with a reason), so the failure lists no failed requirement: ask the reasons.
        if (authorizeResult.Forbidden
            && authorizeResult.AuthorizationFailure is { } failure
            && (failure.FailedRequirements.OfType<CurrentSessionRequirement>().Any() || failure.FailureReasons.Any(r => r.Handler is CurrentSessionHandler)))
        {
            return context.ChallengeAsync(IdentityConstants.BearerScheme);
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
