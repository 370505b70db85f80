using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace KeyAccountPipeline.Web.Infrastructure;

/// <summary>
/// The one answer to "did this fail because the database is unavailable?" (down, restarting, frozen, out of
/// connections, locked), as opposed to a fault in the request or the code. The API answers such a failure with 503
/// and <c>Retry-After</c> (<see cref="RetryAfterSeconds"/>); pages and dialogs say "the database is unavailable — try
/// again" and keep what the person typed. Nothing was committed by a failure of this kind unless the commit itself had
/// answered, which is why a retry is safe.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>What the API's <c>Retry-After</c> header says, in seconds: a restart or a lock usually clears within it.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>
    /// True when <paramref name="error"/>, or any exception inside it, says the database cannot be reached or does
    /// not answer in time: a refused or broken connection, a connect or command timeout, a full connection pool,
    /// PostgreSQL's connection, resource and shutdown errors (SQLSTATE classes 08, 53, 57P, 58), SQLite's busy,
    /// locked, cannot-open and I/O errors, and EF's "transient failure" and retry-limit wrappers around any of these.
    /// A socket error or a timeout counts only inside the database driver's own exception (Npgsql marks those transient):
    /// a client that went away, or any other timeout, is not the database.
    /// </summary>
    public static bool Is(Exception? error)
    {
        for (var depth = 0; error is not null && depth < 10; depth++, error = error.InnerException)
        {
            switch (error)
            {
                case PostgresException postgres:
                    return IsUnavailable(postgres.SqlState);
                case NpgsqlException npgsql when npgsql.IsTransient:
                case SqliteException sqlite when IsUnavailable(sqlite.SqliteErrorCode):
                case RetryLimitExceededException:
                    return true;
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.Any(Is);
            }
        }

        return false;
    }

    // 08 connection exception, 53 insufficient resources (53300 too many connections), 57P01–57P05 shutdown,
    // cannot connect now, idle session timeout, 58 system error (I/O). Serialization failures and deadlocks (40)
    // are conflicts between writers, not an outage.
    private static bool IsUnavailable(string state) =>
        state.StartsWith("08", StringComparison.Ordinal)
        || state.StartsWith("53", StringComparison.Ordinal)
        || state.StartsWith("57P", StringComparison.Ordinal)
        || state.StartsWith("58", StringComparison.Ordinal);

    // SQLITE_BUSY 5, SQLITE_LOCKED 6, SQLITE_IOERR 10, SQLITE_CANTOPEN 14.
    private static bool IsUnavailable(int sqliteCode) => sqliteCode is 5 or 6 or 10 or 14;
}
