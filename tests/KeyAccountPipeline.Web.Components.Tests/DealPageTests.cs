using System.Globalization;
using System.Text.RegularExpressions;
namespace KeyAccountPipeline.Web.Components.Tests;

using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Components.Deals;
using KeyAccountPipeline.Web.Components.Tests.Infrastructure;
using KeyAccountPipeline.Web.Texts;
using Microsoft.Extensions.DependencyInjection;

/// <summary>The deal page over the real services: what a rep sees after opening a deal.</summary>
public sealed class DealPageTests(ComponentApp app) : ComponentTest(app.Services, app.Rep), IClassFixture<ComponentApp>
{
    private DealService Deals => app.Services.GetRequiredService<DealService>();

    [Fact]
    public async Task PageReadsLikeASupplyStation()
    {
        var card = await app.NewDealAsync("Kestrel Appliances");
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        card = await Deals.RecordCheckpointAsync(card.Id, new CheckpointRequest(Factor.Need, 1, "Interviewed the logistics manager", null, null, card.Version), app.Rep.AsActor());

        var page = Render<DealPage>(p => p.Add(d => d.Id, card.Id));

        page.WaitForElement("[data-test=deal-header]");
        Assert.Equal(card.Customer, page.Find("[data-test=deal-customer]").TextContent);
        Assert.Equal("李娜 Li Na", page.Find("[data-test=deal-owner]").TextContent);
        Assert.Equal("¥12.5M", page.Find("[data-test=deal-value]").TextContent);
        Assert.Contains("Station 1 of 6: Discover", page.Find("[data-test=deal-stage]").TextContent);
        Assert.Contains("1 of 26 levels reached (4%)", page.Find("[data-test=deal-progress]").TextContent);

        // Qualify needs need 3 and power 1: two missing items, each with the ladder text to watch and the manager's question.
        var missing = page.FindAll("[data-test=missing-item]");
        Assert.Equal(["need", "power"], missing.Select(m => m.GetAttribute("data-factor")));
        Assert.Contains("Need: now 1, needs 3", missing[0].TextContent);
        Assert.Contains("2. Real need (root cause) identified and written down", missing[0].TextContent);
        Assert.Contains("3. Customer confirmed our understanding of the real need", missing[0].TextContent);
        Assert.Contains("Is this the real need?", missing[0].TextContent);

        var need = page.Find("[data-test=ladder-need]");
        Assert.Equal("1", need.GetAttribute("data-level"));
        Assert.Equal("reached 15 Jun 2026", need.QuerySelector("[data-test=reached-on]")!.TextContent.Trim());
        Assert.Contains(Ui.CurrentMarker.Current, need.QuerySelector("[aria-current=step]")!.TextContent);

        var entries = page.FindAll("[data-test=timeline-entry]");
        Assert.Equal(["checkpoint", "event"], entries.Select(e => e.GetAttribute("data-type")));
        Assert.Contains("Need", entries[0].TextContent);
        Assert.Contains("0 → 1", entries[0].TextContent);
        Assert.Contains("Interviewed the logistics manager", entries[0].TextContent);

        Assert.Contains("Need from level 0 to 1 (1 change)", page.Find("[data-test=level-chart] svg[role=img]").GetAttribute("aria-label"));
        Assert.NotEmpty(page.FindAll("[data-test=record-checkpoint]"));
        Assert.NotEmpty(page.FindAll("[data-test=hold]"));
        Assert.Empty(page.FindAll("[data-test=reopen]"));
    }

    /// <summary>
    /// A reassigned deal's timeline names the old and the new owner, in either language (it showed both as GUIDs), and an
    /// edited annual value reads in yuan, as on the card; a space follows the field's colon (issue 15: "Role:Decision maker").
    /// </summary>
    [Theory]
    [InlineData("en", "Owner: 李娜 Li Na → 陈静 Chen Jing", "Annual value: ¥12,500,000 → ¥9,000,000")]
    [InlineData("zh-CN", "负责人: 李娜 Li Na → 陈静 Chen Jing", "年合同额: ¥12,500,000 → ¥9,000,000")]
    public async Task AReassignedDealsTimelineNamesBothOwners(string culture, string owners, string value)
    {
        var manager = await app.PersonAsync(Role.Manager, "赵建国 Zhao Jianguo");
        var next = await app.PersonAsync(Role.Rep, "陈静 Chen Jing");
        var card = await app.NewDealAsync("Osprey Cold Chain");
        card = await Deals.EditAsync(card.Id,
            new UpdateDealRequest(card.Title, card.ServiceLine, 9_000_000m, card.TargetCloseDate, card.StartedOn, card.Version), manager.AsActor());
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Deals.ReassignAsync(card.Id, new ReassignRequest(next.Id, card.Version), manager.AsActor());
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);

        var page = Render<DealPage>(p => p.Add(d => d.Id, card.Id));

