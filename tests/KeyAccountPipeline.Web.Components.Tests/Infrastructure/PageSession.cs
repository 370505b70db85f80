using System.Security.Claims;
using KeyAccountPipeline.Data.Identity;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KeyAccountPipeline.Web.Components.Tests.Infrastructure;

/// <summary>
/// What a real page's sign-in carries besides the person's id: Identity's security stamp and a server-side session
/// (decision 0015). Every save re-checks both (<see cref="CurrentUser.ActorAsync"/>), so a component under test is signed
/// in with them, as the cookie sign-in would: the person gets a sign-in (without a password) if they have none yet.
/// </summary>
internal static class PageSession
{
    public static Claim[] ClaimsFor(IServiceProvider app, Person person) => ClaimsForAsync(app, person).GetAwaiter().GetResult();

    private static async Task<Claim[]> ClaimsForAsync(IServiceProvider app, Person person)
    {
        await using var scope = app.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PipelineUser>>();
        var user = await users.FindByIdAsync(person.Id.ToString());
        if (user is null)
        {
            user = PipelineUser.For(person);
            var created = await users.CreateAsync(user);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        var stampType = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var session = await scope.ServiceProvider.GetRequiredService<SignInSessions>().StartAsync(person.Id, SignInSessionKind.Cookie, TimeSpan.FromDays(7));
        return [new Claim(stampType, await users.GetSecurityStampAsync(user)), .. PipelineClaims.SessionClaims(session.Id, session.RefreshGeneration)];
    }
}
