using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain.Tests;

/// <summary>Issue 16: an imported deal's levels are history dated when the file says they held, never fresh advances of today.</summary>
public class ImportTests
{
    private static readonly DateTimeOffset Now = TestData.Now;
    private static readonly DateTimeOffset AsOf = Now.AddDays(-30);

    private static Deal Imported(Dictionary<Factor, int> levels) => Deal.Import(Guid.NewGuid(), TestData.AccountId, TestData.Owner,
        TestData.Details() with { StartedOn = new DateOnly(2026, 1, 5) }, " EXT-1 ", levels, AsOf, "east.xlsx", TestData.Playbook, TestData.Actor, Now,
        TestData.Calendar);

    [Fact]
    public void EachLevelAboveZeroIsOneChangeDatedAsOfAndTheStallClockRunsFromThen()
    {
        var deal = Imported(new() { [Factor.Need] = 3, [Factor.Power] = 1, [Factor.Goal] = 0 });

        Assert.Equal(2, deal.Checkpoints.Count);
        Assert.All(deal.Checkpoints, c =>
        {
            Assert.Equal(AsOf, c.OccurredAt);
            Assert.Equal("Imported from east.xlsx", c.Note);
            Assert.Equal(TestData.Actor, c.ActorId);
            Assert.False(c.IsRegression);
        });
        Assert.Equal(AsOf, deal.LastUpwardAt);
        Assert.Equal(new Levels(3, 1, 0, 0, 0), deal.Levels);
        Assert.Equal("EXT-1", deal.ExternalId);
        Assert.Equal(1, deal.Events.Count(e => e.Kind == DealEventKind.Imported && e.Note == "east.xlsx"));
    }

    [Fact]
    public void ALowerLevelIsARegressionWithTheImportAsItsReasonAndNothingDifferentChangesNothing()
    {
        var deal = Imported(new() { [Factor.Power] = 4 });
        var version = deal.Version;

        Assert.False(deal.ApplyImport(deal.CurrentDetails, deal.OwnerId, new Dictionary<Factor, int> { [Factor.Power] = 4 }, Now, "again.xlsx",
            TestData.Playbook, TestData.Actor, Now, TestData.Calendar, null));
        Assert.Equal(version, deal.Version);

        Assert.True(deal.ApplyImport(deal.CurrentDetails, deal.OwnerId, new Dictionary<Factor, int> { [Factor.Power] = 2 }, Now.AddDays(-1), "update.xlsx",
            TestData.Playbook, TestData.Actor, Now, TestData.Calendar, null));
        var regression = Assert.Single(deal.Checkpoints, c => c.IsRegression);
        Assert.Equal(("Import: update.xlsx", 4, 2), (regression.Note, regression.FromLevel, regression.ToLevel));
        Assert.Equal(Factor.Power, deal.LastRegression!.Factor);
        Assert.Equal(AsOf, deal.LastUpwardAt);
    }

    [Fact]
    public void AnImportedLevelOffTheLadderIsRefused() =>
        Assert.Equal("level", Assert.Throws<DomainException>(() => Imported(new() { [Factor.Power] = 7 })).Field);
}
