using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.People;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Signals;
using KeyAccountPipeline.Domain.Time;
using KeyAccountPipeline.Web.Api;
using KeyAccountPipeline.Web.Auth;
using KeyAccountPipeline.Web.Components.Deals;
using KeyAccountPipeline.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace KeyAccountPipeline.Web.Components.Board;

/// <summary>
/// The board: every open deal by derived stage, with its five ladders and flags. A change made by anyone,
/// on any app instance, moves its card here without a reload.
/// </summary>
public partial class BoardPage
{
    [Inject] private DealQueries Queries { get; set; } = default!;

    [Inject] private DirectoryQueries Directory { get; set; } = default!;

    [Inject] private PlaybookStore Playbooks { get; set; } = default!;

    [Inject] private OrgCalendar Calendar { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] private CurrentUser CurrentUser { get; set; } = default!;

    /// <summary>Columns longer than this render only the cards in view.</summary>
    public const int VirtualizeAbove = 50;

    /// <summary>
    /// Cards in a virtualized column have one fixed height (app.css: 320px + 8px margin), so the
    /// spacers Virtualize computes match what is drawn and scrolling stays smooth.
    /// </summary>
    private const float VirtualCardSize = 328;

    // Query values arrive as text and are read by DealListQuery.WithoutErrors (see Query), so a malformed one is ignored;
    // a typed parameter (Guid?) fails the whole page on "?owner=abc" before any code of ours runs.
    [SupplyParameterFromQuery(Name = "owner")] public string? Owner { get; set; }

    [SupplyParameterFromQuery(Name = "industry")] public string? Industry { get; set; }

    [SupplyParameterFromQuery(Name = "line")] public string? Line { get; set; }

    [SupplyParameterFromQuery(Name = "flag")] public string? FlagKey { get; set; }

    [SupplyParameterFromQuery(Name = "weakest")] public string? Weakest { get; set; }

    [SupplyParameterFromQuery(Name = "q")] public string? Q { get; set; }

    /// <summary>
    /// The board is queried once per visit, when the circuit is live. Prerendering draws the frame
    /// only: a prerendered board is heavy HTML the browser must parse before the circuit can even
    /// start, and carrying it through the page to the circuit would cost more than it saves.
    /// </summary>
    private BoardState? State { get; set; }

    private Playbook? _playbook;
    private Actor? _actor;
    private DealCard? _dragged;
    private string? _dropTarget;
    private Guid? _justSaved;
    private bool _reveal;

    /// <summary>The URL's filters under the API's names and rules, each malformed one left out; set with the parameters.</summary>
    private DealListQuery Query { get; set; } = new(null, null, null, null, null, null, null, null);

    private DealFilter Filter => Query.ToFilter();

    private bool HasFilters => Filter != new DealFilter();

    /// <summary>The board's CSV with the filters in view (the export reads the API's names for them).</summary>
    private string CsvHref
    {
        get
        {
            var query = new (string Name, string? Value)[]
            {
                ("ownerId", Query.OwnerId), ("industry", Query.Industry), ("serviceLine", Query.ServiceLine), ("flag", Query.Flag),
                ("weakest", Query.Weakest), ("q", Query.Q),
            };
            var parts = query.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
            return "export/board.csv" + (parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts));
        }
    }

    private int TotalCards => State is null ? 0 : State.Board.Columns.Sum(c => c.Count) + State.Board.Won.Count + State.Board.Lost.Count;

    protected override async Task OnParametersSetAsync()
    {
        _playbook = await Playbooks.CurrentAsync();
        Query = new DealListQuery(Status: null, OwnerId: Owner, Stage: null, Flag: FlagKey, Industry: Industry, ServiceLine: Line, Weakest: Weakest, Q: Q)
            .WithoutErrors(_playbook);
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
        var people = State?.People ?? (await Directory.PeopleAsync()).Where(p => p.Active).ToList();
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

    private async Task DropAsync(string stageKey)
    {
        _dropTarget = null;
        if (_dragged is not { } card)
        {
            return;
        }

        _dragged = null;
        if (card.Stage.Key == stageKey || !CanWorkOn(card))
        {
            return;
        }

        await OpenMoveAsync(card, stageKey);
    }

    private Task MoveAsync(DealCard card) => OpenMoveAsync(card, null);

    /// <summary>Reps move only their own deals (the server refuses the rest too; this hides what they cannot use).</summary>
    private bool CanWorkOn(DealCard card) => _actor?.MayWorkOn(card.Owner.Id) == true;

    private async Task OpenMoveAsync(DealCard card, string? stageKey)
    {
        var dialog = await Dialogs.ShowAsync<MoveDialog>(null, new DialogParameters<MoveDialog>
        {
            { d => d.Card, card },
            { d => d.Playbook, _playbook! },
            { d => d.TargetStage, stageKey },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: MissingItem item })
        {
            var record = await Dialogs.ShowAsync<CheckpointDialog>(null, new DialogParameters<CheckpointDialog>
            {
                { d => d.Card, card },
                { d => d.Playbook, _playbook! },
                { d => d.Factor, item.Factor },
            }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
            if (await record.Result is { Canceled: false, Data: DealCard saved })
            {
                if (HasFilters)
                {
                    await LoadAsync(); // the saved card may no longer match the filters
                }
                else
                {
                    State = State! with { Board = State.Board.With(saved, _playbook!) };
                }

                _justSaved = saved.Id;
                _reveal = true; // after the render that moves the card, see OnAfterRenderAsync
            }
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_reveal && _justSaved is { } id)
        {
            _reveal = false;
            await RevealAsync(id);
        }
    }

    private async Task RevealAsync(Guid id)
    {
        var column = State!.Board.Columns.FirstOrDefault(c => c.Deals.Any(d => d.Id == id));
        if (column is null)
        {
            return;
        }

        var index = column.Deals.ToList().FindIndex(d => d.Id == id);
        await JS.InvokeVoidAsync("kap.reveal", column.Stage.Key, id, index, column.Count > VirtualizeAbove ? VirtualCardSize : 0);
    }

    public sealed record BoardState(Data.Deals.Board Board, IReadOnlyList<PersonView> People, IReadOnlyList<string> Industries, DealFilter Filter);
}
