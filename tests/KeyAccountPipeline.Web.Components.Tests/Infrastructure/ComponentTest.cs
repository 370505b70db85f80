using System.Globalization;
using Bunit;
using MudBlazor.Services;

namespace KeyAccountPipeline.Web.Components.Tests.Infrastructure;

/// <summary>
/// A bUnit context with MudBlazor's services and, behind them, the app's own services. Texts are
/// English so failures read the same everywhere; assertions use the Ui texts, not literals, where
/// the point is "this message", and literals where the point is the format.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    protected ComponentTest(IServiceProvider? app = null)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en");
        Services.AddMudServices();
        if (app is not null)
        {
            Services.AddFallbackServiceProvider(app);
        }

        JSInterop.Mode = JSRuntimeMode.Loose;
        // Pages load their data once the circuit is live, as in the browser.
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor's services can only be disposed asynchronously; xUnit 2 calls this before Dispose, which then has nothing left to do.</summary>
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
