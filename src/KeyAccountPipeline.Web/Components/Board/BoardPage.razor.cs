using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.People;
using KeyAccountPipeline.Data.Playbooks;
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
    [Inject] private BoardSnapshot Snapshot { get; set; } = default!;

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
    /// What this page shows, taken from the instance's shared board (<see cref="BoardSnapshot"/>, docs/decisions/0039-shared-board-snapshot.md):
    /// unfiltered, the shared board itself; filtered, a list of the shared cards. The page holds no copy of a card, and opening it
    /// costs no query once the board is in memory. The prerendered page draws the first cards of each column from it; the
    /// circuit takes over from the same board.
    /// </summary>
    private BoardState? State { get; set; }

    private Playbook? _playbook;
    private Actor? _actor;

    private int TotalCards => State is null ? 0 : State.Board.Columns.Sum(c => c.Count) + State.Board.Won.Count + State.Board.Lost.Count;

    /// <summary>The prerendered page: the first <see cref="Prerendered"/> cards of each column, no more (the circuit draws the rest).</summary>
    private bool Prerendering => !RendererInfo.IsInteractive;

    /// <summary>
    /// Cards per column in the prerendered page: the first screen's worth at 1080 px (a card is 328 px), so the board is seen
    /// before the circuit starts, and the HTML stays small (each card drawn here is drawn again by the circuit).
    /// </summary>
    private const int Prerendered = 2;

    /// <summary>The cards of <paramref name="deals"/> this render draws at once: all of them live, the first few prerendered.</summary>
    private IEnumerable<DealCard> Drawn(IEnumerable<DealCard> deals, int live) => deals.Take(Prerendering ? Prerendered : live);

    protected override async Task OnParametersSetAsync()
    {
        _playbook = await Playbooks.CurrentAsync();
        Query = UrlQuery().WithoutErrors(_playbook);
        _actor ??= await CurrentUser.ActorAsync();
        if (State is null || State.Filter != Filter)
        {
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        var filter = Filter;
        var view = await Snapshot.ViewAsync(filter);
        // The owner filter lists everyone active, and a disabled person only when they own a deal in view or ?ownerId= names
        // them (PeopleQueries.OwnerChoicesAsync's rule), so such a person is listed, marked, and named in the field.
        var owners = view.Board.Cards.Select(c => c.Owner.Id).Append(filter.OwnerId ?? Guid.Empty).ToHashSet();
        var people = view.People.Where(p => p.Active || owners.Contains(p.Id)).ToList();
        // The industries of every deal on the board, one option per folded key, as the filter compares them ("IT" and
        // "ｉｔ" are one industry), so filtering by one industry still lists the others.
        var industries = view.Industries.Order(StringComparer.CurrentCulture).ToList();
        _playbook = view.Playbook;
        State = new BoardState(view.Board, people, industries, filter);
    }

    /// <summary>
    /// The shared board took in a change (a deal's card re-read once for every page of this instance, or the whole board): the
    /// page takes its view of it again, without a query.
    /// </summary>
    private Task ShowChangesAsync(DealChanges changes) => State is null ? Task.CompletedTask : LoadAsync();

    private string GateWidth(string stageKey)
    {
        var gate = _playbook!.FindStage(stageKey)!.Gate.Total();
        return $"{Math.Round(100.0 * gate / Math.Max(1, _playbook.LevelsPossible))}%";
    }

    /// <summary>
    /// Cards Virtualize draws beyond those in view, above and below: two cards (656 px) are ahead of a quick flick, and each
    /// card fewer is less for every open page to hold and send (issue 18: memory per page).
    /// </summary>
    private const int Overscan = 2;

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
