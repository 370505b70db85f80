using System.Security.Claims;
using KeyAccountPipeline.Data.Identity;
using KeyAccountPipeline.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests.Infrastructure;

/// <summary>The principal a circuit holds after the cookie sign-in: Identity's claims plus a server-side session (decision 0015).</summary>
public static class PagePrincipal
{
    /// <summary>Signs <paramref name="personId"/> in as a page would, in <paramref name="services"/> (a circuit's scope).</summary>
    public static async Task<ClaimsPrincipal> ForAsync(IServiceProvider services, Guid personId)
    {
        var user = await services.GetRequiredService<UserManager<PipelineUser>>().FindByIdAsync(personId.ToString());
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<PipelineUser>>().CreateAsync(user!);
        var session = await services.GetRequiredService<SignInSessions>().StartAsync(personId, SignInSessionKind.Cookie, TimeSpan.FromDays(7));
        principal.Identities.First().AddClaims(PipelineClaims.SessionClaims(session.Id, session.RefreshGeneration));
        return principal;
    }
}
