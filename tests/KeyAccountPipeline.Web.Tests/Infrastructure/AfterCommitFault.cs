using System.Data.Common;
using KeyAccountPipeline.Data.Idempotency;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests.Infrastructure;

/// <summary>
/// Faults right after a write's commit. Once armed, the next SaveChanges that writes something other than an
/// idempotency key commits normally; then, with <see cref="Arm"/>, every command on every context fails until
/// <see cref="Disarm"/> ("the database went away a moment after the commit"); with <see cref="ArmPause"/>, the first
/// command after the commit waits until <see cref="Disarm"/> (another writer can commit in between).
/// </summary>
public sealed class AfterCommitFault : ISaveChangesInterceptor, IDbCommandInterceptor
{
    private volatile bool _armed;
    private volatile bool _pause;
    private volatile bool _tripped;
    private int _paused;
    private DbContext? _writer;
    private TaskCompletionSource _pausedSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Arm() => _armed = true;

    public void ArmPause()
    {
        _pausedSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _paused = 0;
        _pause = _armed = true;
    }

    /// <summary>No command pauses from now on (one that already waits keeps waiting until <see cref="Disarm"/>).</summary>
    public void StopPausing() => Interlocked.Exchange(ref _paused, 1);

    /// <summary>Completes when a command has been paused after the commit.</summary>
    public Task Paused => _pausedSignal.Task;

    public void Disarm()
    {
        _armed = _pause = _tripped = false;
        _gate.TrySetResult();
    }

    /// <summary>Whether a write committed while armed (the fault took effect).</summary>
    public bool Tripped => _tripped;

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (_armed && eventData.Context is { } context
            && context.ChangeTracker.Entries().Any(e => e.State is not EntityState.Unchanged && e.Entity is not IdempotencyRecord))
        {
            _writer = context;
        }

        return ValueTask.FromResult(result);
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (_armed && ReferenceEquals(eventData.Context, _writer))
        {
            _writer = null;
            _tripped = true;
        }

        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) => CheckAsync(result);

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default) => CheckAsync(result);

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default) => CheckAsync(result);

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        _tripped && !_pause ? throw Failure() : result;

    private async ValueTask<T> CheckAsync<T>(T result)
    {
        if (!_tripped)
        {
            return result;
        }

        if (!_pause)
        {
            throw Failure();
        }

        if (Interlocked.Exchange(ref _paused, 1) == 0)
        {
            _pausedSignal.TrySetResult();
            await _gate.Task;
        }

        return result;
    }

    private static InvalidOperationException Failure() => new("Test fault: the database went away right after the commit.");
}

/// <summary>The app with an <see cref="AfterCommitFault"/> in every DbContext.</summary>
public interface IFaultyApp
{
    AfterCommitFault Fault { get; }
}

public sealed class FaultySqliteApp : SqliteApp, IFaultyApp
{
    public AfterCommitFault Fault { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Fault));
    }
}

public sealed class FaultyPostgresApp : PostgresApp, IFaultyApp
{
    public AfterCommitFault Fault { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Fault));
    }
}
