using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Deque.AxeCore.Playwright;
using KeyAccountPipeline.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KeyAccountPipeline.Browser.Tests;

/// <summary>
/// The admin's pages on a 390 px touch phone, in English and Chinese (issue 15 §6): nothing scrolls sideways, a role
/// change is asked about, a locked-out person is unlocked, a stage is added on the page. The person changed and
/// locked is the test's own; the playbook is put back as it was.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneAdminTests(BrowserApp app)
{
    private const string Password = "harbour-lantern-2026";

    [Theory]
    [InlineData("en-US", "Locked until", "Unlock", "Change role", "Manager", "Active")]
    [InlineData("zh-CN", "锁定至", "解锁", "更改角色", "经理", "正常")]
    public async Task OnAPhoneARoleChangeIsAskedAndALockedOutPersonIsUnlocked(
        string locale, string lockedUntil, string unlock, string changeRole, string manager, string active)
    {
        var (email, name) = await LockedOutPersonAsync();
        var page = await app.OpenAsync("/admin/users", locale, BrowserApp.Admin, device: Device.Phone);
        var row = page.Locator($"[data-test='user-row'][data-email='{email}']");

        await Expect(row.Locator("[data-test='state']")).ToContainTextAsync(lockedUntil);
        await Fit.AssertNoSidewaysScrollAsync(page, "[data-test='users-page']");
        await Fit.AssertTapTargetsAsync(row.Locator("[data-test='unlock']"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot($"admin-users-390-{locale}.png"), FullPage = true });
        BoardTests.AssertNoSeriousViolations(await page.Locator("[data-test='users-page']").RunAxe());

        await row.Locator("[data-test='unlock']").TapAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToContainTextAsync(name);
        await dialog.GetByRole(AriaRole.Button, new() { Name = unlock, Exact = true }).TapAsync();
        await Expect(row.Locator("[data-test='state']")).ToContainTextAsync(active);
        await Expect(row.Locator("[data-test='unlock']")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(email, Password)).StatusCode);

        // A role picked in the list is asked about, naming the person and both roles; cancelled, nothing changes.
        await PickRoleAsync(page, row, manager);
        await Expect(dialog).ToContainTextAsync(name);
        await Expect(dialog).ToContainTextAsync(manager);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot($"admin-role-confirm-390-{locale}.png") });
        await dialog.GetByRole(AriaRole.Button, new() { Name = locale == "zh-CN" ? "取消" : "Cancel", Exact = true }).TapAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        Assert.Equal("rep", await RoleAsync(email));
        await Expect(row.Locator(".mud-select input").First).Not.ToHaveValueAsync(manager);

        await PickRoleAsync(page, row, manager);
        await dialog.GetByRole(AriaRole.Button, new() { Name = changeRole, Exact = true }).TapAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-snackbar", new() { HasText = manager }).First).ToContainTextAsync(name);
        Assert.Equal("manager", await RoleAsync(email));
    }

    [Theory]
    [InlineData("en-US", "Add a stage", "Not saved. Fix")]
    [InlineData("zh-CN", "添加阶段", "没有保存")]
    public async Task OnAPhoneTheStagesAreEditedOnThePageAndProblemsAreListedAtTheTop(string locale, string addStage, string notSaved)
    {
        using var admin = await AdminApiAsync();
        var original = JsonNode.Parse(await admin.GetStringAsync("/api/playbook/edit"))!;
        var stages = original["stages"]!.AsArray().Count;
        try
        {
            var page = await app.OpenAsync("/admin/playbook", locale, BrowserApp.Admin, device: Device.Phone);
            await Expect(page.Locator("[data-test='stage-row']")).ToHaveCountAsync(stages);
            await Fit.AssertNoSidewaysScrollAsync(page, "[data-test='playbook-editor']");
            await Expect(page.Locator("[data-test='stages-scroll-hint']")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot($"admin-playbook-390-{locale}.png"), FullPage = true });
            BoardTests.AssertNoSeriousViolations(await page.Locator("[data-test='playbook-editor']").RunAxe());

            // A new stage copies the gate before it: saving names what to fix, at the top, and nothing is saved.
            var add = page.GetByRole(AriaRole.Button, new() { Name = addStage });
            await Fit.AssertTapTargetsAsync(add);
            await add.TapAsync();
            await Expect(page.Locator("[data-test='stage-row']")).ToHaveCountAsync(stages + 1);
            await page.Locator("[data-test='save-playbook']").TapAsync();
            var summary = page.Locator("[data-test='playbook-errors']");
            await Expect(summary).ToContainTextAsync(notSaved);
            await Expect(summary).ToBeInViewportAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserApp.Screenshot($"admin-playbook-errors-390-{locale}.png") });
            Assert.Equal(original["version"]!.GetValue<int>(), Version(await admin.GetStringAsync("/api/playbook/edit")));

            // The stage it copied removed, and the new one keyed and named, it is saved as a new version.
            var last = original["stages"]!.AsArray()[^1]!["key"]!.GetValue<string>();
            await page.Locator($"[data-test='stage-row'][data-stage='{last}'] [data-test='remove-stage']").TapAsync();
            await Expect(page.Locator("[data-test='stage-row']")).ToHaveCountAsync(stages);
            var row = page.Locator("[data-test='stage-row']").Last;
            await Fill(row, "stage-key", "signed");
            await Fill(row, "stage-name-zh", "已签约");
            await Fill(row, "stage-name-en", "Signed");
            await page.Locator("[data-test='save-playbook']").TapAsync();
            await Expect(page.Locator("[data-test='editing-version']")).ToContainTextAsync($"{original["version"]!.GetValue<int>() + 1}");
            var saved = JsonNode.Parse(await admin.GetStringAsync("/api/playbook/edit"))!["stages"]!.AsArray();
            Assert.Equal("signed", saved[^1]!["key"]!.GetValue<string>());
        }
        finally
        {
            // The collection shares one app: leave the playbook's rules as the other tests expect them.
            original["version"] = Version(await admin.GetStringAsync("/api/playbook/edit"));
            (await admin.PutAsJsonAsync("/api/playbook", original)).EnsureSuccessStatusCode();
        }
    }

    private static async Task Fill(ILocator row, string field, string text)
    {
        var input = row.Locator($"input[data-test='{field}']");
        await input.FillAsync(text);
        await input.PressAsync("Tab");
    }

    private static async Task PickRoleAsync(IPage page, ILocator row, string role)
    {
        await row.Locator(".mud-select").First.TapAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = role }).TapAsync();
    }

    private static int Version(string document) => JsonNode.Parse(document)!["version"]!.GetValue<int>();

    /// <summary>A person of the test's own, locked out by five failed sign-ins through the API (never a demo person).</summary>
    private async Task<(string Email, string Name)> LockedOutPersonAsync()
    {
        var email = $"phone.admin.{Guid.NewGuid():N}@test.cn";
        var name = $"Phone Person {Guid.NewGuid().ToString("N")[..6]}";
        using var admin = await AdminApiAsync();
        var created = await admin.PostAsJsonAsync("/api/users", new { name, email, role = "rep", password = Password });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(email, "wrong-password-1")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(email, Password)).StatusCode);
        return (email, name);
    }

    private async Task<string> RoleAsync(string email)
    {
        using var admin = await AdminApiAsync();
        var people = JsonNode.Parse(await admin.GetStringAsync("/api/users"))!.AsArray();
        return people.Single(p => p!["email"]!.GetValue<string>() == email)!["role"]!.GetValue<string>();
    }

    private async Task<HttpResponseMessage> TokenAsync(string email, string password)
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        return await client.PostAsJsonAsync("/api/auth/token", new { email, password });
    }

    private async Task<HttpClient> AdminApiAsync()
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(BrowserApp.Admin));
        return client;
    }
}
