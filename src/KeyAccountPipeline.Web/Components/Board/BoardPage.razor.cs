using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.People;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Time;
using KeyAccountPipeline.Web.Auth;
using KeyAccountPipeline.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace KeyAccountPipeline.Web.Components.Board;

/// <summary>
/// The board: every open deal by derived stage, with its five ladders and flags. A change made by anyone,
/// on any app instance, moves its card here without a reload.
/// </summary>
public partial class BoardPage
{
    [Inject] private DealQueries Queries { get; set; } = default!;

    [Inject] private PeopleQueries PeopleQueries { get; set; } = default!;

    [Inject] private PlaybookStore Playbooks { get; set; } = default!;

    [Inject] private OrgCalendar Calendar { get; set; } = default!;

    [Inject] private CurrentUser CurrentUser { get; set; } = default!;

    /// <summary>Columns longer than this render only the cards in view.</summary>
    public const int VirtualizeAbove = 50;

    /// <summary>
    /// Cards in a virtualized column have one fixed height (app.css: 320px + 8px margin), so the
    /// spacers Virtualize computes match what is drawn and scrolling stays smooth.
    /// </summary>
    private const float VirtualCardSize = 328;

    /// <summary>
    /// The board is queried once per visit, when the circuit is live. Prerendering draws the frame
    /// only: a prerendered board is heavy HTML the browser must parse before the circuit can even
    /// start, and carrying it through the page to the circuit would cost more than it saves.
    /// </summary>
    private BoardState? State { get; set; }

    private Playbook? _playbook;
    private Actor? _actor;

    private int TotalCards => State is null ? 0 : State.Board.Columns.Sum(c => c.Count) + State.Board.Won.Count + State.Board.Lost.Count;

    protected override async Task OnParametersSetAsync()
    {
        _playbook = await Playbooks.CurrentAsync();
        Query = UrlQuery().WithoutErrors(_playbook);
        _actor ??= await CurrentUser.ActorAsync();
        if (RendererInfo.IsInteractive && (State is null || State.Filter != Filter))
        {
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        var filter = Filter;
        var board = await Queries.BoardAsync(filter);
        // The owner filter's people: read again only when the board shows an owner it does not list (a disabled person
        // who still owns deals, or the one ?ownerId= names), so such a person is listed, marked, and named in the field.
        var owners = board.Cards.Select(c => c.Owner.Id).Append(filter.OwnerId ?? Guid.Empty).Where(id => id != Guid.Empty).ToHashSet();
        var people = State?.People is { } listed && owners.All(id => listed.Any(p => p.Id == id))
            ? listed
            : await PeopleQueries.OwnerChoicesAsync(owners);
        // The industries on the board, from the cards themselves: no second query. Kept from the first
        // (unfiltered) load, so filtering by one industry still lists the others. One option per folded key, as the
        // filter compares them: "IT" and "ｉｔ" are one industry.
        var industries = State?.Industries ?? board.Cards.Select(c => c.Industry).DistinctBy(TextKey.Fold).Order(StringComparer.CurrentCulture).ToList();
        State = new BoardState(board, people, industries, filter);
    }

    /// <summary>More changed deals than this in one batch: the whole board is read again, in one query.</summary>
    private const int ReadOneByOneUpTo = 5;

    /// <summary>
    /// Someone changed deals (or the playbook). Unfiltered, each changed card is read and put in its place;
    /// a filtered board is read again, since a changed card may have come into or gone out of the filter.
    /// </summary>
    private async Task ShowChangesAsync(DealChanges changes)
    {
        if (State is not { } shown)
        {
            return; // the first read is on its way
        }

        if (changes.Everything || HasFilters || changes.Deals.Count > ReadOneByOneUpTo)
        {
            _playbook = await Playbooks.CurrentAsync();
            await LoadAsync();
            return;
        }

        var cards = new List<DealCard>();
        foreach (var id in changes.Deals)
        {
            if (await Queries.CardAsync(id) is { } card)
            {
                cards.Add(card);
            }
        }

        if (State.Filter == shown.Filter)
        {
            // Not when the filters changed meanwhile: that read the whole board afresh.
            State = State with { Board = cards.Aggregate(State.Board, (board, card) => board.With(card, _playbook!)) };
        }
    }

    private string GateWidth(string stageKey)
    {
        var gate = _playbook!.FindStage(stageKey)!.Gate.Total();
        return $"{Math.Round(100.0 * gate / Math.Max(1, _playbook.LevelsPossible))}%";
    }

    /// <summary>Cards of a long column drawn without waiting for Virtualize: more than a screenful.</summary>
    private const int DrawnAtOnce = 3;

    private readonly Dictionary<string, ICollection<DealCard>> _tails = [];

    /// <summary>The cards Virtualize draws; cut once per board, not on every render (a drag start re-renders the page).</summary>
    private ICollection<DealCard> Tail(BoardColumn column)
    {
        if (!ReferenceEquals(_tailsOf, State!.Board))
        {
            _tails.Clear();
            _tailsOf = State.Board;
        }

        if (!_tails.TryGetValue(column.Stage.Key, out var tail))
        {
            _tails[column.Stage.Key] = tail = column.Deals.Skip(DrawnAtOnce).ToList();
        }

        return tail;
    }

    private Data.Deals.Board? _tailsOf;

    public sealed record BoardState(Data.Deals.Board Board, IReadOnlyList<PersonView> People, IReadOnlyList<string> Industries, DealFilter Filter);
}
