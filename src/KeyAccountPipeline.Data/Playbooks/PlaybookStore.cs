using System.Collections.Concurrent;
using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Data.Playbooks;

/// <summary>
/// The playbook's versions held in memory. The current one is read once from the database and kept: the
/// board needs it for every card and it changes only when an admin saves a new version. Older
/// versions are kept once read too: they never change, and history shows each change
/// in the words of the version it was recorded under. A save on any app instance announces
/// <see cref="PipelineChange.Playbook"/>, and every instance forgets its current version on hearing it.
/// Reads only: <see cref="PlaybookService"/> saves, <see cref="PlaybookRepository"/> reads and writes the rows.
/// </summary>
public sealed class PlaybookStore
{
    private readonly ConcurrentDictionary<int, Playbook> _versions = new();
    private readonly Lock _gate = new();
    private readonly PlaybookRepository _repository;
    private Playbook? _current;

    /// <summary>Counts the times the current version was forgotten, so a read that started before cannot put it back.</summary>
    private int _forgotten;

    public PlaybookStore(PlaybookRepository repository, PipelineChanges changes)
    {
        _repository = repository;
        changes.Changed += change =>
        {
            if (change.Kind is PipelineChangeKind.Playbook or PipelineChangeKind.Anything)
            {
                Forget();
            }
        };
    }

    /// <summary>The current version (the newest stored, or METHOD.md's playbook before one is stored).</summary>
    public async Task<Playbook> CurrentAsync(CancellationToken cancellationToken = default)
    {
        int forgotten;
        lock (_gate)
        {
            if (_current is { } cached)
            {
                return cached;
            }

            forgotten = _forgotten;
        }

        var playbook = await _repository.LatestAsync(cancellationToken);
        // Another instance saved while this read was on its way: serve what was read, keep nothing.
        return Remember(playbook, forgotten);
    }

    /// <summary>The playbook as it was saved under <paramref name="version"/>; <see cref="NotFoundException"/> when there is none.</summary>
    public async Task<Playbook> VersionAsync(int version, CancellationToken cancellationToken = default)
    {
        if (_versions.TryGetValue(version, out var cached))
        {
            return cached;
        }

        var playbook = await _repository.FindAsync(version, cancellationToken)
            ?? throw new NotFoundException($"There is no playbook version {version}.");
        return _versions.GetOrAdd(version, playbook);
    }

    /// <summary>Makes a version this instance just saved the current one, without reading it back.</summary>
    internal void Saved(Playbook playbook)
    {
        _versions[playbook.Version] = playbook;
        Remember(playbook);
    }

    /// <summary>Forgets every version read so far (the stored versions were replaced, e.g. at start-up).</summary>
    internal void Clear()
    {
        Forget();
        _versions.Clear();
    }

    /// <summary>The next <see cref="CurrentAsync"/> reads the database again.</summary>
    private void Forget()
    {
        lock (_gate)
        {
            _current = null;
            _forgotten++;
        }
    }

    /// <summary>Keeps the newest of the versions read or saved: a slow read must not replace a version saved meanwhile.</summary>
    private Playbook Remember(Playbook playbook, int? readAfterForgetting = null)
    {
        lock (_gate)
        {
            if (readAfterForgetting is { } forgotten && forgotten != _forgotten)
            {
                return playbook;
            }

            if (_current is null || _current.Version < playbook.Version)
            {
                _current = playbook;
            }

            return _current;
        }
    }
}
