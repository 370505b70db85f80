using KeyAccountPipeline.Data.Live;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace KeyAccountPipeline.Data.Postgres;

/// <summary>
/// Changes shared by every app instance on one PostgreSQL database through LISTEN/NOTIFY on
/// <see cref="Channel"/>. The payload is the deal's id (or "playbook", or "person:" and a person's id), never the change itself:
/// each page re-reads what it shows. An instance hears its own notifications too, so a change
/// reaches this instance's pages the same way as everyone else's.
/// </summary>
public sealed class PostgresChanges : PipelineChanges, IAsyncDisposable
{
    public const string Channel = "deal_changes";

    /// <summary>The most connections this instance opens for sending notifications (besides the one that listens).</summary>
    public const int NotifyPoolSize = 3;

    private readonly NpgsqlDataSource _source;

    public PostgresChanges(string connectionString, ILogger<PostgresChanges> logger)
        : base(logger)
    {
        ListenConnectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // The listening connection belongs to the listener alone; keepalives notice a dead server while it waits,
            // and a short connect timeout keeps a reconnect from waiting long on a server that does not answer yet.
            Pooling = false,
            KeepAlive = 5,
            Timeout = 3,
        }.ConnectionString;
        // Notifications are short and sent after commit; a few connections carry them, apart from the requests' pool.
        _source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = NotifyPoolSize }.ConnectionString);
    }

    internal string ListenConnectionString { get; }

    protected override async Task SendAsync(PipelineChange change, CancellationToken cancellationToken)
    {
        try
        {
            await NotifyAsync(change, cancellationToken);
        }
        catch (Exception error) when (StaleConnections.Broken(error))
        {
            // After a restart the pool's idle connections are dead: drop them and send once more on a fresh one.
            _source.Clear();
            await NotifyAsync(change, cancellationToken);
        }
    }

    private async Task NotifyAsync(PipelineChange change, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand($"SELECT pg_notify('{Channel}', $1)");
        command.Parameters.Add(new NpgsqlParameter { Value = change.Payload });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal void Receive(string payload) => Deliver(PipelineChange.Parse(payload));

    /// <summary>
    /// The listening connection broke: the server went away, so every idle pooled connection of this process is dead
    /// too. Dropping them now means the first requests after the server's return open fresh connections instead of
    /// each failing once on a dead one (Npgsql does not test a pooled connection before handing it out).
    /// </summary>
    internal void ConnectionLost()
    {
        NpgsqlConnection.ClearAllPools();
        _source.Clear();
    }

    /// <summary>After a reconnect: notifications sent while the connection was down are lost, so pages re-read everything.</summary>
    internal void Resynchronize() => Deliver(PipelineChange.Anything);

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}

/// <summary>
/// Holds one dedicated connection that LISTENs on <see cref="PostgresChanges.Channel"/> and hands each
/// notification to <see cref="PostgresChanges"/>. When the connection fails it reconnects, waiting
/// longer after each failure, but never more than <see cref="MaxBackoff"/>: open pages hear changes again within
/// about a second of the database's return (decision 0011). One connection attempt a second per instance
/// costs the database nothing worth saving.
/// </summary>
public sealed class PostgresChangeListener(PostgresChanges changes, ILogger<PostgresChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = MinBackoff;
        var listenedBefore = false;
        var listening = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(changes.ListenConnectionString);
                connection.Notification += (_, notification) => changes.Receive(notification.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresChanges.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                logger.LogInformation("Listening for changes on {Channel}", PostgresChanges.Channel);
                if (listenedBefore)
                {
                    changes.Resynchronize();
                }

                listenedBefore = listening = true;
                backoff = MinBackoff;
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                logger.LogWarning(error, "Listening for changes failed; retrying in {Backoff}", backoff);
                // Once, when a working connection broke because the server went away; not for each failed attempt
                // during an outage, nor for a frozen server's timeouts (StaleConnections.Broken says which).
                if (listening && StaleConnections.Broken(error))
                {
                    changes.ConnectionLost();
                }

                listening = false;
                try
                {
                    await Task.Delay(backoff, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }
}
