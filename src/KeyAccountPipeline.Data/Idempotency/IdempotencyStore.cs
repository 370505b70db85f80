using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KeyAccountPipeline.Data.Idempotency;

/// <summary>What a request with an <c>Idempotency-Key</c> found when it tried to claim the key.</summary>
public enum ClaimOutcome
{
    /// <summary>The key is this request's now: carry it out, then <see cref="IdempotencyStore.CompleteAsync"/> or <see cref="IdempotencyStore.ReleaseAsync"/>.</summary>
    Claimed,

    /// <summary>The key was used with this request before: answer <see cref="Claim.Record"/>'s stored answer, write nothing.</summary>
    Replay,

    /// <summary>The key was used with another method, path or body (422).</summary>
    Mismatch,

    /// <summary>A request with this key is still being carried out (409).</summary>
    InFlight,

    /// <summary>A request with this key was carried out and its change saved, but its answer could not be kept (409).</summary>
    AnswerLost,
}

/// <param name="Outcome">What to do.</param>
/// <param name="Id">The record's id (for <see cref="ClaimOutcome.Claimed"/>).</param>
/// <param name="Lease">The lease this request holds (for <see cref="ClaimOutcome.Claimed"/>).</param>
/// <param name="Record">The stored answer (for <see cref="ClaimOutcome.Replay"/>).</param>
public sealed record Claim(ClaimOutcome Outcome, Guid Id, Guid Lease, IdempotencyRecord? Record = null);

/// <summary>
/// Idempotency keys in the database, so they hold across instances. A request first claims its key (an insert
/// that the unique index on person and key lets only one request win), runs, and then stores its 2xx answer or
/// releases the key. While it runs, <see cref="IdempotencyScope"/> makes its own SaveChanges mark the record
/// committed in the same transaction, so a lost answer never lets a retry write twice. Records are kept
/// <see cref="Retention"/> and purged by age now and then on a claim (by whichever instance gets there: the purge is
/// idempotent, so it needs no coordination).
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<PipelineDbContext> contexts, TimeProvider time, ILogger<IdempotencyStore> logger)
{
    /// <summary>How long a key and its answer are kept (the draft asks for a stated expiry; 24 h is the usual one).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>
    /// After this a claim whose request neither finished nor released it (the instance died, or the database was gone
    /// when it tried to release) may be taken over by a retry. Longer than any request may take.
    /// </summary>
    public static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan PurgeEvery = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan[] CompleteRetries = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(1)];

    private long _nextPurgeTicks;

    /// <summary>Claims <paramref name="key"/> for <paramref name="personId"/>'s request, or says why not.</summary>
    /// <param name="fingerprint">SHA-256 (hex) of the request's method, path and body.</param>
    public async Task<Claim> ClaimAsync(Guid personId, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await PurgeNowAndThenAsync(now, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var record = new IdempotencyRecord(Guid.CreateVersion7(now), personId, key, fingerprint, Guid.NewGuid(), now);
            db.IdempotencyRecords.Add(record);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new Claim(ClaimOutcome.Claimed, record.Id, record.Lease);
            }
            catch (DbUpdateException)
            {
                // Most likely the unique index: someone holds the key. If not (the database went away), the read below fails too.
                db.ChangeTracker.Clear();
            }

            var existing = await db.IdempotencyRecords.AsNoTracking()
                .SingleOrDefaultAsync(r => r.PersonId == personId && r.Key == key, cancellationToken);
            if (existing is null)
            {
                // Released or purged between the insert and the read: try again, but not forever.
                if (attempt < 3)
                {
                    continue;
                }

                throw new InvalidOperationException($"Could not claim idempotency key for person {personId}.");
            }

            if (existing.Fingerprint != fingerprint)
            {
                return new Claim(ClaimOutcome.Mismatch, existing.Id, Guid.Empty);
            }

            if (existing.StatusCode is not null)
            {
                return new Claim(ClaimOutcome.Replay, existing.Id, Guid.Empty, existing);
            }

            if (existing.CommittedAt is not null)
            {
                return new Claim(ClaimOutcome.AnswerLost, existing.Id, Guid.Empty);
            }

            if (now - existing.ClaimedAt < LeaseTime)
            {
                return new Claim(ClaimOutcome.InFlight, existing.Id, Guid.Empty);
            }

            // Abandoned and never committed: take it over. Renewing the lease makes the old request's commit fail if it ever comes.
            var lease = Guid.NewGuid();
            var taken = await db.IdempotencyRecords
                .Where(r => r.Id == existing.Id && r.Lease == existing.Lease && r.CommittedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Lease, lease).SetProperty(r => r.ClaimedAt, now), cancellationToken);
            if (taken == 1)
            {
                logger.LogInformation("Idempotency key record {RecordId} taken over after an abandoned request", existing.Id);
                return new Claim(ClaimOutcome.Claimed, existing.Id, lease);
            }
        }
    }

    /// <summary>
    /// Keeps the 2xx answer of a claimed request. Never throws: the request's change is saved and its answer is
    /// given either way; when the database cannot take the answer after a few tries the record stays committed
    /// without one, and a retry answers 409 instead of writing twice.
    /// </summary>
    public async Task CompleteAsync(Claim claim, int statusCode, string? contentType, string? location, byte[] body)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync();
                await db.IdempotencyRecords.Where(r => r.Id == claim.Id && r.Lease == claim.Lease)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(r => r.StatusCode, statusCode)
                        .SetProperty(r => r.ContentType, contentType)
                        .SetProperty(r => r.Location, location)
                        .SetProperty(r => r.Body, body));
                return;
            }
            catch (Exception error) when (attempt < CompleteRetries.Length)
            {
                logger.LogWarning(error, "Could not keep the answer of idempotency key record {RecordId}; trying again", claim.Id);
                await Task.Delay(CompleteRetries[attempt]); // real time: the database recovers in real time, also under a test's clock
            }
            catch (Exception error)
            {
                logger.LogError(error, "Could not keep the answer of idempotency key record {RecordId}; a retry with its key will answer 409", claim.Id);
                return;
            }
        }
    }

    /// <summary>
    /// Gives the key back after a request that answered an error, so a corrected retry is carried out. A record whose
    /// request committed anyway is kept (a retry must not write twice). Never throws: when the database is gone the
    /// claim lapses after <see cref="LeaseTime"/>.
    /// </summary>
    public async Task ReleaseAsync(Claim claim)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            await db.IdempotencyRecords.Where(r => r.Id == claim.Id && r.Lease == claim.Lease && r.CommittedAt == null).ExecuteDeleteAsync();
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Could not release idempotency key record {RecordId}; it lapses in {Lease}", claim.Id, LeaseTime);
        }
    }

    /// <summary>Deletes the records older than <see cref="Retention"/>; returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var before = time.GetUtcNow() - Retention;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.IdempotencyRecords.Where(r => r.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>At most once per <see cref="PurgeEvery"/> on this instance; a failed purge waits for the next turn.</summary>
    private async Task PurgeNowAndThenAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var next = Interlocked.Read(ref _nextPurgeTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextPurgeTicks, (now + PurgeEvery).UtcTicks, next) != next)
        {
            return;
        }

        try
        {
            var purged = await PurgeAsync(cancellationToken);
            if (purged > 0)
            {
                logger.LogInformation("Purged {Count} idempotency keys older than {Retention}", purged, Retention);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "Could not purge old idempotency keys");
        }
    }
}
