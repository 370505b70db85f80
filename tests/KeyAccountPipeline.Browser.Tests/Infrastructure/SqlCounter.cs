using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KeyAccountPipeline.Browser.Tests.Infrastructure;

/// <summary>Counts the SQL commands the app sends that read deals, to prove a page queries once.</summary>
public sealed class SqlCounter : DbCommandInterceptor
{
    private int _dealReads;

    public int DealReads => Volatile.Read(ref _dealReads);

    public void Reset() => Interlocked.Exchange(ref _dealReads, 0);

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
        if (command.CommandText.Contains("FROM \"Deals\"", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _dealReads);
        }
    }
}
