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

        Assert.Contains("Need from level 0 to 1 (1 changes)", page.Find("[data-test=level-chart] svg[role=img]").GetAttribute("aria-label"));
        Assert.NotEmpty(page.FindAll("[data-test=record-checkpoint]"));
        Assert.NotEmpty(page.FindAll("[data-test=hold]"));
        Assert.Empty(page.FindAll("[data-test=reopen]"));
    }

    /// <summary>
    /// A reassigned deal's timeline names the old and the new owner, in either language (it showed both as GUIDs), and an
    /// edited annual value reads in yuan, as on the card.
    /// </summary>
    [Theory]
    [InlineData("en", "Owner:李娜 Li Na → 陈静 Chen Jing", "Annual value:¥12,500,000 → ¥9,000,000")]
    [InlineData("zh-CN", "负责人:李娜 Li Na → 陈静 Chen Jing", "年合同额:¥12,500,000 → ¥9,000,000")]
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

    [Fact]
    public async Task ClosedDealOffersOnlyReopen()
    {
        var card = await app.NewDealAsync("Heron Foods");
        await Deals.CloseAsync(card.Id, new CloseRequest(CloseOutcome.Lost, CloseReason.Price, "Lost on price", card.Version), app.Rep.AsActor());

        var page = Render<DealPage>(p => p.Add(d => d.Id, card.Id));

        page.WaitForElement("[data-test=deal-header]");
        Assert.NotEmpty(page.FindAll("[data-test=reopen]"));
        foreach (var action in new[] { "record-checkpoint", "log-activity", "edit-details", "hold", "resume", "close", "record-need", "add-stakeholder" })
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
