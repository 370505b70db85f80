using System.Text.Json;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain.Tests;

/// <summary>
/// <see cref="Factors.All"/> is the one list of the five factors: a factor added to the enum but not to the list, or to
/// the list but not to the levels or the deal's cached columns, fails here rather than going missing from a screen.
/// </summary>
public class FactorListTests
{
    [Fact]
    public void TheListHoldsEveryFactorOfTheEnumInItsOrder()
    {
        Assert.Equal(Enum.GetValues<Factor>(), Factors.All);
    }

    [Fact]
    public void EachFactorHasItsPositionAndTheKeyItTravelsUnder()
    {
        Assert.Equal(["need", "power", "goal", "value", "collaboration"], Factors.All.Select(f => f.Key()));
        Assert.Equal(Enumerable.Range(0, Factors.All.Count), Factors.All.Select(f => f.Position()));
        Assert.Throws<ArgumentOutOfRangeException>(() => ((Factor)Factors.All.Count).Key());
    }

    [Fact]
    public void LevelsKeepEachFactorInItsOwnMember()
    {
        // Each factor at its own level (need 1 … collaboration 5), so a factor read or written as another shows.
        var levels = Levels.From(f => f.Position() + 1);

        Assert.Equal(new Levels(Need: 1, Power: 2, Goal: 3, Value: 4, Collaboration: 5), levels);
        Assert.Equal(Factors.All.Select(f => f.Position() + 1), Factors.All.Select(f => levels[f]));
        Assert.Equal(15, levels.Total());
        foreach (var factor in Factors.All)
        {
            var raised = levels.With(factor, 9);
            Assert.Equal(Factors.All.Select(f => f == factor ? 9 : levels[f]), Factors.All.Select(f => raised[f]));
            Assert.False(levels.Meets(raised));
            Assert.True(raised.Meets(levels));
        }
    }

    [Fact]
    public void LevelsTravelAsOneMemberPerFactorInFactorOrder()
    {
        var json = JsonSerializer.SerializeToElement(Levels.From(f => f.Position() + 1), JsonSerializerOptions.Web);

        Assert.Equal(Factors.All.Select(f => f.Key()), json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Factors.All.Select(f => f.Position() + 1), json.EnumerateObject().Select(p => p.Value.GetInt32()));
    }

    [Fact]
    public void ADealCachesEachFactorsLevelUnderThePropertyOfItsName()
    {
        var deal = TestData.NewDeal();
        foreach (var factor in Factors.All)
        {
            deal.Record(factor, factor.Position() + 1, TestData.Now.AddHours(-10 + factor.Position()));
        }

        Assert.Equal(Levels.From(f => f.Position() + 1), deal.Levels);
        foreach (var factor in Factors.All)
        {
            // EF maps the cached column group of each factor by this name (DealConfiguration loops over Factors.All).
            var cached = typeof(Deal).GetProperty(factor.ToString())?.GetValue(deal);
            Assert.Equal(deal.State(factor), cached);
            Assert.Equal(factor.Position() + 1, deal.State(factor).Level);
            Assert.Equal(TestData.Now.AddHours(-10 + factor.Position()), deal.State(factor).ChangedAt);
        }
    }

    [Fact]
    public void TheTopLevelsAreEachLaddersOwnTop()
    {
        var playbook = TestData.Playbook.AddTopLevel(Factor.Goal, new("新的顶级", "A new top"));

        Assert.Equal(new Levels(Need: 5, Power: 6, Goal: 6, Value: 5, Collaboration: 5), playbook.TopLevels);
        Assert.Equal(Factors.All, Playbook.Gaps(Levels.Zero, playbook.TopLevels).Select(m => m.Factor));
    }
}
