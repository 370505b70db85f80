using MudBlazor;

namespace KeyAccountPipeline.Web.Components.Layout;

/// <summary>High contrast and large type: the board is read on a projector from six metres.</summary>
public static class Theme
{
    public static readonly MudTheme Pipeline = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0d3b66",
            Secondary = "#c43e00",
            AppbarBackground = "#0d3b66",
            Background = "#f3f5f8",
            TextPrimary = "#1b1f24",
            TextSecondary = "#3d4650",
            Error = "#b71c1c",
            Warning = "#8a5a00",
            // Filled snackbars and alerts put white text on these: each is above 4.5:1 (WCAG AA), unlike MudBlazor's defaults.
            Success = "#1b5e20",
            Info = "#0d47a1",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "sans-serif"],
                FontSize = "1rem",
            },
        },
    };
}
