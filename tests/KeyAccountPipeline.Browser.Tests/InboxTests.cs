using System.Text.Json;
using KeyAccountPipeline.Browser.Tests.Infrastructure;
using KeyAccountPipeline.Data;
using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>
/// Issue 17 §2, §4 ("Done when": a rep whose deal is regressed by a colleague sees the bell count go up without reloading):
/// the bell in the top bar, the notifications list and the settings page, at 1920, 1366 and a 390×844 touch phone, in
/// English and Chinese, with screenshots of each. The regression is made by the manager through the API, and the app itself
/// records its notification and rings the bell (<see cref="NotifiedAsync"/> only finds it); the list's rows are written here.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InboxTests(BrowserApp app)
{
    /// <summary>The three screens × both languages.</summary>
    public static TheoryData<string, string> Screens()
    {
        var data = new TheoryData<string, string>();
        foreach (var device in new[] { Device.Projector, Device.Laptop, Device.Phone })
        {
            foreach (var locale in new[] { "en-US", "zh-CN" })
            {
                data.Add(device.Name, locale);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task TheBellCountsARegressionBySomeoneElseWithoutAReloadAndItsItemOpensTheDealAndIsRead(string deviceName, string locale)
    {
        var device = Device.Named(deviceName);
        var rep = await PersonIdAsync(BrowserApp.Rep);
        var before = await UnreadAsync(rep);
        var page = await app.OpenAsync("/", locale, BrowserApp.Rep, device: device);
        var count = page.Locator("[data-test='bell-count']");
        await Expect(count).ToHaveAttributeAsync("data-count", before.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var bell = page.Locator("[data-test='bell-button']");
        await Expect(bell).ToBeVisibleAsync();
        await Fit.AssertTapTargetsAsync(bell);
        await Live.MarkAsync(page);

        var customer = $"Bell {deviceName} {locale} Freight";
        var card = await app.DealOfAsync(BrowserApp.Rep, customer, ("need", 1), ("need", 2), ("need", 3));
        var id = card["id"]!.GetValue<Guid>();
        await app.PostAsync($"/api/deals/{id}/checkpoints",
            new { factor = "need", level = 1, note = "The supply-chain director left; the need is back to the first interview", version = card["version"]!.GetValue<int>() });
        var notification = await NotifiedAsync(rep, id, NotificationKind.DealRegressed);
        // The manager also created the deal for the rep: that is a deal assigned to them, told too.
        await NotifiedAsync(rep, id, NotificationKind.DealAssigned);
        var after = before + 2;
        Assert.Equal(after, await UnreadAsync(rep));

        await Expect(count).ToHaveAttributeAsync("data-count", after.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Heard on the thread that published the change, shown in the page's own language.
        await Expect(count).ToHaveTextAsync(locale == "zh-CN" ? $"通知：{after} 条未读" : $"Notifications: {after} unread");
        // The board under the bell took the new deal in live too, and still speaks the page's language.
        await Expect(page.Locator($"[data-deal-id='{id}']")).ToBeAttachedAsync();
        await Expect(page.Locator("#col-discover")).ToContainTextAsync(locale == "zh-CN" ? "发现需求" : "Discover");
        await Live.AssertNotReloadedAsync(page);
        await page.ScreenshotAsync(new() { Path = BrowserApp.Screenshot($"bell-{deviceName}-{locale}.png") });

        await device.PressAsync(bell);
        var item = page.Locator("[data-test='bell-item']").First;
        await Expect(item).ToHaveAttributeAsync("data-read", "false");
        await Expect(page.Locator("[data-test='bell-panel']")).ToBeVisibleAsync();
        await Fit.AssertNoSidewaysScrollAsync(page);
        await page.ScreenshotAsync(new() { Path = BrowserApp.Screenshot($"bell-open-{deviceName}-{locale}.png") });

        await device.PressAsync(item.Locator("a"));

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/deals/{id}$"));
        await Expect(page.Locator("[data-test='deal-customer']")).ToHaveTextAsync(customer);
        await Expect(count).ToHaveAttributeAsync("data-count", (after - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotNull(await ReadAtAsync(notification));
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task TheListShowsNewOnesLiveLinksEachToItsDealAndMarksOneOrAllRead(string deviceName, string locale)
    {
        var device = Device.Named(deviceName);
        var rep = await PersonIdAsync(BrowserApp.Rep);
        var card = await app.DealOfAsync(BrowserApp.Rep, $"List {deviceName} {locale} Logistics", ("need", 1));
        var id = card["id"]!.GetValue<Guid>();
        var page = await app.OpenAsync("/notifications", locale, BrowserApp.Rep, device: device);
        await Expect(page.Locator("[data-test='notifications-page']")).ToBeVisibleAsync();
        await Live.MarkAsync(page);

        var coaching = await NotifyAsync(rep, id, NotificationKind.CoachingNote);
        var assigned = await NotifyAsync(rep, id, NotificationKind.DealAssigned);

        var first = page.Locator($"[data-test='notification'][data-id='{assigned.Id}']");
        var second = page.Locator($"[data-test='notification'][data-id='{coaching.Id}']");
        await Expect(first).ToHaveAttributeAsync("data-read", "false");
        await Expect(second).ToHaveAttributeAsync("data-read", "false");
        await Expect(first.Locator("[data-test='unread-mark']")).ToBeVisibleAsync();
        await Expect(first.Locator("[data-test='notification-link']")).ToHaveAttributeAsync("href", $"deals/{id:D}");
        await Expect(page.Locator("[data-test='notifications-page'] h1")).ToHaveTextAsync(locale == "zh-CN" ? "通知" : "Notifications");
        await Expect(first.Locator("[data-test='unread-mark']")).ToHaveTextAsync(locale == "zh-CN" ? "未读" : "Unread");
        await Live.AssertNotReloadedAsync(page);
        await Fit.AssertNoSidewaysScrollAsync(page);
        if (device.Touch)
        {
            await Fit.AssertTapTargetsAsync(first.Locator("[data-test='mark-read'], [data-test='notification-link']"));
        }

        await page.ScreenshotAsync(new() { Path = BrowserApp.Screenshot($"notifications-{deviceName}-{locale}.png") });

        await device.PressAsync(first.Locator("[data-test='mark-read']"));

        await Expect(first).ToHaveAttributeAsync("data-read", "true");
        await Expect(second).ToHaveAttributeAsync("data-read", "false");

        await device.PressAsync(page.Locator("[data-test='mark-all-read']"));

        await Expect(second).ToHaveAttributeAsync("data-read", "true");
        await Expect(page.Locator("[data-test='notification'][data-read='false']")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-test='bell-count']")).ToHaveAttributeAsync("data-count", "0");
        Assert.Equal(0, await UnreadAsync(rep));

        await device.PressAsync(second.Locator("[data-test='notification-link']"));

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/deals/{id}$"));
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task TheSettingsPageSavesAChoiceAndTheLanguageAndShowsThemAfterAReload(string deviceName, string locale)
    {
        var device = Device.Named(deviceName);
        var rep = await PersonIdAsync(BrowserApp.Rep);
        var page = await app.OpenAsync("/me/notifications", locale, BrowserApp.Rep, device: device);
        // The checkbox itself, whichever of MudBlazor's elements carries the attributes.
        const string Choice = "[data-test='choice'][data-kind='actionDueTomorrow'][data-channel='weCom']";
        var box = page.Locator($"input{Choice}, {Choice} input");
        await Expect(box).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test='email-state']")).ToHaveAttributeAsync("data-confirmed", "true");
        var wasOn = await box.IsCheckedAsync();
        await Fit.AssertNoSidewaysScrollAsync(page);
        if (device.Touch)
        {
            await Fit.AssertTapTargetsAsync(page.Locator("[data-test='choice-grid'] .mud-icon-button"));
        }

        await device.PressAsync(box);
        await Expect(box).ToBeCheckedAsync(new() { Checked = !wasOn });
        var language = locale == "zh-CN" ? "en-US" : "zh-CN";
        var radio = $"[data-test='language-{(language == "zh-CN" ? "zh" : "en")}']";
        await device.PressAsync(page.Locator($"input{radio}, {radio} input"));
        await page.ScreenshotAsync(new() { Path = BrowserApp.Screenshot($"notification-settings-{deviceName}-{locale}.png"), FullPage = true });
        await device.PressAsync(page.Locator("[data-test='save-settings']"));

        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync(locale == "zh-CN" ? "通知设置已保存" : "Notification settings saved");
        var saved = await app.Services.GetRequiredService<NotificationPreferences>().GetAsync(rep);
        Assert.Equal(!wasOn, saved.Choices["actionDueTomorrow"].Contains(DeliveryChannel.WeCom));
        Assert.Equal(language, saved.Language);
        await BrowserApp.GoAsync(page, "/me/notifications");
        await Expect(page.Locator($"input{Choice}, {Choice} input")).ToBeCheckedAsync(new() { Checked = !wasOn });
    }

    private async Task<Guid> PersonIdAsync(string email) =>
        await QueryAsync(db => db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync());

    private Task<int> UnreadAsync(Guid personId) => app.Services.GetRequiredService<NotificationInbox>().UnreadAsync(personId);

    private Task<DateTimeOffset?> ReadAtAsync(Notification notification) =>
        QueryAsync(db => db.Notifications.Where(n => n.Id == notification.Id).Select(n => n.ReadAt).SingleAsync());

    /// <summary>The one notification the regression recorded for the deal's owner, in the change's own transaction (the events part).</summary>
    private Task<Notification> NotifiedAsync(Guid personId, Guid dealId, NotificationKind kind) =>
        QueryAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.PersonId == personId && n.DealId == dealId && n.Kind == kind));

    private async Task<Notification> NotifyAsync(Guid personId, Guid dealId, NotificationKind kind)
    {
        var manager = await PersonIdAsync(BrowserApp.Manager);
        var facts = JsonSerializer.Serialize(new NotificationFacts(DealTitle: "Regional distribution centre", ActorName: "赵建国", Factor: "need", FromLevel: 3, ToLevel: 1),
            new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var notification = new Notification(personId, kind, dealId, manager, DateTimeOffset.UtcNow, facts, $"{kind}:{dealId}:{Guid.NewGuid():N}");
        await QueryAsync(async db =>
        {
            db.Notifications.Add(notification);
            return await db.SaveChangesAsync();
        });
        await app.Services.GetRequiredService<PipelineChanges>().PublishAsync(PipelineChange.Inbox(personId));
        return notification;
    }

    private async Task<T> QueryAsync<T>(Func<PipelineDbContext, Task<T>> query)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PipelineDbContext>>().CreateDbContextAsync();
        return await query(db);
    }
}
