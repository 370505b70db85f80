using Microsoft.Playwright;

namespace KeyAccountPipeline.Browser.Tests.Infrastructure;

/// <summary>
/// What every screen owes a phone (UX.md, "On a phone"): nothing scrolls sideways, and every tap target is at least
/// 44×44 CSS pixels. One place for the measurements the phone test classes share.
/// </summary>
public static class Fit
{
    /// <summary>The page is no wider than the screen: <c>scrollWidth ≤ innerWidth</c> of the document.</summary>
    public static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"The page scrolls sideways: {widths[0]} px wide on a {widths[1]} px screen.");
    }

    /// <summary>
    /// The element at <paramref name="root"/> is no wider than its own box and ends inside the screen (a wide table may
    /// scroll inside a box of its own).
    /// </summary>
    public static async Task AssertNoSidewaysScrollAsync(IPage page, string root)
    {
        var sizes = await page.Locator(root).EvaluateAsync<double[]>(
            "el => [el.scrollWidth, el.clientWidth, el.getBoundingClientRect().right, window.innerWidth]");
        var (scroll, client, right, inner) = (sizes[0], sizes[1], sizes[2], sizes[3]);
        Assert.True(scroll <= client && right <= inner + 0.5, $"The page's content is {scroll} px wide in {client} px, ending at {right} px on a {inner} px screen.");
    }

    /// <summary>Every element <paramref name="targets"/> matches is at least 44×44 px (one match: that one).</summary>
    public static async Task AssertTapTargetsAsync(ILocator targets)
    {
        var all = await targets.AllAsync();
        Assert.NotEmpty(all);
        var small = new List<string>();
        foreach (var target in all)
        {
            var box = await target.BoundingBoxAsync();
            Assert.NotNull(box);
            if (box.Height < 44 || box.Width < 44)
            {
                small.Add($"'{(await target.InnerTextAsync()).Trim()}' {box.Width:F0}×{box.Height:F0}");
            }
        }

        Assert.True(small.Count == 0, "Tap targets below 44×44 px: " + string.Join("; ", small));
    }

    /// <summary>
    /// Waits until the snackbars have finished fading in: axe measures colour contrast as drawn, and a half-faded
    /// snackbar's text is paler than the snackbar a person reads a moment later.
    /// </summary>
    public static Task SnackbarsSettledAsync(IPage page) => page.WaitForFunctionAsync(
        "() => [...document.querySelectorAll('.mud-snackbar')].every(s => s.getAnimations({ subtree: true }).every(a => a.playState !== 'running'))");
}
