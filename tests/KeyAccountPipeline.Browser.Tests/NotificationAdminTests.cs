using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Browser.Tests.Infrastructure;
using KeyAccountPipeline.Web.Tests.Notifications;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>
/// Issue 17 §4 and §5 as an admin does it in the browser, at 1920 and 1366 px and on a 390×844 touch phone, in both languages: the
/// bar's Channels item opens the channels page; a bad webhook is refused next to its field and nothing is stored; a WeCom
/// robot is added, its test message arrives at a local stand-in of the platform; a regression the manager records reaches
/// the robot through the app's own dispatcher; the delivery log shows it sent. The robot is switched off at the end, so no
/// later test's notification goes to a receiver that has gone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationAdminTests(BrowserApp app)
{
    public static TheoryData<string, string> Screens() => new()
    {
        { Device.Projector.Name, "en-US" },
        { Device.Projector.Name, "zh-CN" },
        { Device.Laptop.Name, "en-US" },
        { Device.Laptop.Name, "zh-CN" },
        { Device.Phone.Name, "en-US" },
        { Device.Phone.Name, "zh-CN" },
    };

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task AnAdminAddsARobotSendsATestAndSeesARegressionDeliveredInTheLog(string deviceName, string locale)
    {
        var device = Device.Named(deviceName);
        var chinese = locale == "zh-CN";
        await using var robot = await RobotReceiver.StartAsync();
        var page = await app.OpenAsync("/", locale, BrowserApp.Admin, device: device);
        if (device.Touch)
        {
            await device.PressAsync(page.Locator("[data-test='app-menu-button']"));
        }

        await device.PressAsync(page.Locator("[data-test='admin-channels']"));
        await Expect(page.Locator("[data-test='channels-page'] h1")).ToHaveTextAsync(chinese ? "通知渠道" : "Notification channels");

        // A webhook that is not an http(s) address: the message sits under the field, and no channel is stored.
        var name = $"Robot {deviceName} {locale} {Guid.NewGuid():N}"[..30];
        await device.PressAsync(page.Locator("[data-test='add-channel']"));
        await BrowserApp.Field(page, "channel-name").FillAsync(name);
        await BrowserApp.Field(page, "webhook-url").FillAsync("qyapi.weixin.qq.com/no-scheme");
        await device.PressAsync(page.Locator("[data-test='channel-save']"));
        await Expect(page.Locator(".mud-input-control", new() { Has = BrowserApp.Field(page, "webhook-url") }).Locator(".mud-input-helper-text.mud-input-error"))
            .ToContainTextAsync(chinese ? "必须是完整的 http(s) 地址" : "must be an absolute http(s) address");
        Assert.DoesNotContain(await ChannelsAsync(), c => c!["name"]!.GetValue<string>() == name);
        await Fit.AssertNoSidewaysScrollAsync(page);

        var webhook = new Uri(robot.BaseUrl, $"/cgi-bin/webhook/send?key={Guid.NewGuid():N}").AbsoluteUri;
        await BrowserApp.Field(page, "webhook-url").FillAsync(webhook);
        await device.PressAsync(page.Locator("[data-test='channel-save']"));
        var row = page.Locator("[data-test='channel-row']", new() { HasText = name });
        await Expect(row).ToBeVisibleAsync();
        // Shown back by its last characters only.
        await Expect(row).Not.ToContainTextAsync(webhook);
        if (device.Touch)
        {
            await Fit.AssertTapTargetsAsync(row.Locator("[data-test='channel-edit'], [data-test='channel-test']"));
        }

        await page.ScreenshotAsync(new() { Path = BrowserApp.Screenshot($"channels-{deviceName}-{locale}.png"), FullPage = true });

        await device.PressAsync(row.Locator("[data-test='channel-test']"));
        await Expect(page.Locator(".mud-snackbar", new() { HasText = chinese ? "测试消息已发送" : "Test message sent" })).ToBeVisibleAsync();
        Assert.Contains(robot.Requests, r => r.Body["markdown"] is not null);

        // A regression by the manager reaches the rep through the dispatcher, in the rep's language (Chinese by default).
        var customer = $"Robot {deviceName} {locale} Cold Chain";
        var card = await app.DealOfAsync(BrowserApp.Rep, customer, ("power", 1), ("power", 2));
        var deal = card["id"]!.GetValue<Guid>();
        await app.PostAsync($"/api/deals/{deal}/checkpoints",
            new { factor = "power", level = 1, note = "The sponsor moved to another division", version = card["version"]!.GetValue<int>() });
        await WaitUntilAsync(() => robot.Requests.Any(r => r.Body.ToJsonString().Contains(customer, StringComparison.Ordinal)));
        var message = robot.Requests.First(r => r.Body.ToJsonString().Contains(customer, StringComparison.Ordinal));
        Assert.Contains($"/deals/{deal:D}", message.Body["markdown"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);

        await device.PressAsync(page.Locator("[data-test='to-delivery-log']"));
        await Expect(page.Locator("[data-test='delivery-log'] h1")).ToHaveTextAsync(chinese ? "投递记录" : "Delivery log");
        var delivered = page.Locator("tr.delivery-row", new() { HasText = customer }).Filter(new() { HasText = name });
        await Expect(delivered.First.Locator("[data-test='status']")).ToHaveAttributeAsync("data-status", "Sent");
        await Fit.AssertNoSidewaysScrollAsync(page);
        await page.ScreenshotAsync(new() { Path = BrowserApp.Screenshot($"deliveries-{deviceName}-{locale}.png"), FullPage = true });

        await SwitchOffAsync(name);
    }

    private async Task<JsonArray> ChannelsAsync()
    {
        using var admin = await app.ApiAsAsync(BrowserApp.Admin);
        return JsonNode.Parse(await admin.GetStringAsync("/api/channels"))!.AsArray();
    }

    private async Task SwitchOffAsync(string name)
    {
        var channel = (await ChannelsAsync()).Single(c => c!["name"]!.GetValue<string>() == name)!;
        using var admin = await app.ApiAsAsync(BrowserApp.Admin);
        var response = await admin.PutAsJsonAsync($"/api/channels/{channel["id"]}", new
        {
            kind = "weCom", name, enabled = false, everyone = true, version = channel["version"]!.GetValue<int>(),
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }


    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "The robot did not receive the regression's message within 30 s");
            await Task.Delay(100);
        }
    }
}
