using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace KeyAccountPipeline.Web.Infrastructure;

/// <summary>
/// How long the app waits for the database and how many connections one instance may hold (README: "Timeouts and
/// connections"). Each is added to the connection string unless that string sets it itself, so an operator's own
/// connection string always wins.
/// </summary>
/// <param name="CommandTimeoutSeconds">Database:CommandTimeoutSeconds (default 10): a command that gets no answer in
/// this long fails, and the request answers 503 instead of hanging. PostgreSQL: <c>Command Timeout</c>; SQLite:
/// <c>Default Timeout</c>, which is also how long a write waits for another writer's lock.</param>
/// <param name="ConnectTimeoutSeconds">Database:ConnectTimeoutSeconds (default 15, PostgreSQL): <c>Timeout</c>, how long
/// opening a connection may take, including waiting for a free connection of a full pool.</param>
/// <param name="MaxPoolSize">Database:MaxPoolSize (default 25, PostgreSQL): <c>Maximum Pool Size</c>, the most connections
/// one instance opens for requests; further requests wait for one to come free. Besides these, each instance holds one
/// connection for LISTEN and at most <see cref="Data.Postgres.PostgresChanges.NotifyPoolSize"/> for sending notifications.</param>
/// <param name="IdleSeconds">Database:ConnectionIdleSeconds (default 60, PostgreSQL): <c>Connection Idle Lifetime</c>,
/// after which idle connections beyond the pool's minimum are closed, so a burst's connections are handed back.</param>
public sealed record DatabaseLimits(int CommandTimeoutSeconds, int ConnectTimeoutSeconds, int MaxPoolSize, int IdleSeconds)
{
    public static DatabaseLimits Read(IConfiguration configuration) => new(
        Settings.Int(configuration, "Database:CommandTimeoutSeconds", 10, 1, 3600),
        Settings.Int(configuration, "Database:ConnectTimeoutSeconds", 15, 1, 600),
        Settings.Int(configuration, "Database:MaxPoolSize", 25, 1, 1000),
        Settings.Int(configuration, "Database:ConnectionIdleSeconds", 60, 1, 86400));

    /// <summary><paramref name="connectionString"/> with these limits added where it does not set them.</summary>
    public string Apply(DatabaseProvider provider, string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        // Keywords compare without case and spaces, so "MaxPoolSize" and "Maximum Pool Size" are both the operator's choice.
        var keys = given.Keys.Cast<string>().Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
        bool Sets(params string[] names) => names.Any(keys.Contains);

        if (provider == DatabaseProvider.Sqlite)
        {
            var sqlite = new SqliteConnectionStringBuilder(connectionString);
            if (!Sets("defaulttimeout", "commandtimeout"))
            {
                sqlite.DefaultTimeout = CommandTimeoutSeconds;
            }

            return sqlite.ConnectionString;
        }

        var npgsql = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Sets("commandtimeout"))
        {
            npgsql.CommandTimeout = CommandTimeoutSeconds;
        }

        if (!Sets("timeout"))
        {
            npgsql.Timeout = ConnectTimeoutSeconds;
        }

        if (!Sets("maximumpoolsize", "maxpoolsize"))
        {
            npgsql.MaxPoolSize = MaxPoolSize;
        }

        if (!Sets("connectionidlelifetime"))
        {
            npgsql.ConnectionIdleLifetime = IdleSeconds;
        }

        return npgsql.ConnectionString;
    }
}
