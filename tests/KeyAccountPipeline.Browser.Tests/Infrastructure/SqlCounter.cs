using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KeyAccountPipeline.Browser.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands the app sends that read deals' cards (the board's projection: it reads the annual value), to prove a
/// page reads none when the shared board is warm. The shared board's reconciliation (ids and versions only) is not a card read.
/// </summary>
public sealed class SqlCounter : DbCommandInterceptor
{
    private int _cardReads;

    public int CardReads => Volatile.Read(ref _cardReads);

    public void Reset() => Interlocked.Exchange(ref _cardReads, 0);

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        Count(command);
        return base.ReaderExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Count(command);
        return base.ReaderExecuted(command, eventData, result);
    }

    private void Count(DbCommand command)
    {
        if (command.CommandText.Contains("FROM \"Deals\"", StringComparison.Ordinal) && command.CommandText.Contains("\"AnnualValueFen\"", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _cardReads);
        }
    }
}
