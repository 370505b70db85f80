using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Web.Infrastructure;
using KeyAccountPipeline.Web.Texts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;

namespace KeyAccountPipeline.Web.Components.Shared;

/// <summary>
/// Around every page (MainLayout): a page whose reading fails shows a banner in place of its content, and the circuit
/// stays alive. When the database is unavailable (<see cref="DatabaseOutage"/>) the banner says so and offers to try
/// again; the page also tries again by itself when the database is heard from again (the change listener's reconnect
/// announces "anything may have changed") and on the next navigation. Any other failure shows the general
/// "something went wrong" text. Dialogs catch the outage themselves (<see cref="Unavailable"/>)
/// so that what was typed stays; the dialog host sits in one too, as a safety net for a failure a dialog does not catch.
/// </summary>
public sealed class OutageBoundary : ErrorBoundaryBase, IDisposable
{
    [Inject] private PipelineChanges Changes { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private ILogger<OutageBoundary> Logger { get; set; } = default!;

    private bool _listening;

    protected override void OnInitialized()
    {
        if (RendererInfo.IsInteractive)
        {
            Changes.Changed += Heard;
            Navigation.LocationChanged += Navigated;
            _listening = true;
        }
    }

    protected override Task OnErrorAsync(Exception exception)
    {
        if (DatabaseOutage.Is(exception))
        {
            Logger.LogWarning(exception, "A page could not read: the database is unavailable");
        }
        else
        {
            Logger.LogError(exception, "A page failed");
        }

        return Task.CompletedTask;
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (CurrentException is null)
        {
            builder.AddContent(0, ChildContent);
            return;
        }

        var outage = DatabaseOutage.Is(CurrentException);
        builder.OpenElement(1, "div");
        builder.AddAttribute(2, "class", "outage-banner");
        builder.AddAttribute(3, "role", "alert");
        builder.AddAttribute(4, "data-test", outage ? "database-unavailable" : "page-failed");
        builder.OpenElement(5, "p");
        builder.AddContent(6, (outage ? Ui.DatabaseUnavailable : Ui.ErrorOccurred).Current);
        builder.CloseElement();
        builder.OpenElement(7, "button");
        builder.AddAttribute(8, "type", "button");
        builder.AddAttribute(9, "class", "outage-retry");
        builder.AddAttribute(10, "data-test", "try-again");
        builder.AddAttribute(11, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, Recover));
        builder.AddContent(12, Ui.TryAgain.Current);
        builder.CloseElement();
        builder.CloseElement();
    }

    // Any change heard means the database answers again (a reconnect announces "anything"): read the page anew.
    private void Heard(PipelineChange change) => _ = RecoverAsync();

    private void Navigated(object? sender, LocationChangedEventArgs e) => _ = RecoverAsync();

    private Task RecoverAsync() => CurrentException is null ? Task.CompletedTask : InvokeAsync(Recover);

    public void Dispose()
    {
        if (_listening)
        {
            Changes.Changed -= Heard;
            Navigation.LocationChanged -= Navigated;
        }
    }
}
