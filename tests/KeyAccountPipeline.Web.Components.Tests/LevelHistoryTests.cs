namespace KeyAccountPipeline.Web.Components.Tests;

using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Components.Deals;

public sealed class LevelHistoryTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EachLevelIsDatedByTheChangeThatReachedIt()
    {
        var history = new[] { Change(0, 2, 0), Change(2, 3, 10) };

        var reached = LevelHistory.ReachedAt(history, Factor.Need, 3);

        Assert.Equal(Day1, reached[1]);
        Assert.Equal(Day1, reached[2]);
        Assert.Equal(Day1.AddDays(10), reached[3]);
    }

    [Fact]
    public void AfterAFallAndAClimbBackTheClimbBackIsTheDate()
    {
        var history = new[] { Change(0, 3, 0), Change(3, 1, 5), Change(1, 3, 9) };

        var reached = LevelHistory.ReachedAt(history, Factor.Need, 3);

        Assert.Equal(Day1, reached[1]);
        Assert.Equal(Day1.AddDays(9), reached[2]);
        Assert.Equal(Day1.AddDays(9), reached[3]);
    }

    [Fact]
    public void LevelsLostAndNotRegainedHaveNoDate()
    {
        var history = new[] { Change(0, 4, 0), Change(4, 2, 5) };

        var reached = LevelHistory.ReachedAt(history, Factor.Need, 2);

        Assert.Equal([1, 2], reached.Keys.Order());
    }

    private static CheckpointView Change(int from, int to, int day) => new(
        Guid.NewGuid(), Factor.Need, from, to, to < from, Localized.Empty, Day1.AddDays(day), Day1.AddDays(day),
        new PersonRef(Guid.NewGuid(), "李娜"), "note", null, 1);
}
