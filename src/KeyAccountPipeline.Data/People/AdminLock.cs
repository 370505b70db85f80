using KeyAccountPipeline.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Data.People;

/// <summary>
/// The active admins, read with a lock that a concurrent change of any admin must wait for, so that "is someone else
/// still an active admin?" stays true until the caller commits (decision 0017: the last active admin cannot be disabled or
/// demoted, even by two admins demoting each other at once).
/// </summary>
public static class AdminLock
{
    /// <summary>
    /// The ids of the active admins, read inside the caller's open transaction (call
    /// <c>Database.BeginTransactionAsync</c> first). PostgreSQL: <c>SELECT … FOR UPDATE</c> locks their rows until commit, and
    /// a second caller waiting on the lock re-reads the rows the first one changed (READ COMMITTED), so it sees a demoted
    /// admin as demoted. SQLite: the transaction began with <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's default), which
    /// already holds the database's only write lock, so writers are serialised before this read.
    /// </summary>
    /// <exception cref="InvalidOperationException">No transaction is open on <paramref name="db"/>.</exception>
    public static async Task<IReadOnlyList<Guid>> LockActiveAdminsAsync(this PipelineDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Lock the active admins inside a transaction: the lock lasts until it ends.");
        }

        var admins = db.Database.ProviderName == PipelineDbContext.SqliteProvider
            ? db.People.Where(p => p.Role == Role.Admin && p.Active)
            : db.People.FromSql($"""SELECT * FROM "People" WHERE "Role" = {nameof(Role.Admin)} AND "Active" ORDER BY "Id" FOR UPDATE""");
        return await admins.AsNoTracking().Select(p => p.Id).ToListAsync(cancellationToken);
    }
}
