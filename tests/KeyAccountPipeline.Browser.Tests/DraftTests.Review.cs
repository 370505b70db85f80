using System.Net.Http.Json;
using System.Text.RegularExpressions;
using KeyAccountPipeline.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>The review's draft on the server, the review's 24 px buttons and focus, and its printed summary at A4 width.</summary>
public sealed partial class DraftTests
{
    [Fact]
    public async Task ReviewNotesForTwoDealsSurviveAReloadEscapeAndASecondBrowserUntilDiscarded()
    {
        var admin = People.For(app.BaseUrl, await app.TokenAsync(BrowserApp.Admin));
        var (_, email) = await admin.NewAsync("manager");
        var (alpha, beta) = ($"Draft Review Alpha {Guid.NewGuid():N}"[..28], $"Draft Review Beta {Guid.NewGuid():N}"[..27]);
        await app.DealAsync(alpha, ("need", 1));
        await app.DealAsync(beta, ("need", 1));
        var page = await app.OpenAsync("/review", user: email, password: People.Password);

        await TypeNoteAsync(page, alpha, "Alpha: the COO signs in March");
        await TypeNoteAsync(page, beta, "Beta：客户要求下周报价");
        await Expect(page.Locator("[data-test='review-draft-status']")).ToContainTextAsync("Draft saved");

        await BrowserApp.GoAsync(page, "/review");
        await Expect(page.Locator("[data-test='review-draft']")).ToBeVisibleAsync();
        await ExpectNoteAsync(page, alpha, "Alpha: the COO signs in March");
        await ExpectNoteAsync(page, beta, "Beta：客户要求下周报价");

        // Another browser, the same manager: the same draft.
        var other = await app.OpenAsync("/review", user: email, password: People.Password);
        await ExpectNoteAsync(other, alpha, "Alpha: the COO signs in March");
        await other.Context.CloseAsync();

        // Esc straight after typing: what was typed is saved before the board opens.
        await page.Locator("textarea[data-test='review-note']").FillAsync("Beta：客户要求下周报价 and more");
        await page.Locator("textarea[data-test='review-note']").BlurAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await BrowserApp.GoAsync(page, "/review");
        await ExpectNoteAsync(page, beta, "Beta：客户要求下周报价 and more");

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.Locator("[data-test='review-discard-draft']").ClickAsync();
        await Expect(page.Locator("[data-test='review-draft']")).ToHaveCountAsync(0);
        await BrowserApp.GoAsync(page, "/review");
        await ExpectNoteAsync(page, alpha, string.Empty);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ReviewButtonsAre24PxAndPagingPutsTheKeyboardOnTheDealsHeading()
    {
        await app.DealAsync("Draft Review Focus Logistics", ("need", 1));
        var admin = People.For(app.BaseUrl, await app.TokenAsync(BrowserApp.Admin));
        var (_, email) = await admin.NewAsync("manager");
        var page = await app.OpenAsync("/review", user: email, password: People.Password);

        foreach (var button in new[] { "review-start", "review-hold-step" })
        {
            Assert.Equal("24px", await page.Locator($"[data-test='{button}']").EvaluateAsync<string>("e => getComputedStyle(e).fontSize"));
        }

        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.Locator("[data-test='review-deal-heading']")).ToBeFocusedAsync();
        var first = await page.Locator("[data-test='review-deal-heading']").InnerTextAsync();
        foreach (var button in new[] { "review-previous", "review-next" })
        {
            Assert.Equal("24px", await page.Locator($"[data-test='{button}']").EvaluateAsync<string>("e => getComputedStyle(e).fontSize"));
        }

        await page.Locator("[data-test='review-next']").ClickAsync();
        await Expect(page.Locator("[data-test='review-deal-heading']")).Not.ToHaveTextAsync(first);
        await Expect(page.Locator("[data-test='review-deal-heading']")).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Overview" }).ClickAsync();
        await page.Locator("[data-test='review-hold-step']").ClickAsync();
        Assert.Equal("24px", await page.Locator("[data-test='review-save']").EvaluateAsync<string>("e => getComputedStyle(e).fontSize"));
        await page.Context.CloseAsync();
    }

    /// <summary>A 250-character link and five Chinese sentences in a note: the printed A4 summary (718 px wide) wraps them.</summary>
    [Fact]
    public async Task ThePrintedSummaryWrapsALongLinkAndChineseSentencesWithinTheA4Page()
    {
        var customer = "Draft Print Cold Chain Logistics";
        var deal = await app.DealAsync(customer, ("need", 1));
        var link = "https://example.cn/" + new string('a', 231);
        Assert.Equal(250, link.Length);
        var chinese = string.Concat(Enumerable.Repeat("客户的运营总监确认了需求并同意下周参观我们的仓库。", 5));
        var review = await app.PostAsync("/api/reviews", new
        {
            heldOn = DateOnly.FromDateTime(DateTime.UtcNow),
            attendees = new[] { (await app.Api.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("/api/people"))!.First(p => p!["email"]!.GetValue<string>() == BrowserApp.Manager)!["id"]!.GetValue<Guid>() },
            notes = new[] { new { dealId = deal["id"]!.GetValue<Guid>(), note = $"{link} {chinese}" } },
        });
        var page = await app.OpenAsync($"/reviews/{review["id"]}/print");
        await page.SetViewportSizeAsync(718, 1000);
        await page.EmulateMediaAsync(new() { Media = Media.Print });

        var widths = await page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, ...[...document.querySelectorAll('[data-test=review-summary] table')].map(t => t.scrollWidth), " +
            "document.querySelector('[data-test=review-summary] th[scope=row]').getBoundingClientRect().width]");
        Assert.True(widths[..^1].All(w => w <= 718), $"widths at 718 px: {string.Join(", ", widths)}");
        Assert.True(widths[^1] >= 120, $"the customer column is {widths[^1]} px wide");
        await page.ScreenshotAsync(new() { Path = BrowserApp.Screenshot("review-print-718-long-note.png"), FullPage = true });
        var pdf = await page.PdfAsync(new() { Format = "A4" });
        Assert.NotEmpty(pdf);
        await page.Context.CloseAsync();
    }

    private static async Task TypeNoteAsync(IPage page, string customer, string note)
    {
        await GoToDealAsync(page, customer);
        await page.Locator("textarea[data-test='review-note']").FillAsync(note);
    }

    private static async Task ExpectNoteAsync(IPage page, string customer, string note)
    {
        await GoToDealAsync(page, customer);
        await Expect(page.Locator("textarea[data-test='review-note']")).ToHaveValueAsync(note);
    }

    /// <summary>From any screen: the overview, then the deal's line.</summary>
    private static async Task GoToDealAsync(IPage page, string customer)
    {
        if (await page.Locator("[data-test='review-overview']").CountAsync() == 0)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Overview" }).ClickAsync();
        }

        await page.Locator("[data-test='review-deal-link']", new() { HasText = customer }).ClickAsync();
        await Expect(page.Locator("[data-test='review-deal-heading']")).ToHaveTextAsync(customer);
    }
}
