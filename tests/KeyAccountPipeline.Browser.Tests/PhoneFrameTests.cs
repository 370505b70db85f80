using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using KeyAccountPipeline.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>
/// The app's frame from a 360 px phone to the 1920 px projector, in English and Chinese (issue 15 §1, §6, §7; decision
/// 0027-phone-frame): no page scrolls sideways, the app bar folds into a menu whose every item a finger reaches, the bar
/// stays on one line where it does not fold, not-found pages in the app, the offline notice, the reconnect dialog's one
/// state at a time, the date fields, and what a phone needs to install the app. One page per device and language walks
/// every page, so the class stays short.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneFrameTests(BrowserApp app)
{
    private static readonly string[] Locales = ["en-US", "zh-CN"];

    /// <summary>Every device × both languages.</summary>
    public static TheoryData<string, string> DevicesAndLocales()
    {
        var data = new TheoryData<string, string>();
        foreach (var device in Device.All.Select(d => (string)d[0]))
        {
            foreach (var locale in Locales)
            {
                data.Add(device, locale);
            }
        }

        return data;
    }

    /// <summary>The touch devices (where the bar is folded) × rep and admin × both languages.</summary>
    public static TheoryData<string, string, string> MenuCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var device in new[] { Device.Phone, Device.SmallPhone, Device.Tablet })
        {
            foreach (var user in new[] { BrowserApp.Rep, BrowserApp.Admin })
            {
                foreach (var locale in Locales)
                {
                    data.Add(device.Name, user, locale);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DevicesAndLocales))]
    public async Task NoPageScrollsSidewaysAndOnAPhoneAxeFindsNothingSerious(string deviceName, string locale)
    {
        var device = Device.Named(deviceName);
        var (deal, review) = await FixturesAsync();
        var page = await app.OpenAsync("/", locale, BrowserApp.Admin, device: device);
        var faults = new List<string>();
        // This test measures widths: a "leave this page?" prompt (the review page asks while a draft is unsaved) is
        // answered yes so that the walk goes on; DraftTests owns what the prompt does.
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        foreach (var (path, ready) in Pages(deal, review))
        {
            await GoAsync(page, path);
            await page.Locator(ready).First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await CheckAsync(page, path, device, faults);
        }

        // Signed out: the sign-in page is plain HTML without a circuit.
        await using var anonymous = await app.NewContextAsync(locale, device: device);
        var signIn = await anonymous.NewPageAsync();
        await signIn.GotoAsync("/account/login");
        await signIn.Locator("h1").WaitForAsync();
        await CheckAsync(signIn, "/account/login", device, faults);

        Assert.True(faults.Count == 0, $"{device} {locale}:\n{string.Join("\n", faults)}");
    }

    [Theory]
    [MemberData(nameof(MenuCases))]
    public async Task EveryMenuItemIsReachedWithATapAndMyActionsOpens(string deviceName, string user, string locale)
    {
        var device = Device.Named(deviceName);
        // From a page of the frame's own, so that the test says whether the menu works, whatever the board looks like.
        var page = await app.OpenAsync("/not-found", locale, user, device: device);
        var menu = page.Locator("[data-test='app-menu']");
        await Expect(menu).ToBeHiddenAsync();

        await page.Locator("[data-test='app-menu-button']").TapAsync();

        await Expect(menu).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test='app-menu-button']")).ToHaveAttributeAsync("aria-expanded", "true");
        foreach (var item in ItemsOf(user))
        {
            var element = page.Locator($"[data-test='{item}']");
            await Expect(element).ToBeVisibleAsync();
            var box = (await element.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= device.Width + 0.5 && box.Y + box.Height <= device.Height + 0.5,
                $"{item} at {box.X},{box.Y} {box.Width}×{box.Height} is outside the {device.Width}×{device.Height} screen");
            Assert.True(box.Width >= 44 && box.Height >= 44, $"{item} is {box.Width}×{box.Height}, under 44×44");
        }

        await Expect(page.Locator("[data-test='signed-in']")).ToBeVisibleAsync();
        if (device == Device.Phone)
        {
            await page.ScreenshotAsync(new() { Path = BrowserApp.Screenshot($"phone-menu-{(user == BrowserApp.Admin ? "admin" : "rep")}-{locale}.png") });
        }

        await page.Locator("[data-test='nav-my-actions']").TapAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/my/actions$"));
        await Expect(menu).ToBeHiddenAsync();
    }

    [Theory]
    [InlineData("laptop", "en-US")]
    [InlineData("laptop", "zh-CN")]
    [InlineData("projector", "en-US")]
    public async Task TheAdminsBarStaysOnOneLineWhereItDoesNotFold(string deviceName, string locale)
    {
        var device = Device.Named(deviceName);
        var page = await app.OpenAsync("/", locale, BrowserApp.Admin, device: device);

        await Expect(page.Locator("[data-test='app-menu-button']")).ToBeHiddenAsync();
        var boxes = new List<(string Item, LocatorBoundingBoxResult Box)>();
        foreach (var item in ItemsOf(BrowserApp.Admin).Append("signed-in"))
        {
            var element = page.Locator($"[data-test='{item}']");
            await Expect(element).ToBeVisibleAsync();
            boxes.Add((item, (await element.BoundingBoxAsync())!));
        }

        var bar = (await page.Locator("header.mud-appbar").BoundingBoxAsync())!;
        Assert.True(bar.Height <= 64, $"The bar is {bar.Height} px high");
        foreach (var (item, box) in boxes)
        {
            // One line: every item inside the bar's one row, none taller than a button, none past the right edge.
            Assert.True(box.Y >= bar.Y && box.Y + box.Height <= bar.Y + bar.Height && box.Height <= 48 && box.X + box.Width <= device.Width,
                $"{item} at {box.X},{box.Y} {box.Width}×{box.Height} leaves the bar's line ({bar.Height} px high, {device.Width} px wide)");
        }
    }

    [Theory]
    [InlineData("en-US", "Page not found")]
    [InlineData("zh-CN", "找不到页面")]
    public async Task AnUnknownAddressOrAMalformedDealIdShowsTheAppsNotFoundPageWith404(string locale, string title)
    {
        var page = await app.OpenAsync("/", locale, BrowserApp.Rep, device: Device.Phone);

        foreach (var path in new[] { "/no-such-page", "/deals/not-a-guid", "/not-found" })
        {
            var response = await page.GotoAsync(path);
            await page.Locator("html[data-circuit='live']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

            Assert.Equal(path == "/not-found" ? 200 : 404, response!.Status);
            await Expect(page.Locator("[data-test='not-found'] h1")).ToHaveTextAsync(title);
            await Expect(page.Locator("[data-test='app-menu-button']")).ToBeVisibleAsync();
            await Expect(page).ToHaveTitleAsync(title);
        }

        await page.ScreenshotAsync(new() { Path = BrowserApp.Screenshot($"phone-not-found-{locale}.png") });

        // Inside a live page the router shows the same page.
        await BrowserApp.GoAsync(page, "/");
        await page.EvaluateAsync("() => Blazor.navigateTo('/still/no-such-page')");
        await Expect(page.Locator("[data-test='not-found'] h1")).ToHaveTextAsync(title);

        // The API keeps answering JSON problem details, whoever asks.
        var api = await page.APIRequest.GetAsync("/api/no-such-endpoint");
        Assert.Equal(404, api.Status);
        Assert.StartsWith("application/problem+json", api.Headers["content-type"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", "You are offline — changes cannot be saved until the connection is back.")]
    [InlineData("zh-CN", "你已离线——连接恢复之前，修改无法保存。")]
    public async Task LosingTheNetworkSaysSoInThePagesLanguage(string locale, string notice)
    {
        var page = await app.OpenAsync("/my/actions", locale, BrowserApp.Rep, device: Device.Phone);
        var offline = page.Locator("[data-test='offline-notice']");
        await Expect(offline).ToBeHiddenAsync();

        await page.Context.SetOfflineAsync(true);

        await Expect(offline).ToBeVisibleAsync();
        await Expect(offline).ToHaveTextAsync(notice);
        await page.ScreenshotAsync(new() { Path = BrowserApp.Screenshot($"phone-offline-{locale}.png") });

        await page.Context.SetOfflineAsync(false);

        await Expect(offline).ToBeHiddenAsync();
    }

    [Theory]
    [InlineData("en-US", "Reconnecting to the server…", "Could not reconnect; trying again in 7 seconds.", "Could not reconnect. Retry, or reload the page.")]
    [InlineData("zh-CN", "正在重新连接服务器…", "重新连接失败，7 秒后再试。", "无法重新连接。请重试或刷新页面。")]
    public async Task TheReconnectDialogShowsOneStateAtATimeInThePagesLanguage(string locale, string first, string retrying, string failed)
    {
        var page = await app.OpenAsync("/my/actions", locale, BrowserApp.Rep, device: Device.Phone);
        var dialog = page.Locator("[data-test='reconnect-modal']");

        // The classes the framework puts on the dialog as the connection goes: "show", then "retrying" added to it, then "failed".
        string[][] states = [["components-reconnect-show"], ["components-reconnect-show", "components-reconnect-retrying"], ["components-reconnect-failed"]];
        string[] expected = [first, retrying, failed];
        for (var i = 0; i < states.Length; i++)
        {
            await page.EvaluateAsync(
                """
                classes => {
                    const dialog = document.getElementById("components-reconnect-modal");
                    dialog.className = classes.join(" ");
                    document.getElementById("components-seconds-to-next-attempt").textContent = "7";
                    if (!dialog.open) { dialog.showModal(); }
                }
                """, states[i]);

            var visible = dialog.Locator("p:visible:not(.components-reconnect-offline)");
            await Expect(visible).ToHaveCountAsync(1);
            await Expect(visible).ToHaveTextAsync(expected[i]);
            await Expect(dialog.Locator(".components-reconnect-offline")).ToBeVisibleAsync();
        }
    }

    [Theory]
    [InlineData("en-US", "Mo", @"^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2}$", @"^\d{1,2} [A-Z][a-z]{2} \d{4}$")]
    [InlineData("zh-CN", "一", @"^\d{1,2}月\d{1,2}日 周[一二三四五六日]$", @"^\d{4}年\d{1,2}月\d{1,2}日$")]
    public async Task DateFieldsStartTheWeekOnMondayAndWriteDaysAsTheAppDoes(string locale, string monday, string header, string field)
    {
        var page = await app.OpenAsync("/deals/new", locale, BrowserApp.Rep, device: Device.Phone);
        var target = BrowserApp.Field(page, "target-close");

        await target.TapAsync();

        var calendar = page.Locator(".mud-picker-calendar-container").First;
        await Expect(calendar).ToBeVisibleAsync();
        await Expect(page.Locator(".mud-picker-calendar-header-day .mud-day-label").First).ToContainTextAsync(monday);
        await page.ScreenshotAsync(new() { Path = BrowserApp.Screenshot($"phone-date-picker-{locale}.png") });
        await page.Locator(".mud-picker-calendar .mud-day:not(.mud-hidden):not([disabled])").Nth(10).TapAsync();
        await Expect(target).ToHaveValueAsync(new Regex(field));
        await target.TapAsync();
        await Expect(page.Locator(".mud-picker-datepicker-toolbar .mud-button-date").First).ToHaveTextAsync(new Regex(header));
    }

    [Fact]
    public async Task ThePhoneCanInstallTheApp()
    {
        var page = await app.OpenAsync("/", "zh-CN", BrowserApp.Rep, device: Device.Phone);

        var href = await page.Locator("link[rel='manifest']").GetAttributeAsync("href");
        await Expect(page.Locator("meta[name='theme-color']")).ToHaveAttributeAsync("content", "#0d3b66");
        var manifest = await page.APIRequest.GetAsync(href!);
        Assert.Equal(200, manifest.Status);
        var json = JsonNode.Parse(await manifest.TextAsync())!;
        Assert.Equal("standalone", json["display"]!.GetValue<string>());
        var icons = json["icons"]!.AsArray();
        foreach (var (size, purpose) in new[] { ("192x192", "any"), ("512x512", "any"), ("512x512", "maskable") })
        {
            var icon = icons.Single(i => i!["sizes"]!.GetValue<string>() == size && i["purpose"]!.GetValue<string>() == purpose)!;
            var png = await page.APIRequest.GetAsync(icon["src"]!.GetValue<string>());
            Assert.Equal(200, png.Status);
            Assert.Equal("image/png", png.Headers["content-type"]);
            var body = await png.BodyAsync();
            Assert.Equal(int.Parse(size.Split('x')[0], System.Globalization.CultureInfo.InvariantCulture), (body[16] << 24) | (body[17] << 16) | (body[18] << 8) | body[19]);
        }

        // The browser fetched the manifest under the page's Content-Security-Policy without a refusal.
        var refused = new List<string>();
        page.Console += (_, message) => refused.Add(message.Text);
        await page.ReloadAsync();
        await page.Locator("html[data-circuit='live']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.DoesNotContain(refused, text => text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SnackbarsSitAtTheBottomInColoursWhiteTextReadsOn()
    {
        var page = await app.OpenAsync("/my/actions", "zh-CN", BrowserApp.Rep, device: Device.Phone);

        await Expect(page.Locator("#mud-snackbar-container")).ToHaveClassAsync(new Regex("mud-snackbar-location-bottom-center"));
        foreach (var severity in new[] { "success", "info", "warning", "error" })
        {
            var colour = (await page.EvaluateAsync<string>($"() => getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-{severity}')")).Trim();
            Assert.True(ContrastWithWhite(colour) >= 4.5, $"White on {severity} {colour} is {ContrastWithWhite(colour):0.00}:1, under 4.5:1");
        }
    }

    [Fact]
    public async Task InDarkReviewModeTheDateFieldsCalendarIconIsDrawnLight()
    {
        var page = await app.OpenAsync("/review", "en-US", BrowserApp.Manager);

        await page.Locator("[data-test='review-theme']").ClickAsync();

        await Expect(page.Locator("main.review-shell")).ToHaveAttributeAsync("data-theme", "dark");
        var date = page.Locator("input[type='date']").First;
        // The calendar icon is the browser's own: it follows the field's colour scheme.
        Assert.Equal("dark", await date.EvaluateAsync<string>("e => getComputedStyle(e).colorScheme"));
    }

    /// <summary>WCAG 2 contrast of white text on <paramref name="colour"/> as CSS writes it: #rrggbb(aa) or rgb(a)(r, g, b…).</summary>
    private static double ContrastWithWhite(string colour)
    {
        var rgb = colour.StartsWith('#')
            ? [Convert.ToInt32(colour[1..3], 16), Convert.ToInt32(colour[3..5], 16), Convert.ToInt32(colour[5..7], 16)]
            : colour[(colour.IndexOf('(', StringComparison.Ordinal) + 1)..].Split(',').Take(3).Select(v => int.Parse(v.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var linear = rgb.Select(v => v / 255.0).Select(c => c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4)).ToArray();
        var luminance = (0.2126 * linear[0]) + (0.7152 * linear[1]) + (0.0722 * linear[2]);
        return 1.05 / (luminance + 0.05);
    }

    /// <summary>The menu's items a person with <paramref name="user"/>'s role has.</summary>
    private static IEnumerable<string> ItemsOf(string user)
    {
        string[] everyone = ["nav-board", "nav-new-deal", "nav-my-actions"];
        string[] account = ["language-switch", "sign-out"];
        return user == BrowserApp.Admin
            ? [.. everyone, "nav-review", "nav-insights", "nav-imports", "admin-playbook", "admin-users", "admin-channels", .. account]
            : [.. everyone, .. account];
    }

    /// <summary>Each page and the element that says its content has arrived.</summary>
    private static IEnumerable<(string Path, string Ready)> Pages(string deal, string review) =>
    [
        ("/", "[data-test='deal-card']"),
        ($"/deals/{deal}", "[data-test='deal-page']"),
        ("/deals/new", "[data-test='new-deal']"),
        ("/my/actions", "[data-test='my-actions']"),
        ("/review", "[data-test='review-theme']"),
        ($"/reviews/{review}/print", "[data-test='review-summary']"),
        ("/insights", "[data-test='heat-map']"),
        ("/imports", "[data-test='import-history'], [data-test='no-imports']"),
        ("/admin/users", "[data-test='users-page']"),
        ("/admin/playbook", "[data-test='playbook-editor']"),
        ("/no-such-page", "[data-test='not-found']"),
        ("/deals/not-a-guid", "[data-test='not-found']"),
    ];

    /// <summary>
    /// Moves <paramref name="page"/> to <paramref name="path"/> inside the live page, as a person's taps move through the app
    /// (quicker than a new circuit per page). This test measures widths, not navigation: when the in-page navigation has not
    /// arrived within 10 s on a loaded machine (the CI run once waited 30 s for one), the page is loaded afresh instead.
    /// </summary>
    private static async Task GoAsync(IPage page, string path)
    {
        await page.EvaluateAsync("path => Blazor.navigateTo(path)", path);
        try
        {
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path, new() { WaitUntil = WaitUntilState.Commit, Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            Console.WriteLine($"In-page navigation to {path} did not arrive within 10 s (still at {page.Url}); loading it afresh.");
            await page.GotoAsync(path);
        }
    }

    /// <summary>Adds what is wrong with <paramref name="page"/> at <paramref name="device"/>: a sideways scroll; on the phone, serious axe findings.</summary>
    private static async Task CheckAsync(IPage page, string path, Device device, List<string> faults)
    {
        // Two frames after the content arrived: the layout the person sees.
        var widths = await page.EvaluateAsync<int[]>(
            """
            () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() =>
                done([document.documentElement.scrollWidth, window.innerWidth, document.documentElement.clientWidth]))))
            """);
        // A phone's browser zooms out to fit a too-wide page (innerWidth grows with it), so the device's own width is the bound.
        var screen = Math.Min(widths[1], device.Width);
        if (widths[0] > screen || widths[2] > device.Width)
        {
            faults.Add($"{path}: scrollWidth {widths[0]} > {screen}; reaching past the edge: {await page.EvaluateAsync<string>(WidestScript)}");
        }

        if (device == Device.Phone)
        {
            var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            faults.AddRange(serious.Select(v => $"{path}: axe {v.Impact} {v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}"));
        }
    }

    /// <summary>The three innermost elements that reach past the screen's right edge, to say where an overflow comes from.</summary>
    private const string WidestScript =
        """
        () => [...document.querySelectorAll("body *")]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                && ![...e.children].some(c => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
            .slice(0, 3)
            .map(e => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}.${[...e.classList].join(".")}[${Math.round(e.getBoundingClientRect().right)}]`)
            .join(", ")
        """;

    private static Task<(string Deal, string Review)>? _fixtures;

    /// <summary>One deal with a note-taking review for the whole class (created once: the walk visits them on every device).</summary>
    private Task<(string Deal, string Review)> FixturesAsync() => _fixtures ??= CreateFixturesAsync();

    private async Task<(string Deal, string Review)> CreateFixturesAsync()
    {
        var deal = await app.DealAsync("Phone Frame Logistics 手机框架物流有限公司", ("need", 1), ("power", 1));
        var people = JsonNode.Parse(await app.Api.GetStringAsync("/api/people"))!.AsArray();
        var manager = people.First(p => p!["email"]!.GetValue<string>() == BrowserApp.Manager)!["id"]!.GetValue<Guid>();
        var review = await app.PostAsync("/api/reviews", new
        {
            heldOn = DateOnly.FromDateTime(DateTime.UtcNow),
            attendees = new[] { manager },
            notes = new[] { new { dealId = deal["id"]!.GetValue<Guid>(), note = "Met the buyer at the warehouse; next step the site visit. 见到了采购负责人。" } },
        });
        return (deal["id"]!.GetValue<string>(), review["id"]!.GetValue<string>());
    }
}
