using System.Globalization;

namespace KeyAccountPipeline.Web.Components.Insights;

/// <summary>
/// The heat map's one colour scale, from pale (level 0) to the app's navy (top of the ladder), and the text colour
/// that reads best on each fill. The number is always written in the cell: colour is never the only signal.
/// </summary>
public static class HeatScale
{
    private static readonly (double R, double G, double B) Low = (0xF1, 0xF4, 0xF8);
    private static readonly (double R, double G, double B) High = (0x0D, 0x3B, 0x66);
    private static readonly (double R, double G, double B) Ink = (0x1B, 0x1F, 0x24);

    public static string Fill(double share) => Hex(Mix(Math.Clamp(share, 0, 1)));

    /// <summary>White or the app's ink, whichever contrasts more with the fill (WCAG relative luminance).</summary>
    public static string Text(double share)
    {
        var fill = Luminance(Mix(Math.Clamp(share, 0, 1)));
        var onWhite = 1.05 / (fill + 0.05);
        var onInk = (fill + 0.05) / (Luminance(Ink) + 0.05);
        return onWhite > onInk ? "#ffffff" : Hex(Ink);
    }

    private static (double R, double G, double B) Mix(double t) =>
        (Low.R + ((High.R - Low.R) * t), Low.G + ((High.G - Low.G) * t), Low.B + ((High.B - Low.B) * t));

    private static double Luminance((double R, double G, double B) c)
    {
        static double Channel(double v)
        {
            v /= 255;
            return v <= 0.03928 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(c.R)) + (0.7152 * Channel(c.G)) + (0.0722 * Channel(c.B));
    }

    private static string Hex((double R, double G, double B) c) =>
        string.Create(CultureInfo.InvariantCulture, $"#{(int)Math.Round(c.R):x2}{(int)Math.Round(c.G):x2}{(int)Math.Round(c.B):x2}");
}
