namespace KeyAccountPipeline.Web.Components.Tests;

using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Components.Deals;
using KeyAccountPipeline.Web.Components.Tests.Infrastructure;
using KeyAccountPipeline.Web.Texts;

/// <summary>The deal page's level chart draws one line per factor of <see cref="Factors.All"/>, each told apart by colour and by dash.</summary>
public sealed class LevelChartTests : ComponentTest
{
    private static readonly DateOnly Today = new(2026, 6, 15);

    [Fact]
    public void EachFactorHasItsOwnLineColourAndDashInFactorOrder()
    {
        // Need 1, power 2, goal 3, value 4, collaboration 5: a factor drawn from another's level would show here.
        var levels = Factors.All.Select((f, i) => (f, i)).Aggregate(Levels.Zero, (l, x) => l.With(x.f, x.i + 1));

        var chart = Render<LevelChart>(p => p
            .Add(c => c.Levels, levels)
            .Add(c => c.Playbook, DefaultPlaybook.Create())
            .Add(c => c.History, [])
            .Add(c => c.StartedOn, Today.AddDays(-30))
            .Add(c => c.Today, Today)
            .Add(c => c.LocalDate, instant => DateOnly.FromDateTime(instant.UtcDateTime)));

        var lines = chart.FindAll("svg[role=img] path");
        Assert.Equal(Factors.All.Select(f => f.Key()), lines.Select(l => l.GetAttribute("data-factor")));
        // The colours and dashes a user has learned: the same on the card, the ladders and this chart.
        Assert.Equal(["#1565c0", "#6a1b9a", "#2e7d32", "#c43e00", "#00695c"], lines.Select(l => l.GetAttribute("stroke")));
        Assert.Equal(["none", "9 4", "2 3", "10 3 2 3", "5 5"], lines.Select(l => l.GetAttribute("stroke-dasharray")));
        Assert.Equal(Factors.All.Select(Display.Color), lines.Select(l => l.GetAttribute("stroke")));

        var legend = chart.FindAll("[data-test=chart-legend] li");
        Assert.Equal(["Need", "Power", "Goal", "Value", "Collaboration"], legend.Select(l => l.QuerySelector(".legend-name")!.TextContent));
        Assert.Equal(["1/5", "2/6", "3/5", "4/5", "5/5"], legend.Select(l => l.QuerySelector(".legend-level")!.TextContent));
        Assert.Equal(lines.Select(l => l.GetAttribute("stroke-dasharray")), legend.Select(l => l.QuerySelector("line")!.GetAttribute("stroke-dasharray")));
    }

    [Fact]
    public void EveryFactorHasAColourOfItsOwn()
    {
        var colours = Factors.All.Select(Display.Color).ToList();

        Assert.Equal(Factors.All.Count, colours.Distinct().Count());
    }
}
