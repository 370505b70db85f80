using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Web.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace KeyAccountPipeline.Web.Components.Account;

/// <summary>
/// Closes an open page of a person whose access changed, at once and on every app instance (issue 12). Placed once
/// per circuit (Routes.razor); renders nothing. The circuit's sign-in is re-checked against the database
/// (<see cref="CurrentUser.RecheckAsync"/>) when the page goes live (a tab opened with a cookie from before the change),
/// before every in-page navigation (so a role-restricted page is never drawn for a role the person lost), when
/// "this person changed" is heard from any instance, and when notifications may have been missed. When it no longer
/// holds the circuit is signed out, and AuthorizeRouteView's RedirectToLogin tells the person and closes the page.
/// The 5-minute revalidation (<see cref="RevalidatingStateProvider"/>) stays as the fallback for a lost notification.
/// </summary>
public sealed class SessionGuard : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Guid? _personId;
    private IDisposable? _navigating;

    [Inject] private PipelineChanges Changes { get; set; } = default!;

    [Inject] private CurrentUser CurrentUser { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private ILogger<SessionGuard> Logger { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (RendererInfo.IsInteractive)
        {
            _personId = await CurrentUser.SignedInIdAsync();
            Changes.Changed += Heard;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _navigating = Navigation.RegisterLocationChangingHandler(context => new ValueTask(RecheckAsync(context.CancellationToken)));
            await RecheckAsync(_stop.Token);
        }
    }

    protected override bool ShouldRender() => false;

    // Called on the delivering thread: only schedule the check.
    private void Heard(PipelineChange change)
    {
        if (change.Kind == PipelineChangeKind.Anything || (change.Kind == PipelineChangeKind.Person && change.PersonId == _personId))
        {
            _ = InvokeAsync(() => RecheckAsync(_stop.Token));
        }
    }

    private async Task RecheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CurrentUser.RecheckAsync(cancellationToken);
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException)
        {
            // The page closed or the navigation was superseded.
        }
        catch (Exception error)
        {
            // A database hiccup must not sign anyone out; every save checks again, and so does the periodic revalidation.
            Logger.LogWarning(error, "Could not re-check the page's sign-in");
        }
    }

    public void Dispose()
    {
        Changes.Changed -= Heard;
        _navigating?.Dispose();
        _stop.Cancel();
        _stop.Dispose();
    }
}
