namespace KeyAccountPipeline.Web.Components.Tests;

using KeyAccountPipeline.Data.People;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Components.Board;
using KeyAccountPipeline.Web.Components.Shared;
using KeyAccountPipeline.Web.Components.Tests.Infrastructure;
using MudBlazor;

/// <summary>The board's parts as issue 15 left them: the card opens as one link, ladders read in both languages, counts say 1 deal.</summary>
public sealed class BoardPartsTests : ComponentTest
{
    private static readonly Playbook Playbook = DefaultPlaybook.Create();

    private static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(TimeSpan.FromHours(8)).DateTime);

    [Fact]
    public void TheCardsOneLinkCarriesTheFullCustomerNameAndTheFlagsReasonsAndDoesNotDragItself()
    {
        var name = "上海浦东国际综合保税区跨境电商冷链仓储与配送一体化服务有限公司 Shanghai Pudong Cross-border Cold Chain Warehousing and Distribution";
        var cut = Render<DealCardView>(p => p
            .Add(c => c.Card, CardTests.Card(new Levels(3, 1, 0, 2, 5)) with { Customer = name })
            .Add(c => c.Playbook, Playbook)
            .Add(c => c.LocalDate, LocalDate));

        var link = Assert.Single(cut.FindAll("a"));
        Assert.Equal(name, link.TextContent); // screen readers read it whole; the card cuts it to two lines
        Assert.StartsWith(name + "\n", link.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Contains("No checkpoint advanced for 34 days; Qualify allows 21", link.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Equal("false", link.GetAttribute("draggable"));
        Assert.Equal("true", cut.Find(".deal-card").GetAttribute("draggable"));
    }

    [Theory]
    [InlineData("en", new[] { "Need", "Power", "Goal", "Value", "Collab." }, "Collaboration")]
    [InlineData("zh-CN", new[] { "需求", "权力", "目标", "价值", "协同" }, "协同")]
    public void ACardsLadderLabelsAreShortAndTheFullNameIsTheTitleAndTheAccessibleName(string culture, string[] labels, string collaboration)
    {
        Speak(culture);
        var cut = Render<FactorLadders>(p => p.Add(c => c.Levels, new Levels(0, 6, 5, 1, 2)).Add(c => c.Playbook, Playbook));

        Assert.Equal(labels, cut.FindAll(".ladder-name").Select(l => l.TextContent));
        var row = cut.Find("[data-factor=collaboration]");
        Assert.Equal(collaboration, row.GetAttribute("title"));
        Assert.StartsWith(collaboration + ":", row.GetAttribute("aria-label"), StringComparison.Ordinal);
    }

    [Fact]
    public void TheProjectorsLargeLaddersKeepTheFullNames()
    {
        var cut = Render<FactorLadders>(p => p.Add(c => c.Levels, new Levels(0, 6, 5, 1, 2)).Add(c => c.Playbook, Playbook).Add(c => c.Large, true));

        Assert.Equal("Collaboration", cut.Find("[data-factor=collaboration] .ladder-name").TextContent);
    }

    [Theory]
    [InlineData("en", 1, "1 deal")]
    [InlineData("en", 2, "2 deals")]
    [InlineData("en", 0, "0 deals")]
    [InlineData("zh-CN", 1, "1 个商机")]
    public void AClosedColumnCountsInTheSingularForOneDeal(string culture, int count, string shown)
    {
        Speak(culture);
        var deals = Enumerable.Range(0, count).Select(i => CardTests.Card(new Levels(3, 1, 0, 2, 5)) with { Id = Guid.NewGuid() }).ToList();

        var cut = Render<ClosedColumn>(p => p
            .Add(c => c.Title, "Lost").Add(c => c.Key, "lost").Add(c => c.Deals, deals)
            .Add(c => c.Playbook, Playbook).Add(c => c.LocalDate, LocalDate));

        Assert.Equal(shown, cut.Find("[data-test=column-count]").TextContent);
    }

    [Fact]
    public void TheClosedColumnAPhoneShowsIsOpen()
    {
        var cut = Render<ClosedColumn>(p => p
            .Add(c => c.Title, "Won").Add(c => c.Key, "won").Add(c => c.Deals, [CardTests.Card(new Levels(3, 1, 0, 2, 5))])
            .Add(c => c.Playbook, Playbook).Add(c => c.LocalDate, LocalDate).Add(c => c.Shown, true));

        Assert.Single(cut.FindAll("[data-test=deal-card]"));
        Assert.Equal("true", cut.Find("[data-test=fold-won]").GetAttribute("aria-expanded"));
    }

    [Theory]
    [InlineData("en", "何伟 He Wei (disabled)")]
    [InlineData("zh-CN", "何伟 He Wei（已停用）")]
    public void TheOwnerFieldShowsADisabledOwnersNameMarkedNeverTheirId(string culture, string shown)
    {
        Speak(culture);
        var disabled = new PersonView(Guid.NewGuid(), "何伟 He Wei", "he.wei@test.cn", Role.Rep, Active: false);
        var active = new PersonView(Guid.NewGuid(), "李娜 Li Na", "li.na@test.cn", Role.Rep, Active: true);
        Render<MudPopoverProvider>();

        var filters = Render<BoardFilters>(p => p
            .Add(f => f.People, [active, disabled])
            .Add(f => f.Industries, [])
            .Add(f => f.Playbook, Playbook)
            .Add(f => f.Owner, disabled.Id));

        var field = filters.Find("input[data-test=filter-owner]");
        Assert.Equal(shown, field.GetAttribute("value"));
    }

    [Theory]
    [InlineData("?flag=stalled", "./?flag=stalled")]
    [InlineData("?ownerId=5eed0003-0000-0000-0000-000000000005&show=won", "./?ownerId=5eed0003-0000-0000-0000-000000000005&show=won")]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("?", "")]
    [InlineData("//evil.example/?x", "")]
    [InlineData("https://evil.example/", "")]
    [InlineData("?x\n=1", "")]
    public void BackToTheBoardLeadsOnlyToTheBoardWithTheQueryThisTabLastShowed(string? stored, string href) =>
        Assert.Equal(href, BackToBoardLink.HrefFor(stored));

    [Fact]
    public void BackToTheBoardReadsTheTabsLastBoardQuery()
    {
        JSInterop.Setup<string?>("sessionStorage.getItem", BackToBoardLink.StorageKey).SetResult("?flag=stalled");

        var link = Render<BackToBoardLink>();

        link.WaitForAssertion(() => Assert.Equal("./?flag=stalled", link.Find("a").GetAttribute("href")));
        Assert.Equal("← Back to the board", link.Find("a").TextContent);
    }
}
