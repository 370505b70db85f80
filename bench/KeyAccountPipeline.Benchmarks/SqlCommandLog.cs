using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace KeyAccountPipeline.Benchmarks;

/// <summary>One command EF Core sent, with copies of its parameters so it can be explained later.</summary>
internal sealed record CapturedCommand(string Sql, IReadOnlyList<NpgsqlParameter> Parameters);

/// <summary>
/// Counts the SQL round trips the app makes: every command EF Core executes (reader, scalar or
/// non-query) and every transaction commit passes through here. (Npgsql sends BEGIN together with
/// the first command, so a begin is no round trip of its own.) Recording is on only between
/// <see cref="Start"/> and <see cref="Stop"/>.
/// </summary>
internal sealed class SqlCommandLog : DbCommandInterceptor, IDbTransactionInterceptor
{
    public const string Commit = "COMMIT";

    private readonly ConcurrentQueue<CapturedCommand> _commands = new();
    private volatile bool _recording;

    public void Start()
    {
        _commands.Clear();
        _recording = true;
    }

    public IReadOnlyList<CapturedCommand> Stop()
    {
        _recording = false;
        return [.. _commands];
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        Record(Commit);
        return result;
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Record(Commit);
        return ValueTask.FromResult(result);
    }

    private void Record(string statement)
    {
        if (_recording)
        {
            _commands.Enqueue(new CapturedCommand(statement, []));
        }
    }

    private void Record(DbCommand command)
    {
        if (!_recording)
        {
            return;
        }

        var parameters = command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToList();
        _commands.Enqueue(new CapturedCommand(command.CommandText, parameters));
    }
}
