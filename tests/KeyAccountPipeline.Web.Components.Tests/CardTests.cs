namespace KeyAccountPipeline.Web.Components.Tests;

using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Signals;
using KeyAccountPipeline.Web.Components.Board;
using KeyAccountPipeline.Web.Components.Shared;
using KeyAccountPipeline.Web.Components.Tests.Infrastructure;
using KeyAccountPipeline.Web.Texts;

public sealed class CardTests : ComponentTest
{
    private static readonly Playbook Playbook = DefaultPlaybook.Create();

    private static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(TimeSpan.FromHours(8)).DateTime);

    [Fact]
    public void CardShowsCustomerTitleOwnerCompactMoneyAndDaysSinceAdvance()
    {
        var cut = Render<DealCardView>(p => p
            .Add(c => c.Card, Card(new Levels(3, 1, 0, 2, 5)))
            .Add(c => c.Playbook, Playbook)
            .Add(c => c.LocalDate, LocalDate));

        Assert.Equal("齐海精细化工 Qihai Chemicals", cut.Find(".card-customer").TextContent);
        Assert.Equal("/deals/5eed0003-0000-0000-0000-000000000005", "/" + cut.Find(".card-customer").GetAttribute("href"));
        Assert.Equal("Hazardous goods warehousing", cut.Find(".card-title").TextContent);
        Assert.Equal("王磊 Wang Lei", cut.Find(".card-owner").TextContent);
        Assert.Equal("¥12.5M", cut.Find(".card-value").TextContent);
        Assert.Equal("34 d", cut.Find(".card-days").TextContent);
    }

    [Fact]
    public void CardDrawsFiveLaddersFilledUpToEachLevel()
    {
        var levels = new Levels(3, 1, 0, 2, 5);
        var cut = Render<DealCardView>(p => p
            .Add(c => c.Card, Card(levels))
            .Add(c => c.Playbook, Playbook)
            .Add(c => c.LocalDate, LocalDate));

        var ladders = cut.FindAll(".ladder");
        Assert.Equal(["need", "power", "goal", "value", "collaboration"], ladders.Select(l => l.GetAttribute("data-factor")));
        foreach (var factor in Playbook.Factors)
        {
            var ladder = cut.Find($".ladder[data-factor={factor.Key.Key()}]");
            Assert.Equal(levels[factor.Key], ladder.QuerySelectorAll(".seg.on").Length);
            Assert.Equal(factor.MaxLevel, ladder.QuerySelectorAll(".seg").Length);
            Assert.Equal($"{levels[factor.Key]}/{factor.MaxLevel}", ladder.QuerySelector(".ladder-count")!.TextContent);
        }
    }

    [Fact]
    public void FlagsCarryAnIconAndAWordAndTheReasonIsWrittenOut()
    {
        var cut = Render<DealCardView>(p => p
            .Add(c => c.Card, Card(new Levels(3, 1, 0, 2, 5)))
            .Add(c => c.Playbook, Playbook)
            .Add(c => c.LocalDate, LocalDate));

        var flags = cut.FindAll(".flag").Select(f => f.TextContent.Trim()).ToList();
        Assert.Equal(["■ Stalled", "↓ Value"], flags);
        Assert.Contains("is-stalled", cut.Find(".deal-card").ClassList);
        var reasons = cut.Find(".card-flags .visually-hidden").TextContent;
        Assert.Contains("No checkpoint advanced for 34 days; Qualify allows 21", reasons);
        Assert.Contains("Value fell 3 → 2 on 12 Jun", reasons);
    }

    [Fact]
    public void FactorLaddersCountSegmentsPerFactorAndNameTheLevel()
    {
        var cut = Render<FactorLadders>(p => p
            .Add(c => c.Levels, new Levels(0, 6, 5, 1, 2))
            .Add(c => c.Playbook, Playbook));

        int Filled(string factor) => cut.FindAll($"[data-factor={factor}] .seg.on").Count;
        Assert.Equal([0, 6, 5, 1, 2], new[] { "need", "power", "goal", "value", "collaboration" }.Select(Filled));
        Assert.Equal(Playbook.LevelsPossible, cut.FindAll(".seg").Count);
        Assert.Equal("Power: level 6 of 6", cut.Find("[data-factor=power]").GetAttribute("aria-label"));
    }

    [Theory]
    [InlineData("en", "⚠ Odd date")]
    [InlineData("zh-CN", "⚠ 日期异常")]
    public void ACardWhoseStoredDateWasOutOfRangeIsMarkedInEitherLanguage(string culture, string mark)
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(culture);
        try
        {
            var odd = Render<DealCardView>(p => p
                .Add(c => c.Card, Card(new Levels(3, 1, 0, 2, 5)) with { DataWarnings = ["startedOn"] })
                .Add(c => c.Playbook, Playbook)
                .Add(c => c.LocalDate, LocalDate));
            var ordinary = Render<DealCardView>(p => p
                .Add(c => c.Card, Card(new Levels(3, 1, 0, 2, 5)))
                .Add(c => c.Playbook, Playbook)
                .Add(c => c.LocalDate, LocalDate));

            Assert.Equal(mark, odd.Find("[data-flag=dataWarning]").TextContent.Trim());
            Assert.Contains("2000", odd.Find("[data-flag=dataWarning]").ParentElement!.GetAttribute("title"));
            Assert.Empty(ordinary.FindAll("[data-flag=dataWarning]"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = before;
        }
    }

    internal static DealCard Card(Levels levels)
    {
        var standing = Playbook.Evaluate(levels);
        return new DealCard
        {
            Id = new Guid("5eed0003-0000-0000-0000-000000000005"),
            AccountId = Guid.NewGuid(),
            Customer = "齐海精细化工 Qihai Chemicals",
            Title = "Hazardous goods warehousing",
            Industry = "Chemicals",
            ServiceLine = ServiceLine.Warehousing,
            Owner = new PersonRef(Guid.NewGuid(), "王磊 Wang Lei"),
            AnnualValue = 12_500_000m,
            Currency = "CNY",
            Status = DealStatus.Open,
            Stage = new StageRef("qualify", new("确认需求", "Qualify"), 2),
            Levels = levels,
            Progress = standing.Progress,
            LastAdvanceAt = new DateTimeOffset(2026, 5, 12, 2, 0, 0, TimeSpan.Zero),
            DaysSinceAdvance = 34,
            Flags = [Flag.Stalled, Flag.Regressed],
            Signals =
            [
                new SignalView(Flag.Stalled, 34, 21, null, null, null, null, null),
                new SignalView(Flag.Regressed, 3, null, Factor.Value, 3, 2, null, new DateTimeOffset(2026, 6, 12, 2, 0, 0, TimeSpan.Zero)),
            ],
            Weakest = standing.Weakest,
            NextStage = null,
            TargetCloseDate = new DateOnly(2026, 12, 31),
            StartedOn = new DateOnly(2026, 3, 1),
            Version = 7,
        };
    }
}
