using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KeyAccountPipeline.Data.Idempotency;

/// <summary>
/// The claimed key of the request being carried out on this async flow, if any. While it is set, every SaveChanges
/// of a <see cref="PipelineDbContext"/> that writes something also marks the key's record committed, in the same
/// transaction (<see cref="IdempotencyCommitMarker"/>): the change and "this key's request was carried out" are
/// saved together or not at all.
/// </summary>
public static class IdempotencyScope
{
    private static readonly AsyncLocal<Claim?> Claim = new();

    internal static Claim? Current => Claim.Value;

    /// <summary>Sets the claim for the rest of this async flow (callees included); dispose to clear it.</summary>
    public static IDisposable Enter(Claim claim)
    {
        Claim.Value = claim;
        return new Exit();
    }

    private sealed class Exit : IDisposable
    {
        public void Dispose() => Claim.Value = null;
    }
}

/// <summary>
/// Adds "committed" for the current <see cref="IdempotencyScope"/> to the SaveChanges that writes the request's change.
/// The update checks the claim's lease: if a retry took the key over meanwhile, this SaveChanges fails as a
/// concurrency conflict and writes nothing, so the change is never saved twice.
/// </summary>
public sealed class IdempotencyCommitMarker(TimeProvider time) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Mark(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    private void Mark(DbContext? context)
    {
        if (IdempotencyScope.Current is not { Outcome: ClaimOutcome.Claimed } claim || context is not PipelineDbContext db || !db.ChangeTracker.HasChanges())
        {
            return;
        }

        var entry = db.ChangeTracker.Entries<IdempotencyRecord>().FirstOrDefault(e => e.Entity.Id == claim.Id)
            ?? db.IdempotencyRecords.Attach(IdempotencyRecord.Stub(claim.Id, claim.Lease));
        entry.Entity.CommittedAt = time.GetUtcNow();
        entry.Property(r => r.CommittedAt).IsModified = true;
    }
}
