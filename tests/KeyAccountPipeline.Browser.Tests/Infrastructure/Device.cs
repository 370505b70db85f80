namespace KeyAccountPipeline.Browser.Tests.Infrastructure;

/// <summary>
/// A screen the product must work on (UX.md: 360 px to 1920 px): its CSS viewport in pixels and whether it is a
/// touch device (Playwright's <c>isMobile</c> and <c>hasTouch</c>, so taps and the mobile viewport apply).
/// </summary>
public sealed record Device(string Name, int Width, int Height, bool Touch)
{
    /// <summary>The weekly review's projector, 1920×1080.</summary>
    public static readonly Device Projector = new("projector", 1920, 1080, false);

    /// <summary>A manager's laptop, 1366×768.</summary>
    public static readonly Device Laptop = new("laptop", 1366, 768, false);

    /// <summary>A tablet held upright, 768×1024, touch.</summary>
    public static readonly Device Tablet = new("tablet", 768, 1024, true);

    /// <summary>A rep's phone, 390×844, touch (the reference phone).</summary>
    public static readonly Device Phone = new("phone", 390, 844, true);

    /// <summary>The narrowest phone the product supports, 360×740, touch.</summary>
    public static readonly Device SmallPhone = new("small-phone", 360, 740, true);

    /// <summary>Every device, for theories (member data).</summary>
    public static IEnumerable<object[]> All => new[] { Projector, Laptop, Tablet, Phone, SmallPhone }.Select(d => new object[] { d.Name });

    /// <summary>The device named <paramref name="name"/> (theory data carries names so test names stay readable).</summary>
    public static Device Named(string name) => new[] { Projector, Laptop, Tablet, Phone, SmallPhone }.Single(d => d.Name == name);

    /// <summary>A tap on a touch device, a click otherwise: how a person on this device presses <paramref name="target"/>.</summary>
    public Task PressAsync(Microsoft.Playwright.ILocator target) => Touch ? target.TapAsync() : target.ClickAsync();

    /// <inheritdoc/>
    public override string ToString() => Name;
}
