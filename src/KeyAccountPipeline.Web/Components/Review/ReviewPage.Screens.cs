using KeyAccountPipeline.Data.Reviews;
using KeyAccountPipeline.Web.Texts;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace KeyAccountPipeline.Web.Components.Review;

/// <summary>
/// Paging through the meeting on a projector: the overview (one summary line per deal), one screen per deal, then the hold
/// step; ← → page, Esc goes to the board, F toggles full screen. The keys are heard by a script listener the page disposes.
/// </summary>
public partial class ReviewPage
{
    private DotNetObjectReference<ReviewPage>? _self;
    private IJSObjectReference? _keys;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>-1 the overview, then each deal, then the hold step.</summary>
    private int Step { get; set; } = -1;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (RendererInfo.IsInteractive && _keys is null)
        {
            _self = DotNetObjectReference.Create(this);
            _keys = await JS.InvokeAsync<IJSObjectReference>("kap.reviewKeys", _self);
        }
    }

    /// <summary>A key the page's script listener heard: ArrowRight, ArrowLeft or Escape (the listener sends no others).</summary>
    [JSInvokable]
    public Task OnReviewKey(string key)
    {
        switch (key)
        {
            case "ArrowRight": Next(); break;
            case "ArrowLeft": Previous(); break;
            case "Escape": Navigation.NavigateTo(""); return Task.CompletedTask;
        }

        StateHasChanged();
        return Task.CompletedTask;
    }

    private void Next() => GoTo(Step + 1);

    private void Previous() => GoTo(Step - 1);

    private void GoTo(int step)
    {
        if (_changes is null)
        {
            return;
        }

        Step = Math.Clamp(step, -1, _changes.Deals.Count);
    }

    private Task FullScreenAsync() => JS.InvokeVoidAsync("kap.toggleFullscreen").AsTask();

    private static string Summary(DealReview deal)
    {
        var parts = new List<string>();
        if (deal.Regressions > 0)
        {
            parts.Add($"↓{deal.Regressions} {Ui.RegressedBadge}");
        }

        if (deal.NewlyStalled)
        {
            parts.Add($"■ {Ui.NewlyStalledBadge}");
        }

        if (deal.NewlyBusyButStuck)
        {
            parts.Add($"▲ {Ui.NewlyBusyBadge}");
        }

        if (deal.Advanced > 0)
        {
            parts.Add($"↑{deal.Advanced}");
        }

        if (deal.IsNew)
        {
            parts.Add($"✦ {Ui.NewDealBadge}");
        }

        if (deal.Won)
        {
            parts.Add($"✓ {Ui.TotalWon}");
        }

        if (deal.Lost)
        {
            parts.Add($"✗ {Ui.TotalLost}");
        }

        if (deal.OpenActions.Count > 0)
        {
            parts.Add($"☐{deal.OpenActions.Count}");
        }

        return $"{deal.Card.Owner.Name} · {Display.Money(deal.Card.AnnualValue)} · {string.Join(" ", parts)}";
    }

    /// <summary>Removes the key listener; a circuit already gone took it along.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_keys is not null)
        {
            try
            {
                await _keys.InvokeVoidAsync("dispose");
                await _keys.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The page is gone with its listener.
            }
        }

        _self?.Dispose();
        GC.SuppressFinalize(this);
    }
}
