namespace KeyAccountPipeline.Web.Components.Tests;

using Bunit;
using KeyAccountPipeline.Data;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Components.Admin;
using KeyAccountPipeline.Web.Components.Tests.Infrastructure;
using KeyAccountPipeline.Web.Texts;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

/// <summary>
/// The admin pages' safeguards over the real store, in English and Chinese: a refused playbook save lists every problem at the
/// top with a way to each field (in whichever ladder tab it sits), an unchanged one saves no version, and a role picked in
/// the users list is asked about, naming the person and both roles, before anything is written.
/// </summary>
public sealed class AdminPagesTests : ComponentTest, IClassFixture<ComponentApp>
{
    private readonly ComponentApp app;

    public AdminPagesTests(ComponentApp app)
        : base(app.Services) => this.app = app;

    private PlaybookRepository Repository => app.Services.GetRequiredService<PlaybookRepository>();

    [Theory]
    [InlineData("en", "Not saved. Fix 2 problems first", "Stage 3: ", "Need: ")]
    [InlineData("zh-CN", "没有保存。请先修改以下 2 处", "第 3 个阶段：", "需求：")]
    public async Task ARefusedSaveListsEachProblemAtTheTopWithItsPlaceAndTakesTheFocus(string culture, string heading, string stage, string factor)
    {
        Speak(culture);
        SignInAs(await NewPersonAsync(Role.Admin));
        var before = (await Repository.VersionsAsync()).Count;
        var page = Render<PlaybookPage>();
        page.WaitForElement("[data-test=save-playbook]");
        page.Find("[data-test=level-en]").Change(" "); // in the first ladder's tab
        page.Find("tr[data-stage=access] [data-test=stage-name-zh]").Change(string.Empty);
        page.FindAll(".mud-tab")[1].Click(); // the first ladder's tab is no longer shown

        await page.Find("[data-test=save-playbook]").ClickAsync(new());

        var summary = page.WaitForElement("[data-test=playbook-errors]");
        Assert.Equal("alert", summary.GetAttribute("role"));
        Assert.StartsWith(heading, summary.QuerySelector("p")!.TextContent.Trim(), StringComparison.Ordinal);
        var links = summary.QuerySelectorAll("[data-test=error-link]");
        Assert.Equal(2, links.Length);
        Assert.Equal(["factors[0].levels[0].en", "stages[2].name.zh"], links.Select(l => l.GetAttribute("data-field")));
        Assert.StartsWith(factor, links[0].TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith(stage, links[1].TextContent.Trim(), StringComparison.Ordinal);
        await FocusedAsync(() => page.Find("[data-test=playbook-errors]"));
        Assert.Equal(before, (await Repository.VersionsAsync()).Count);
    }

    [Fact]
    public async Task SavingAnUnchangedPlaybookSaysSoAndStoresNoVersion()
    {
        SignInAs(await NewPersonAsync(Role.Admin));
        var before = (await Repository.VersionsAsync()).Count;
        var page = Render<PlaybookPage>();
        page.WaitForElement("[data-test=save-playbook]");
        var version = page.Find("[data-test=editing-version]").TextContent;

        await page.Find("[data-test=save-playbook]").ClickAsync(new());

        var notice = page.WaitForElement("[data-test=playbook-unchanged]");
        Assert.StartsWith("No changes to save", notice.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, (await Repository.VersionsAsync()).Count);
        Assert.Equal(version, page.Find("[data-test=editing-version]").TextContent);
    }

    [Theory]
    [InlineData("en", "Change the role of {0}?", "{0} goes from Rep to Manager.", "Change role")]
    [InlineData("zh-CN", "更改 {0} 的角色？", "{0} 将从销售代表变为经理。", "更改角色")]
    public async Task ARoleChangeIsAskedAboutNamingThePersonAndBothRolesBeforeItIsSaved(string culture, string title, string text, string yes)
    {
        Speak(culture);
        SignInAs(await NewPersonAsync(Role.Admin));
        var person = await NewPersonAsync(Role.Rep);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<UsersPage>();
        page.WaitForElement($"[data-test=user-row][data-email='{person.Email}']");

        // The pick waits for the person's answer, so it is awaited only after the dialog is answered.
        var picked = PickRoleAsync(page, person, Role.Manager);
        var box = dialogs.WaitForElement(".mud-dialog");
        Assert.Contains(string.Format(title, person.Name), box.TextContent, StringComparison.Ordinal);
        Assert.Contains(string.Format(text, person.Name), box.TextContent, StringComparison.Ordinal);
        await dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() != yes).ClickAsync(new());
        await picked.WaitAsync(TimeSpan.FromSeconds(20));
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal(Role.Rep, await RoleOfAsync(person));

        picked = PickRoleAsync(page, person, Role.Manager);
        await dialogs.WaitForElement(".mud-dialog").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == yes).ClickAsync(new());
        await picked.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(Role.Manager, await RoleOfAsync(person));
    }

    /// <summary>
    /// Waits until the page's last focus call went to the element <paramref name="find"/> finds (bUnit marks each captured
    /// element): the page focuses after its render, and no render follows to wake a bUnit wait.
    /// </summary>
    private async Task FocusedAsync(Func<AngleSharp.Dom.IElement> find)
    {
        for (var waited = TimeSpan.Zero; ; waited += TimeSpan.FromMilliseconds(100))
        {
            var id = find().GetAttribute("blazor:elementReference");
            var last = JSInterop.Invocations.LastOrDefault(i => i.Identifier.Contains("focus", StringComparison.OrdinalIgnoreCase));
            if (id is not null && last.Arguments is not null && last.Arguments.OfType<ElementReference>().Any(r => r.Id == id))
            {
                return;
            }

            Assert.True(waited < TimeSpan.FromSeconds(20), $"Not focused: {find().OuterHtml[..Math.Min(200, find().OuterHtml.Length)]}; last focus call {last.Identifier}.");
            await Task.Delay(100);
        }
    }

    private static Task PickRoleAsync(IRenderedComponent<UsersPage> page, Person person, Role role)
    {
        var label = Ui.ChangeRoleOf.Format(person.Name);
        var row = page.FindComponents<MudSelect<Role>>().Single(s => s.Instance.UserAttributes.TryGetValue("aria-label", out var named) && Equals(named, label));
        return row.InvokeAsync(() => row.Instance.ValueChanged.InvokeAsync(role));
    }

    private async Task<Role> RoleOfAsync(Person person)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PipelineDbContext>>().CreateDbContextAsync();
        return await db.People.Where(p => p.Id == person.Id).Select(p => p.Role).SingleAsync();
    }

    private async Task<Person> NewPersonAsync(Role role)
    {
        var person = new Person(Guid.NewGuid(), $"林 Lin {Guid.NewGuid():N}"[..12], $"lin.{Guid.NewGuid():N}@test.cn", role);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PipelineDbContext>>().CreateDbContextAsync();
        db.People.Add(person);
        await db.SaveChangesAsync();
        return person;
    }
}