        var changes = page.WaitForElements("[data-test=timeline-entry] .entry-changes li");
        var shown = changes.Select(c => Regex.Replace(c.TextContent, @"\s+", " ").Trim()).ToList();
        Assert.Contains(owners, shown);
        Assert.Contains(value, shown);
        Assert.DoesNotContain(shown, line => Regex.IsMatch(line, "[0-9a-f]{8}-[0-9a-f]{4}-"));
    }

    /// <summary>Issue 15: "Need: now 0, needs 3" opens on Need level 3 (it opened on level 1).</summary>
    [Fact]
    public async Task AMissingItemOpensOnTheLevelItNeeds()
    {
        var card = await app.NewDealAsync("Egret Retail");
        var (page, dialogs, _) = RenderWithDialogs(card.Id);

        page.WaitForElement("[data-test=missing-item][data-factor=need] button", Patience).Click();
        dialogs.WaitForElement("textarea[data-test=note]", Patience).Change("Customer confirmed the real need in writing");
        dialogs.Find("[data-test=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-test=checkpoint-dialog]")), Patience);
        var change = Assert.Single((await app.Services.GetRequiredService<DealQueries>().HistoryAsync(card.Id))!);
        Assert.Equal((Factor.Need, 0, 3), (change.Factor, change.From, change.To));
    }

    /// <summary>Issue 15: "Record checkpoint" asks for the factor and opens on the one chosen (it always opened on Need).</summary>
    [Fact]
    public async Task RecordCheckpointOpensOnTheFactorChosen()
    {
        var card = await app.NewDealAsync("Plover Chemicals");
        var (page, dialogs, popovers) = RenderWithDialogs(card.Id);

        var menu = page.WaitForElement("[data-test=record-checkpoint]", Patience);
        (menu.TagName == "BUTTON" ? menu : menu.QuerySelector("button")!).Click();
        popovers.WaitForElement("[data-test=record-checkpoint-factor][data-factor=power]", Patience).Click();
        dialogs.WaitForElement("textarea[data-test=note]", Patience).Change("Our contact told the owner about us");
        dialogs.Find("[data-test=save]").Click();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-test=checkpoint-dialog]")), Patience);
        var change = Assert.Single((await app.Services.GetRequiredService<DealQueries>().HistoryAsync(card.Id))!);
        Assert.Equal((Factor.Power, 0, 1), (change.Factor, change.From, change.To));
    }

    /// <summary>Issue 15: "Record a visit", tick Power 3, type, Save: three taps and the note; the page shows the new level.</summary>
    [Fact]
    public async Task RecordAVisitFromThePageInThreeTaps()
    {
        var card = await app.NewDealAsync("Avocet Pharma");
        var (page, dialogs, _) = RenderWithDialogs(card.Id);

        page.WaitForElement("[data-test=record-visit]", Patience).Click();
        dialogs.WaitForElement("[data-test=visit-option][data-factor=power][data-level=\"3\"] input", Patience).Change(true);
        dialogs.Find("textarea[data-test=visit-note]").Change("Met the owner at the DC");
        dialogs.Find("[data-test=save]").Click();

        page.WaitForAssertion(() => Assert.Equal("3", page.Find("[data-test=ladder-power]").GetAttribute("data-level")), Patience);
        Assert.Single(page.FindAll("[data-test=timeline-entry][data-type=activity]"));
    }

    /// <summary>The value field groups its digits (issue 15: "33000000" read as one long number).</summary>
    [Fact]
    public async Task TheValueFieldShowsSeparators()
    {
        var card = await app.NewDealAsync("Curlew Retail");
        var (page, dialogs, _) = RenderWithDialogs(card.Id);

        page.WaitForElement("[data-test=edit-details]", Patience).Click();

        Assert.Equal("12,500,000", dialogs.WaitForElement("input[data-test=annual-value], [data-test=annual-value] input", Patience).GetAttribute("value"));
    }

    /// <summary>Long enough for a loaded build machine: the waits end as soon as the condition holds.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>The page with the providers its dialogs and menus render in (<c>Dialogs</c> holds an open dialog).</summary>
    private (IRenderedComponent<DealPage> Page, IRenderedComponent<MudBlazor.MudDialogProvider> Dialogs, IRenderedComponent<MudBlazor.MudPopoverProvider> Popovers) RenderWithDialogs(Guid id)
    {
        var popovers = Render<MudBlazor.MudPopoverProvider>();
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        return (Render<DealPage>(p => p.Add(d => d.Id, id)), dialogs, popovers);
    }

    [Fact]
    public async Task ClosedDealOffersOnlyReopen()
    {
        var card = await app.NewDealAsync("Heron Foods");
        await Deals.CloseAsync(card.Id, new CloseRequest(CloseOutcome.Lost, CloseReason.Price, "Lost on price", card.Version), app.Rep.AsActor());

        var page = Render<DealPage>(p => p.Add(d => d.Id, card.Id));

        page.WaitForElement("[data-test=deal-header]");
        Assert.NotEmpty(page.FindAll("[data-test=reopen]"));
        foreach (var action in new[] { "record-visit", "record-checkpoint", "log-activity", "edit-details", "hold", "resume", "close", "record-need", "add-stakeholder" })
        {
            Assert.Empty(page.FindAll($"[data-test={action}]"));
        }

        Assert.Contains("Lost", page.Find("[data-test=deal-status]").TextContent);
        Assert.All(page.FindAll("[data-test=missing-item] button"), b => Assert.True(b.HasAttribute("disabled")));
    }

    [Fact]
    public void UnknownDealSaysSoAndLinksBackToTheBoard()
    {
        var page = Render<DealPage>(p => p.Add(d => d.Id, Guid.NewGuid()));

        page.WaitForElement("[data-test=deal-not-found]");
        Assert.Contains(Ui.DealNotFound.Current, page.Find("[data-test=deal-not-found]").TextContent);
        Assert.Equal("./", page.Find("[data-test=back-to-board]").GetAttribute("href"));
    }
}
