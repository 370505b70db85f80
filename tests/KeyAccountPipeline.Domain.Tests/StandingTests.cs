using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain.Tests;

/// <summary>METHOD.md's supply station: progress, what is left to the next stage, and the weakest factor.</summary>
public class StandingTests
{
    private static Standing Evaluate(int need, int power, int goal, int value, int collaboration) =>
        TestData.Playbook.Evaluate(new Levels(need, power, goal, value, collaboration));

    [Fact]
    public void LevelsPossibleIsTwentySix()
    {
        Assert.Equal(26, TestData.Playbook.LevelsPossible);
    }

    [Theory]
    [InlineData(0, 0, 0, 0, 0, 0.0)]
    [InlineData(3, 1, 0, 0, 0, 0.154)] // 4/26 = 0.1538…
    [InlineData(3, 3, 2, 0, 0, 0.308)] // 8/26 = 0.3076…
    [InlineData(4, 4, 4, 3, 2, 0.654)] // 17/26 = 0.6538…
    [InlineData(4, 5, 4, 4, 4, 0.808)] // 21/26 = 0.8076…
    [InlineData(5, 6, 5, 5, 4, 0.962)] // 25/26 = 0.9615…
    [InlineData(5, 6, 5, 5, 5, 1.0)]
    public void ProgressIsLevelsReachedOutOfTwentySixRoundedToThreeDecimals(int need, int power, int goal, int value, int collaboration, double expected)
    {
        var standing = Evaluate(need, power, goal, value, collaboration);

        Assert.Equal(expected, standing.Progress, 10);
    }

    [Fact]
    public void AtQualifyTheMissingItemsToAccessArePowerAndGoal()
    {
        var standing = Evaluate(3, 1, 0, 0, 0);

        Assert.Equal("qualify", standing.Stage.Key);
        Assert.Equal("access", standing.NextStage?.Key);
        Assert.Equal(
            [new MissingItem(Factor.Power, 1, 3), new MissingItem(Factor.Goal, 0, 2)],
            standing.Missing);
    }

    [Fact]
    public void AtDiscoverTheMissingItemsToQualifyAreNeedAndPower()
    {
        var standing = Evaluate(1, 0, 4, 0, 0);

        Assert.Equal("discover", standing.Stage.Key);
        Assert.Equal("qualify", standing.NextStage?.Key);
        Assert.Equal(
            [new MissingItem(Factor.Need, 1, 3), new MissingItem(Factor.Power, 0, 1)],
            standing.Missing);
    }

    [Fact]
    public void AtSolutionTheMissingItemsToCoplanListOnlyUnmetFactorsInMethodOrder()
    {
        var standing = Evaluate(5, 4, 4, 3, 4);

        Assert.Equal("solution", standing.Stage.Key);
        Assert.Equal("coplan", standing.NextStage?.Key);
        Assert.Equal(
            [new MissingItem(Factor.Power, 4, 5), new MissingItem(Factor.Value, 3, 4)],
            standing.Missing);
    }

    [Fact]
    public void AtCommitThereIsNoNextStageAndNothingMissing()
    {
        var standing = Evaluate(5, 6, 5, 5, 5);

        Assert.Equal("commit", standing.Stage.Key);
        Assert.Null(standing.NextStage);
        Assert.Empty(standing.Missing);
    }

    [Fact]
    public void WeakestIsTheFactorFurthestBelowTheNextGate()
    {
        // Next gate is access (3,3,2,0,0): power is 3 below, goal 2 below.
        var standing = Evaluate(3, 0, 0, 0, 0);

        Assert.Equal(Factor.Power, standing.Weakest);
    }

    [Fact]
    public void WeakestIsFurthestBelowEvenWhenLaterInMethodOrder()
    {
        // Next gate is solution (4,4,4,3,2): need 1 below, collaboration 2 below.
        var standing = Evaluate(3, 4, 4, 3, 0);

        Assert.Equal("access", standing.Stage.Key);
        Assert.Equal(Factor.Collaboration, standing.Weakest);
    }

    [Theory]
    [InlineData(0, 0, 0, 0, 0, Factor.Need)] // to qualify: need 3 below, power 1
    [InlineData(2, 0, 0, 0, 0, Factor.Need)] // to qualify: need 1, power 1 → tie, need first
    [InlineData(3, 1, 1, 0, 0, Factor.Power)] // to access: power 2, goal 1
    [InlineData(3, 3, 2, 2, 1, Factor.Goal)] // to solution: need 1, power 1, goal 2, value 1, collaboration 1
    [InlineData(3, 3, 3, 0, 0, Factor.Value)] // to solution: need 1, power 1, goal 1, value 3, collaboration 2
    [InlineData(4, 4, 4, 3, 2, Factor.Collaboration)] // to coplan: power 1, value 1, collaboration 2
    [InlineData(4, 4, 4, 4, 4, Factor.Power)] // to coplan: power 1 only
    [InlineData(4, 5, 4, 4, 4, Factor.Need)] // to commit: every factor 1 below → need first
    public void WeakestIsFurthestBelowTheNextGateWithTiesInMethodOrder(int need, int power, int goal, int value, int collaboration, Factor expected)
    {
        var standing = Evaluate(need, power, goal, value, collaboration);

        Assert.Equal(expected, standing.Weakest);
    }

    [Fact]
    public void WeakestTieBetweenPowerAndGoalGoesToPower()
    {
        // To access (3,3,2,0,0): power 1 below, goal 1 below.
        var standing = Evaluate(3, 2, 1, 0, 0);

        Assert.Equal(Factor.Power, standing.Weakest);
    }

    [Fact]
    public void WeakestTieBetweenValueAndCollaborationGoesToValue()
    {
        // To coplan (4,5,4,4,4): value 1 below, collaboration 1 below, others met.
        var standing = Evaluate(5, 5, 5, 3, 3);

        Assert.Equal("solution", standing.Stage.Key);
        Assert.Equal(Factor.Value, standing.Weakest);
    }

    [Fact]
    public void WeakestAtCommitWithAllMaxIsNull()
    {
        var standing = Evaluate(5, 6, 5, 5, 5);

        Assert.Null(standing.Weakest);
    }
}
