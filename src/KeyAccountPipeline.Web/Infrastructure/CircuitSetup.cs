using Microsoft.AspNetCore.Components.Server;

namespace KeyAccountPipeline.Web.Infrastructure;

/// <summary>
/// What each open page (a Blazor Server circuit) may hold on the server, chosen for the board (issue 18, docs/decisions/0039-shared-board-snapshot.md):
/// a page holds its view state and render tree only, the board itself once per instance. Values not set here are ASP.NET Core's.
/// </summary>
internal static class CircuitSetup
{
    /// <summary>
    /// How long a page whose connection dropped (a phone locked in a lift, a tunnel, a proxy restart) is kept, so it resumes where
    /// it was: a closed tab is not kept at all (the browser says goodbye and the circuit ends at once). Three minutes covers a
    /// locked phone; typed text outlives it anyway in the browser's drafts (decision 0031).
    /// </summary>
    public static readonly TimeSpan DisconnectedRetention = TimeSpan.FromMinutes(3);

    /// <summary>At most this many dropped pages kept per instance; beyond it the oldest goes (its browser reloads when it comes back).</summary>
    public const int DisconnectedMaxRetained = 100;

    /// <summary>
    /// Render batches sent and not yet acknowledged before the server waits for the browser: a slow phone on a board of 10,000 deals
    /// must not make the server queue screens it cannot draw yet.
    /// </summary>
    public const int MaxUnacknowledgedRenderBatches = 10;

    public static IHostApplicationBuilder AddPipelineCircuits(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<CircuitOptions>(options =>
        {
            options.DisconnectedCircuitRetentionPeriod = DisconnectedRetention;
            options.DisconnectedCircuitMaxRetained = DisconnectedMaxRetained;
            options.MaxBufferedUnacknowledgedRenderBatches = MaxUnacknowledgedRenderBatches;
        });
        return builder;
    }
}
