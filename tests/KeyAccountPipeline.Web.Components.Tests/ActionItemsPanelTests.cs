namespace KeyAccountPipeline.Web.Components.Tests;

using KeyAccountPipeline.Data;
using KeyAccountPipeline.Data.Reviews;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Components.Deals;
using KeyAccountPipeline.Web.Components.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The deal page's action items over the real services: a rep sees only their own there, as the API gives them
/// (decision 0017: others' items and the meeting's notes are review records, for managers and admins).
/// </summary>
public sealed class ActionItemsPanelTests(ComponentApp app) : ComponentTest(app.Services, app.Rep), IClassFixture<ComponentApp>
{
    private const string Mine = "Mine: send the revised quote";
    private const string Theirs = "Theirs: call the COO about the tender";
    private const string MeetingNote = "Managers only: the budget owner is hostile";

    [Fact]
    public async Task ARepSeesOnlyTheirOwnActionItemsOnADealAndAManagerSeesEveryone()
    {
        var (manager, dealId) = await HoldReviewAsync();

        // The panel shows what the deal page read for the person signed in.
        var asRep = Render<DealPage>(p => p.Add(page => page.Id, dealId));

        asRep.WaitForAssertion(() => Assert.Single(asRep.FindAll("[data-test=action-item]")));
        Assert.Contains(Mine, asRep.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(Theirs, asRep.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(MeetingNote, asRep.Markup, StringComparison.Ordinal);

        SignInAs(manager);
        var asManager = Render<DealPage>(p => p.Add(page => page.Id, dealId));
        asManager.WaitForAssertion(() => Assert.Equal(2, asManager.FindAll("[data-test=action-item]").Count));
    }

    /// <summary>Issue 15 §6: a manager gives an action item on the deal page (it could be given only inside a review); a rep is not offered it.</summary>
    [Fact]
    public async Task AManagerAddsAnActionItemOnTheDealPageAndARepIsNotOfferedIt()
    {
        var patience = TimeSpan.FromSeconds(20);
        var (manager, dealId) = await HoldReviewAsync();
        var asRep = Render<DealPage>(p => p.Add(page => page.Id, dealId));
        asRep.WaitForAssertion(() => Assert.Single(asRep.FindAll("[data-test=action-item]")), patience);
        Assert.Empty(asRep.FindAll("[data-test=add-action-item]"));

        SignInAs(manager);
        Render<MudBlazor.MudPopoverProvider>();
        var page = Render<DealPage>(p => p.Add(d => d.Id, dealId));
        page.WaitForElement("[data-test=add-action-item]", patience).Click();
        page.WaitForElement("textarea[data-test=action-text]", patience).Change("Bring the CFO to the DC walk-through");
        page.Find("[data-test=save-action-item]").Click();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-test=action-item]").Count), patience);
        Assert.Contains("Bring the CFO to the DC walk-through", page.Find("[data-test=deal-action-items]").TextContent, StringComparison.Ordinal);
        var mine = await app.Services.GetRequiredService<ReviewQueries>().ActionItemsAsync(new ActionItemFilter(OwnerId: app.Rep.Id, DealId: dealId));
        Assert.Contains(mine, a => a.Text == "Bring the CFO to the DC walk-through" && a.ReviewId is null);
    }

    /// <summary>A review held by a new manager on a new deal of the rep's, with one action item for the rep and one for another rep.</summary>
    private async Task<(Person Manager, Guid DealId)> HoldReviewAsync()
    {
        var manager = new Person(Guid.NewGuid(), "王磊 Wang Lei", $"wang.lei.{Guid.NewGuid():N}@test.cn", Role.Manager);
        var other = new Person(Guid.NewGuid(), "张伟 Zhang Wei", $"zhang.wei.{Guid.NewGuid():N}@test.cn", Role.Rep);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PipelineDbContext>>().CreateDbContextAsync())
        {
            db.People.AddRange(manager, other);
            await db.SaveChangesAsync();
        }

        var deal = await app.NewDealAsync("Panel Freight");
        var today = new DateOnly(2026, 6, 15);
        await app.Services.GetRequiredService<ReviewService>().HoldAsync(new HoldReviewRequest(
            today, null, MeetingNote, [manager.Id], [new ReviewNoteRequest(deal.Id, MeetingNote)],
            [new ActionItemRequest(deal.Id, app.Rep.Id, Mine, today.AddDays(7)), new ActionItemRequest(deal.Id, other.Id, Theirs, today.AddDays(7))]),
            manager.AsActor());
        return (manager, deal.Id);
    }
}
