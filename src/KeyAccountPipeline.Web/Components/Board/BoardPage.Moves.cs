using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Components.Deals;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace KeyAccountPipeline.Web.Components.Board;

/// <summary>
/// Moving a card: dragged onto a column or through its "Move to" button, then the move and checkpoint dialogs; the saved
/// card is put in its place and scrolled into view.
/// </summary>
public partial class BoardPage
{
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    private DealCard? _dragged;
    private string? _dropTarget;
    private Guid? _justSaved;
    private bool _reveal;
    private string? _remembered;

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

        await MoveThroughDialogsAsync(card, stageKey);
    }

    private Task ShowMoveDialogAsync(DealCard card) => MoveThroughDialogsAsync(card, null);

    /// <summary>Reps move only their own deals (the server refuses the rest too; this hides what they cannot use).</summary>
    private bool CanWorkOn(DealCard card) => _actor?.MayWorkOn(card.Owner.Id) == true;

    /// <summary>
    /// The move dialog lists what <paramref name="card"/> still needs to reach <paramref name="stageKey"/> (or a stage the user
    /// picks); choosing an item opens the checkpoint dialog on its factor and the level it needs, and the saved card takes
    /// its place on the board.
    /// </summary>
    private async Task MoveThroughDialogsAsync(DealCard card, string? stageKey)
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
                { d => d.Level, item.Required }, // "Power 0 → 3" opens on Power, level 3: the level the shortcut names
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
        if (RendererInfo.IsInteractive && Navigation.Uri != _remembered)
        {
            _remembered = Navigation.Uri; // the deal page's "Back to the board" returns to this board (filters, stage shown)
            await BackToBoardLink.RememberAsync(JS, _remembered);
        }

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
}
