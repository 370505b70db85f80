using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Live;
using Microsoft.AspNetCore.Components;

namespace KeyAccountPipeline.Web.Components.Shared;

/// <summary>What changed since a page last heard: some deals, or (after a playbook save or a reconnect) everything.</summary>
public sealed record DealChanges(IReadOnlySet<Guid> Deals, bool Everything);

/// <summary>
/// Tells its page, on the page's own render thread, that deals it shows were changed by anyone on any app
/// instance. Renders nothing. A page places it once and re-reads in <see cref="OnChanged"/>:
/// <code>&lt;LiveDealChanges Deal="Id" OnChanged="ReloadAsync" /&gt;</code>
/// (without <see cref="Deal"/> it hears every deal, as the board and the review screen do). Bursts are
/// gathered: the page hears at most one batch per <see cref="Gap"/>, after the first change has waited
/// <see cref="Gather"/> for others. Only a live (interactive) page listens; a prerendered one does not.
/// </summary>
public sealed class LiveDealChanges : ComponentBase, IDisposable
{
    /// <summary>How long a first change waits for more before the page hears it.</summary>
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(50);

    /// <summary>At least this long between two batches: a storm of changes costs a page a few reloads a second.</summary>
    public static readonly TimeSpan Gap = TimeSpan.FromMilliseconds(250);

    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private HashSet<Guid> _pending = [];
    private bool _everything;
    private bool _flushing;
    private bool _listening;

    // The page's language: a change is heard on the thread of whoever published it (an API call in another language).
    private (System.Globalization.CultureInfo Culture, System.Globalization.CultureInfo UiCulture) _cultures;

    [Inject] private PipelineChanges Changes { get; set; } = default!;

    [Inject] private BoardSnapshot Board { get; set; } = default!;

    [Inject] private ILogger<LiveDealChanges> Logger { get; set; } = default!;

    /// <summary>Only this deal's changes (and everything-changes); null for every deal.</summary>
    [Parameter] public Guid? Deal { get; set; }

    /// <summary>
    /// Hear a change once the instance's shared board has it (<see cref="BoardSnapshot.Changed"/>), rather than when it is
    /// announced: for a page that shows the shared board, so it never takes its view before the changed card is in it.
    /// </summary>
    [Parameter] public bool SharedBoard { get; set; }

    [Parameter, EditorRequired] public EventCallback<DealChanges> OnChanged { get; set; }

    protected override void OnInitialized()
    {
        if (RendererInfo.IsInteractive)
        {
            _cultures = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
            if (SharedBoard)
            {
                Board.Changed += Hear;
            }
            else
            {
                Changes.Changed += Hear;
            }

            _listening = true;
        }
    }

    // The page renders; this component draws nothing and never needs to render again.
    protected override bool ShouldRender() => false;

    private void Hear(PipelineChange change)
    {
        if (change.Kind is PipelineChangeKind.Person or PipelineChangeKind.Inbox)
        {
            return; // about someone's access (SessionGuard hears it) or their notifications (the bell does), not about deals
        }

        lock (_lock)
        {
            if (change.Kind == PipelineChangeKind.Deal)
            {
                if (Deal is { } only && only != change.DealId)
                {
                    return;
                }

                _pending.Add(change.DealId);
            }
            else
            {
                _everything = true;
            }

            if (_flushing)
            {
                return;
            }

            _flushing = true;
        }

        _ = FlushAsync();
    }

    private async Task FlushAsync()
    {
        var wait = Gather;
        try
        {
            while (true)
            {
                await Task.Delay(wait, _stop.Token);
                DealChanges batch;
                lock (_lock)
                {
                    if (_pending.Count == 0 && !_everything)
                    {
                        _flushing = false;
                        return;
                    }

                    batch = new DealChanges(_pending, _everything);
                    _pending = [];
                    _everything = false;
                }

                await InvokeAsync(() =>
                {
                    (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = _cultures;
                    return OnChanged.InvokeAsync(batch);
                });
                wait = Gap;
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException)
        {
            // The page closed.
        }
        catch (Exception error)
        {
            Logger.LogError(error, "A page failed to show a change; it shows it on its next read");
            lock (_lock)
            {
                _flushing = false;
            }
        }
    }

    public void Dispose()
    {
        if (_listening)
        {
            Changes.Changed -= Hear;
            Board.Changed -= Hear;
        }

        _stop.Cancel();
        _stop.Dispose();
    }
}
