using System.Security.Claims;
using KeyAccountPipeline.Data;
using KeyAccountPipeline.Data.Identity;
using KeyAccountPipeline.Domain.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KeyAccountPipeline.Web.Auth;

public static class PipelineClaims
{
    public const string DisplayName = "kap:name";

    /// <summary>The signed-in person as the domain sees them; null when nobody is signed in.</summary>
    public static Actor? ToActor(this ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true
        && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
        && Enum.TryParse<Role>(principal.FindFirstValue(ClaimTypes.Role), out var role)
            ? new Actor(id, role)
            : null;

    public static Actor RequireActor(this ClaimsPrincipal principal) =>
        principal.ToActor() ?? throw new InvalidOperationException("The endpoint requires a signed-in person.");

    public static string DisplayNameOf(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(DisplayName) ?? principal.Identity?.Name ?? string.Empty;
}

/// <summary>Adds the person's role and display name to Identity's claims (roles live on the person, not in role tables).</summary>
internal sealed class PipelineClaimsFactory(
    UserManager<PipelineUser> users, IOptions<IdentityOptions> options, IDbContextFactory<PipelineDbContext> contexts)
    : UserClaimsPrincipalFactory<PipelineUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PipelineUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        await using var db = await contexts.CreateDbContextAsync();
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == user.Id);
        identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, person.Role.ToString()));
        identity.AddClaim(new Claim(PipelineClaims.DisplayName, person.Name));
        return identity;
    }
}

/// <summary>
/// Whether a signed-in principal still holds: the person is active, the role unchanged and the security stamp
/// current (disabling, a role change or a password reset renews it). One small query; the API asks on every
/// request, open pages every <see cref="AuthSettings.Revalidate"/>.
/// </summary>
public sealed class SessionCheck(IDbContextFactory<PipelineDbContext> contexts, IOptions<IdentityOptions> options)
{
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        var stamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        if (principal.ToActor() is not { } actor || stamp is null)
        {
            return false;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Users.AsNoTracking()
            .Where(u => u.Id == actor.Id)
            .Join(db.People, u => u.Id, p => p.Id, (u, p) => new { u.SecurityStamp, p.Active, p.Role })
            .SingleOrDefaultAsync(cancellationToken);
        return row is not null && row.Active && row.Role == actor.Role && row.SecurityStamp == stamp;
    }
}
