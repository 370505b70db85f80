using KeyAccountPipeline.Domain.Deals;

namespace KeyAccountPipeline.Web.Infrastructure;

/// <summary>The correction window (docs/decisions/0030-corrections.md), read once at start so a malformed value stops the app naming the key.</summary>
internal static class CorrectionSettings
{
    public const string WindowMinutesKey = "Corrections:WindowMinutes";

    /// <summary><c>Corrections:WindowMinutes</c>: 1 to 1440 minutes, default 15.</summary>
    /// <exception cref="InvalidOperationException">A value that is not a whole number in that range.</exception>
    public static IHostApplicationBuilder AddPipelineCorrections(this IHostApplicationBuilder builder)
    {
        var minutes = Settings.Int(builder.Configuration, WindowMinutesKey, (int)CorrectionWindow.Default.Length.TotalMinutes, min: 1, max: 24 * 60);
        builder.Services.AddSingleton(new CorrectionWindow(TimeSpan.FromMinutes(minutes)));
        builder.Services.AddSingleton<Components.Shared.Corrections>();
        return builder;
    }
}
