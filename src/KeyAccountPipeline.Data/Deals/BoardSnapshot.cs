using System.Threading.Channels;
using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Data.People;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KeyAccountPipeline.Data.Deals;

/// <summary>
/// The board, once per app instance, shared by every open board page and <c>GET /api/board</c>
/// (docs/decisions/0039-shared-board-snapshot.md): every deal's card (all statuses) and the people the owner filter lists.
/// Read once, when first asked; then kept current from the change notifications (<see cref="PipelineChanges"/>: one card read
/// per changed deal, for every page at once), re-read whole when the playbook changes, when a batch names more than
/// <see cref="ReadOneByOneUpTo"/> deals, when notifications may have been missed (a reconnect) and when the organisation's
/// day turns (stalled and busy flags count days: METHOD.md, signals). Every <see cref="BoardSnapshotSettings.Reconcile"/> it
/// compares each deal's version and the activities recorded lately with the database, so a change whose notification was
/// lost (a crash between commit and notify, a dropped LISTEN connection) shows within seconds anyway.
/// Pages listen to <see cref="Changed"/>, raised after a change is in the snapshot, never before.
/// </summary>
public sealed class BoardSnapshot(
    DealQueries queries, PeopleQueries people, PlaybookStore playbooks, OrgCalendar calendar, PipelineChanges changes,
    IDbContextFactory<PipelineDbContext> contexts, BoardSnapshotSettings settings, ILogger<BoardSnapshot> logger) : BackgroundService
{
    /// <summary>More changed deals than this in one batch: the whole board is read again, in one query.</summary>
    public const int ReadOneByOneUpTo = 20;

    /// <summary>Activities recorded this long before a reconciliation are compared again (clocks of two instances may differ).</summary>
    private static readonly TimeSpan ActivityOverlap = TimeSpan.FromMinutes(2);

    /// <summary>The longest a read waits for changes heard before it to be taken in.</summary>
    private static readonly TimeSpan AppliedWithin = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<(long Number, PipelineChange Change)> _heard =
        Channel.CreateUnbounded<(long, PipelineChange)>(new UnboundedChannelOptions { SingleReader = true });

    private volatile Held? _held;

    /// <summary>Changes heard so far, and of those the ones the snapshot has taken in: a read waits until it has those heard before it.</summary>
    private long _heardCount, _appliedCount;

    private TaskCompletionSource _applied = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _running;

    /// <summary>The ids of activities recorded lately that a reconciliation has already accounted for.</summary>
    private HashSet<Guid> _activitiesSeen = [];

    /// <summary>
    /// A change is in the snapshot (a deal's card re-read, or, for <see cref="PipelineChangeKind.Anything"/>, the whole board):
    /// raised on the snapshot's own thread; listeners must only schedule their work.
    /// </summary>
    public event Action<PipelineChange>? Changed;

    /// <summary>
    /// The whole board: stage columns of open and on-hold deals, then won and lost (<see cref="Board.Of"/>). Reads the
    /// database only when the snapshot is cold (the first read, or the first after the organisation's day turned).
    /// </summary>
    public async Task<Board> BoardAsync(CancellationToken cancellationToken = default) => (await HeldAsync(cancellationToken)).Board;

    /// <summary>
    /// The board narrowed by <paramref name="filter"/> (its status fields are ignored: the board shows every status), with
    /// the same meaning as <see cref="DealQueries.CardsAsync"/>'s SQL: owner, service line, stage, flag and weakest factor
    /// equal; industry equal and the query a substring of the customer, title or owner's name, both by their
    /// <see cref="TextKey"/>. No filter: the snapshot's own board, shared.
    /// </summary>
    public async Task<BoardView> ViewAsync(DealFilter filter, CancellationToken cancellationToken = default)
    {
        var held = await HeldAsync(cancellationToken);
        var board = filter with { Status = null, AllStatuses = false } == new DealFilter()
            ? held.Board
            : Board.Of(held.Board.Cards.Where(held.Matcher(filter)), held.Playbook);
        return new BoardView(board, held.Playbook, held.People, held.Industries);
    }

    private async Task<Held> HeldAsync(CancellationToken cancellationToken)
    {
        await AppliedAsync(cancellationToken);
        if (_held is { } held && held.Day == calendar.Today)
        {
            return held;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_held is { } loaded && loaded.Day == calendar.Today)
            {
                return loaded;
            }

            return await LoadAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Waits until every change heard so far is in the snapshot (a write of this instance is heard before its answer goes out:
    /// <see cref="PipelineChanges.Published"/>), so a client that saved and then reads sees its change.
    /// </summary>
    private async Task AppliedAsync(CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _heardCount);
        while (_running && Interlocked.Read(ref _appliedCount) < target)
        {
            var applied = Volatile.Read(ref _applied);
            if (Interlocked.Read(ref _appliedCount) >= target)
            {
                return;
            }

            try
            {
                await applied.Task.WaitAsync(AppliedWithin, cancellationToken);
            }
            catch (TimeoutException)
            {
                return; // a slow database: serve what is in memory rather than keep the reader waiting
            }
        }
    }

    /// <summary>Reads everything afresh; the caller holds the gate.</summary>
    private async Task<Held> LoadAsync(CancellationToken cancellationToken)
    {
        var day = calendar.Today;
        var playbook = await playbooks.CurrentAsync(cancellationToken);
        var cards = await queries.CardsAsync(new DealFilter(AllStatuses: true), cancellationToken);
        var held = new Held(Board.Of(cards, playbook), playbook, day, await PeopleAsync(cancellationToken));
        _held = held;
        return held;
    }

    private Task<IReadOnlyList<PersonView>> PeopleAsync(CancellationToken cancellationToken) => people.EveryoneAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        changes.Changed += Hear;
        changes.Published += Hear;
        _running = true;
        try
        {
            await Task.WhenAll(ApplyHeardAsync(stoppingToken), ReconcileAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app stops.
        }
        finally
        {
            _running = false;
            changes.Changed -= Hear;
            changes.Published -= Hear;
        }
    }

    private void Hear(PipelineChange change)
    {
        if (change.Kind is not PipelineChangeKind.Inbox)
        {
            _heard.Writer.TryWrite((Interlocked.Increment(ref _heardCount), change));
        }
    }

    /// <summary>Applies what was heard, a batch at a time: each changed card read once, whatever number of pages show it.</summary>
    private async Task ApplyHeardAsync(CancellationToken stoppingToken)
    {
        while (await _heard.Reader.WaitToReadAsync(stoppingToken))
        {
            var batch = new List<PipelineChange>();
            var last = 0L;
            while (_heard.Reader.TryRead(out var heard))
            {
                batch.Add(heard.Change);
                last = heard.Number;
            }

            try
            {
                await ApplyAsync(batch, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database is away: forget the board, so the next read (after the outage) reads it whole.
                logger.LogWarning(error, "The shared board could not apply {Count} changes; it is read again on its next use", batch.Count);
                _held = null;
                Raise(PipelineChange.Anything);
            }

            Interlocked.Exchange(ref _appliedCount, last);
            Interlocked.Exchange(ref _applied, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult();
        }
    }

    private async Task ApplyAsync(IReadOnlyList<PipelineChange> batch, CancellationToken cancellationToken)
    {
        var deals = batch.Where(c => c.Kind == PipelineChangeKind.Deal).Select(c => c.DealId).ToHashSet();
        var everything = batch.Any(c => c.Kind is PipelineChangeKind.Anything or PipelineChangeKind.Playbook);
        var person = batch.Any(c => c.Kind == PipelineChangeKind.Person);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_held is not { } held)
            {
                // Nothing in memory: the first read reads what is there. Pages hear it anyway (a reconnect's re-read).
            }
            else if (everything || deals.Count > ReadOneByOneUpTo)
            {
                await LoadAsync(cancellationToken);
            }
            else
            {
                await ReadCardsAsync(held, deals, cancellationToken);
                if (person)
                {
                    _held = _held!.With(await PeopleAsync(cancellationToken));
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        foreach (var change in batch.Where(c => c.Kind is not PipelineChangeKind.Person).Distinct())
        {
            Raise(change);
        }
    }

    /// <summary>Puts the current card of each of <paramref name="deals"/> in its place (or takes it off, when the deal is gone).</summary>
    private async Task ReadCardsAsync(Held held, IReadOnlyCollection<Guid> deals, CancellationToken cancellationToken)
    {
        var cards = held.Board.Cards.ToDictionary(c => c.Id);
        foreach (var id in deals)
        {
            if (await queries.CardAsync(id, cancellationToken) is { } card)
            {
                cards[id] = card;
            }
            else
            {
                cards.Remove(id);
            }
        }

        _held = held.With(Board.Of(cards.Values, held.Playbook));
    }

    /// <summary>
    /// Every <see cref="BoardSnapshotSettings.Reconcile"/>: a new day re-reads the board; otherwise each deal's version and the
    /// activities recorded lately are compared with the snapshot, and the deals that differ are read again and announced to
    /// this instance's pages (as if their notification had arrived).
    /// </summary>
    private async Task ReconcileAsync(CancellationToken stoppingToken)
    {
        if (settings.Reconcile <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.Reconcile);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ReconcileOnceAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(error, "The shared board could not be compared with the database; it tries again in {Interval}", settings.Reconcile);
            }
        }
    }

    /// <summary>One comparison with the database (see <see cref="ReconcileAsync"/>); the deals found different, none when the snapshot is cold.</summary>
    internal async Task<IReadOnlyCollection<Guid>> ReconcileOnceAsync(CancellationToken cancellationToken)
    {
        if (_held is not { } held)
        {
            return [];
        }

        if (held.Day != calendar.Today)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                await LoadAsync(cancellationToken);
            }
            finally
            {
                _gate.Release();
            }

            Raise(PipelineChange.Anything);
            return [];
        }

        var differ = await DifferingDealsAsync(held, cancellationToken);
        var everyone = await PeopleAsync(cancellationToken);
        var renamed = !everyone.Select(p => (p.Id, p.Name)).SequenceEqual(held.People.Select(p => (p.Id, p.Name)));
        if (differ.Count == 0 && !renamed && everyone.SequenceEqual(held.People))
        {
            return [];
        }

        logger.LogInformation("The shared board differed from the database in {Count} deals (a notification was missed); read again", differ.Count);
        var batch = differ.Select(PipelineChange.Deal).ToList();
        if (renamed)
        {
            batch.Add(PipelineChange.Anything); // an owner's name is on every card of theirs
        }

        await ApplyAsync([.. batch, PipelineChange.Person(Guid.Empty)], cancellationToken);
        return differ;
    }

    private async Task<IReadOnlyCollection<Guid>> DifferingDealsAsync(Held held, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var versions = await db.Deals.AsNoTracking().Select(d => new { d.Id, d.Version }).ToDictionaryAsync(d => d.Id, d => d.Version, cancellationToken);
        var since = calendar.Now - ActivityOverlap - settings.Reconcile;
        var recent = await db.Activities.AsNoTracking().Where(a => a.RecordedAt >= since).Select(a => new { a.Id, a.DealId }).ToListAsync(cancellationToken);

        var shown = held.Board.Cards.ToDictionary(c => c.Id, c => c.Version);
        var differ = versions.Where(v => !shown.TryGetValue(v.Key, out var version) || version != v.Value).Select(v => v.Key)
            .Concat(shown.Keys.Where(id => !versions.ContainsKey(id)))
            .Concat(recent.Where(a => !_activitiesSeen.Contains(a.Id)).Select(a => a.DealId))
            .ToHashSet();
        _activitiesSeen = recent.Select(a => a.Id).ToHashSet();
        return differ;
    }

    private void Raise(PipelineChange change) => PipelineChanges.Raise(Changed, change, logger);

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    /// <summary>What the snapshot holds: the board as <paramref name="playbook"/> evaluates it on <paramref name="day"/>, and everyone.</summary>
    private sealed class Held(Board board, Playbook playbook, DateOnly day, IReadOnlyList<PersonView> people)
    {
        public Board Board => board;

        public Playbook Playbook => playbook;

        public DateOnly Day => day;

        public IReadOnlyList<PersonView> People => people;

        /// <summary>The same snapshot with <paramref name="changed"/> in place of its board (its text keys made anew).</summary>
        public Held With(Board changed) => new(changed, playbook, day, people);

        /// <summary>The same snapshot with <paramref name="everyone"/> as its people.</summary>
        public Held With(IReadOnlyList<PersonView> everyone) => new(board, playbook, day, everyone);

        /// <summary>The cards' folded texts, made once per snapshot for the industry and text filters.</summary>
        private readonly Lazy<IReadOnlyDictionary<Guid, (string Industry, string[] Texts)>> _keys = new(() =>
            board.Cards.ToDictionary(c => c.Id, c => (TextKey.Fold(c.Industry), new[] { TextKey.Fold(c.Customer), TextKey.Fold(c.Title), TextKey.Fold(c.Owner.Name) })));

        /// <summary>Every deal's industry, one per folded key (the filter compares keys: "IT" and "ｉｔ" are one industry).</summary>
        public IReadOnlyList<string> Industries => _industries.Value;

        private readonly Lazy<IReadOnlyList<string>> _industries = new(() => board.Cards.Select(c => c.Industry).DistinctBy(TextKey.Fold).ToList());

        public Func<DealCard, bool> Matcher(DealFilter filter)
        {
            var industry = TextKey.Fold(filter.Industry);
            var query = TextKey.Fold(filter.Query);
            var keys = _keys.Value;
            return card => (filter.OwnerId is not { } owner || card.Owner.Id == owner)
                && (filter.ServiceLine is not { } line || card.ServiceLine == line)
                && (filter.Stage is not { } stage || card.Stage.Key == stage)
                && (filter.Flag is not { } flag || card.Flags.Contains(flag))
                && (filter.Weakest is not { } weakest || card.Weakest == weakest)
                && (industry.Length == 0 || keys[card.Id].Industry == industry)
                && (query.Length == 0 || keys[card.Id].Texts.Any(text => text.Contains(query, StringComparison.Ordinal)));
        }
    }
}

/// <summary>
/// A board as one page shows it: its cards, the playbook they were evaluated with, everyone the owner filter may list, and the
/// industries of every deal on the (unfiltered) board, in no particular order.
/// </summary>
public sealed record BoardView(Board Board, Playbook Playbook, IReadOnlyList<PersonView> People, IReadOnlyList<string> Industries);

/// <summary>
/// How often the shared board is compared with the database (<c>Board:ReconcileSeconds</c>, default 5; 0 turns it off): the
/// longest a change whose notification was lost stays unseen.
/// </summary>
public sealed record BoardSnapshotSettings(TimeSpan Reconcile);
