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

    /// <summary>The server-side sign-in session (<see cref="SignInSession"/>) a cookie or token belongs to.</summary>
    public const string SessionId = "kap:session";

    /// <summary>In bearer tokens: the refresh-token generation they were issued with (<see cref="SignInSession.RefreshGeneration"/>).</summary>
    public const string RefreshGeneration = "kap:refresh";

    /// <summary>The principal's session id; null when it carries none (a cookie from before sessions were kept: refused).</summary>
    public static Guid? SessionIdOf(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(SessionId), out var id) ? id : null;

    /// <summary>The claims that tie a cookie or token to its session, added before it is signed in.</summary>
    public static Claim[] SessionClaims(Guid sessionId, int refreshGeneration) =>
    [
        new(SessionId, sessionId.ToString()),
        new(RefreshGeneration, refreshGeneration.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    /// <summary>The principal's session and refresh-token generation, as a refresh token carries them; null when it does not.</summary>
    public static (Guid SessionId, int Generation)? RefreshOf(this ClaimsPrincipal principal) =>
        principal.SessionIdOf() is { } session && int.TryParse(principal.FindFirstValue(RefreshGeneration), System.Globalization.CultureInfo.InvariantCulture, out var generation)
            ? (session, generation)
            : null;

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
/// Whether a signed-in principal still holds: its server-side session exists, is not revoked (sign-out, a reused refresh
/// token; disabling, a role change or a password reset revoke all of the person's) and is before its absolute end; the
/// person is active, the role unchanged and the security stamp current. One small query; the API and the sign-in cookie
/// ask on every request, open pages on their actions and every <see cref="AuthSettings.Revalidate"/>. A database that
/// cannot answer throws (see <see cref="Infrastructure.DatabaseOutage"/>): nobody is signed out by an outage.
/// </summary>
public sealed class SessionCheck(IDbContextFactory<PipelineDbContext> contexts, IOptions<IdentityOptions> options, TimeProvider time)
{
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default) =>
        await StateOfAsync(principal, cancellationToken) == SessionState.Current;

    /// <summary>
    /// Whether the principal's session holds, and if not, whether it was signed out (revoked while the person's access
    /// stayed as it was) or ended otherwise (disabled, role changed, password reset, past its absolute lifetime, unknown).
    /// One small query.
    /// </summary>
    public async Task<SessionState> StateOfAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        var stamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        if (principal.ToActor() is not { } actor || stamp is null || principal.SessionIdOf() is not { } sessionId)
        {
            return SessionState.Ended;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.SignInSessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.PersonId == actor.Id)
            .Join(db.Users, s => s.PersonId, u => u.Id, (s, u) => new { s.RevokedAt, s.ExpiresAt, u.SecurityStamp, u.Id })
            .Join(db.People, x => x.Id, p => p.Id, (x, p) => new { x.RevokedAt, x.ExpiresAt, x.SecurityStamp, p.Active, p.Role })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null || time.GetUtcNow() >= row.ExpiresAt || !row.Active || row.Role != actor.Role || row.SecurityStamp != stamp)
        {
            return SessionState.Ended;
        }

        return row.RevokedAt is null ? SessionState.Current : SessionState.SignedOut;
    }
}

/// <summary>What <see cref="SessionCheck.StateOfAsync"/> found.</summary>
public enum SessionState
{
    /// <summary>The session holds: the person may act with the role the principal carries.</summary>
    Current,

    /// <summary>The person signed out of this session (here or in another tab); their access is otherwise unchanged.</summary>
    SignedOut,

    /// <summary>Disabled, role changed, password reset, past the absolute lifetime, or no such session.</summary>
    Ended,
}
