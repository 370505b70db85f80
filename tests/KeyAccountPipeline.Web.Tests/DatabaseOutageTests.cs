using System.Net.Sockets;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Which failures count as "the database is unavailable" (503 with Retry-After, the pages' banner) and which stay what
/// they are. The real faults behind them are exercised in DatabaseUnavailableTests and Browser.Tests' OutageTests.
/// </summary>
public sealed class DatabaseOutageTests
{
    public static TheoryData<string, Exception> Unavailable => new()
    {
        { "connection refused", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)) },
        { "pool exhausted / command timeout", new NpgsqlException("The connection pool has been exhausted", new TimeoutException()) },
        { "connection closed mid-read", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()) },
        { "53300 too many clients", new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300") },
        { "57P01 admin shutdown", new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01") },
        { "57P03 starting up", new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03") },
        { "SQLite busy", new SqliteException("database is locked", 5) },
        { "SQLite cannot open", new SqliteException("unable to open database file", 14) },
        { "EF update wrapper", new DbUpdateException("An error occurred while saving", new NpgsqlException("x", new SocketException())) },
        { "EF transient wrapper", new InvalidOperationException("transient failure", new SqliteException("database is locked", 6)) },
        { "EF retry limit", new RetryLimitExceededException("retries", new TimeoutException()) },
    };

    public static TheoryData<string, Exception> NotUnavailable => new()
    {
        { "40001 serialization failure", new PostgresException("could not serialize access", "ERROR", "ERROR", "40001") },
        { "23505 unique violation", new PostgresException("duplicate key", "ERROR", "ERROR", "23505") },
        { "22021 bad bytes", new PostgresException("invalid byte sequence", "ERROR", "ERROR", "22021") },
        { "SQLite constraint", new SqliteException("UNIQUE constraint failed", 19) },
        { "a broken rule", new DomainException("note", new("必填", "Required")) },
        { "a bug", new NullReferenceException() },
        { "the request was aborted", new OperationCanceledException() },
        { "a client's socket, not the database's", new IOException("client disconnected", new SocketException((int)SocketError.ConnectionReset)) },
        { "another service's timeout", new TimeoutException("The mail server did not answer") },
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void CountsAsUnavailable(string what, Exception error) => Assert.True(DatabaseOutage.Is(error), what);

    [Theory]
    [MemberData(nameof(NotUnavailable))]
    public void DoesNotCountAsUnavailable(string what, Exception error) => Assert.False(DatabaseOutage.Is(error), what);
}
