using MudBlazor;

namespace KeyAccountPipeline.Web.Components.Layout;

/// <summary>Review mode on a projector: 24 px body text, and both palettes well above WCAG AA contrast.</summary>
public static class ReviewTheme
{
    public static readonly MudTheme Projector = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0d3b66",
            Secondary = "#c43e00",
            Background = "#ffffff",
            Surface = "#ffffff",
            TextPrimary = "#000000",
            TextSecondary = "#1b1f24",
            Error = "#b71c1c",
            Warning = "#7a4f00",
            Success = "#1b5e20",
            Info = "#0d47a1",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#9fd0ff",
            PrimaryContrastText = "#000000",
            Secondary = "#ffb38a",
            Background = "#000000",
            Surface = "#111418",
            TextPrimary = "#ffffff",
            TextSecondary = "#e6e9ed",
            Error = "#ff8a80",
            Warning = "#ffd166",
            WarningContrastText = "#000000",
            Success = "#7ee787",
            SuccessContrastText = "#000000",
            Info = "#9fd0ff",
            InfoContrastText = "#000000",
            ErrorContrastText = "#000000",
            // Field adornments (a date field's calendar icon) and icon buttons: light on the near-black panels.
            ActionDefault = "#e6e9ed",
            LinesDefault = "#6b7785",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = Theme.Pipeline.Typography.Default.FontFamily,
                FontSize = "1.5rem",
            },
            Button = new ButtonTypography { FontSize = "1.5rem" },
        },
    };
}
