using System.Data.Common;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace KeyAccountPipeline.Data.Postgres;

/// <summary>
/// Empties the connection pool when a command or an open fails because the connection or the server is gone. Npgsql
/// does not test a pooled connection before handing it out (that would cost a round trip each time), so after the
/// server restarts every idle connection in the pool is dead, and without this each would fail one more request
/// after the database is back. With it, the first failure clears them and the next request opens a fresh one.
/// </summary>
public sealed class StaleConnections : DbConnectionInterceptor, IDbCommandInterceptor
{
    public static readonly StaleConnections Instance = new();

    private StaleConnections()
    {
    }

    /// <summary>
    /// A failure that says the server went away: a closed or refused socket, or the server shutting down. Not a
    /// timeout: a slow or frozen server's connections work again when it answers, and clearing the pool for each
    /// slow query would only make more connections.
    /// </summary>
    public static bool Broken(Exception error) => error switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("57P", StringComparison.Ordinal) || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException { InnerException: IOException or SocketException } => true,
        _ => false,
    };

    public override void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => Clear(connection, eventData.Exception);

    public override Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Clear(connection, eventData.Exception);
        return Task.CompletedTask;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Clear(command.Connection, eventData.Exception);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Clear(command.Connection, eventData.Exception);
        return Task.CompletedTask;
    }

    private static void Clear(DbConnection? connection, Exception error)
    {
        if (connection is NpgsqlConnection npgsql && Broken(error))
        {
            NpgsqlConnection.ClearPool(npgsql);
        }
    }
}
