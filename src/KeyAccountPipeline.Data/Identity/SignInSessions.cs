using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KeyAccountPipeline.Data.Identity;

/// <summary>What became of a refresh: rotated to a new generation, a reused (older) token that ended the session, or a session that had already ended.</summary>
public enum RefreshOutcome
{
    Rotated,
    Reused,
    Ended,
}

/// <summary>
/// The server-side sign-in sessions (<see cref="SignInSession"/>): opened at sign-in, rotated on each refresh, revoked at
/// sign-out and when a person is disabled, changes role or gets a new password. Rows are deleted
/// <see cref="Retention"/> after their absolute end, on the next sign-in (one indexed delete; any instance may do it).
/// Singleton: each call opens its own short context, except <see cref="RevokeAllAsync"/>, which joins the caller's.
/// </summary>
public sealed class SignInSessions(IDbContextFactory<PipelineDbContext> contexts, TimeProvider time, ILogger<SignInSessions> logger)
{
    /// <summary>How long a row is kept after its absolute end (a record of recent sign-ins and sign-outs), then purged.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    /// <summary>Opens a session for <paramref name="personId"/> that ends at the latest after <paramref name="lifetime"/>.</summary>
    public async Task<SignInSession> StartAsync(Guid personId, SignInSessionKind kind, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var session = new SignInSession(Guid.CreateVersion7(now), personId, kind, now, now + lifetime);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.SignInSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await PurgeAsync(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The sign-in holds; old rows wait for the next one.
            logger.LogWarning(error, "Could not purge old sign-in sessions");
        }

        return session;
    }

    /// <summary>
    /// Uses the refresh token of <paramref name="generation"/> of session <paramref name="sessionId"/>: when it is the
    /// current one, the session moves on to the next generation (the token can never be used again); when it is an
    /// older one, someone replays a used token (a thief, or the client after the thief), so the whole session is
    /// revoked — its newest refresh and access tokens too. Atomic: of two refreshes with the same token only one rotates.
    /// </summary>
    public async Task<(RefreshOutcome Outcome, int Generation)> RefreshAsync(Guid sessionId, Guid personId, int generation,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = db.SignInSessions.Where(s => s.Id == sessionId && s.PersonId == personId && s.RevokedAt == null);
        var rotated = await open.Where(s => s.RefreshGeneration == generation && s.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RefreshGeneration, generation + 1), cancellationToken);
        if (rotated == 1)
        {
            return (RefreshOutcome.Rotated, generation + 1);
        }

        var revoked = await open.Where(s => s.RefreshGeneration > generation)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, (DateTimeOffset?)now), cancellationToken);
        if (revoked > 0)
        {
            logger.LogWarning("A used refresh token of session {SessionId} of {PersonId} was presented again; the session is revoked", sessionId, personId);
            return (RefreshOutcome.Reused, generation);
        }

        return (RefreshOutcome.Ended, generation);
    }

    /// <summary>Ends one session (sign-out); nothing happens when it has already ended.</summary>
    public async Task RevokeAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.SignInSessions.Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, (DateTimeOffset?)now), cancellationToken);
    }

    /// <summary>
    /// Marks every open session of <paramref name="personId"/> revoked in <paramref name="db"/>, for the caller's next
    /// SaveChanges: the revocation commits in the same transaction as the change that calls for it (disable, role, password).
    /// </summary>
    public async Task RevokeAllAsync(PipelineDbContext db, Guid personId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        foreach (var session in await db.SignInSessions.Where(s => s.PersonId == personId && s.RevokedAt == null).ToListAsync(cancellationToken))
        {
            session.Revoke(now);
        }
    }

    /// <summary>Deletes the sessions whose absolute end lies more than <see cref="Retention"/> back; returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var before = time.GetUtcNow() - Retention;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.SignInSessions.Where(s => s.ExpiresAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
