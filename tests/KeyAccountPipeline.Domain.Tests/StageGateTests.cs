using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain.Tests;

/// <summary>METHOD.md, "Stages": a deal's stage is the highest stage whose gate every factor meets.</summary>
public class StageGateTests
{
    /// <summary>METHOD.md's stage table, copied by hand: (key, gate, stall after days).</summary>
    private static readonly (string Key, int[] Gate, int StallDays)[] MethodTable =
    [
        ("discover", [0, 0, 0, 0, 0], 14),
        ("qualify", [3, 1, 0, 0, 0], 21),
        ("access", [3, 3, 2, 0, 0], 21),
        ("solution", [4, 4, 4, 3, 2], 28),
        ("coplan", [4, 5, 4, 4, 4], 21),
        ("commit", [5, 6, 5, 5, 5], 14),
    ];

    private static Levels L(int[] v) => new(v[0], v[1], v[2], v[3], v[4]);

    public static TheoryData<string, int, int, int, int, int> LevelsExactlyAtEachGate()
    {
        var data = new TheoryData<string, int, int, int, int, int>();
        foreach (var (key, g, _) in MethodTable)
        {
            data.Add(key, g[0], g[1], g[2], g[3], g[4]);
        }

        return data;
    }

    /// <summary>
    /// For every stage after the first and every factor whose gate is above the previous stage's gate:
    /// the gate levels with that one factor one below → the previous stage.
    /// </summary>
    public static TheoryData<string, string, int, int, int, int, int> OneFactorOneBelowEachGate()
    {
        var data = new TheoryData<string, string, int, int, int, int, int>();
        for (var i = 1; i < MethodTable.Length; i++)
        {
            var (key, gate, _) = MethodTable[i];
            var previous = MethodTable[i - 1];
            for (var f = 0; f < 5; f++)
            {
                if (gate[f] <= previous.Gate[f])
                {
                    continue;
                }

                var below = (int[])gate.Clone();
                below[f]--;
                data.Add(key, previous.Key, below[0], below[1], below[2], below[3], below[4]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LevelsExactlyAtEachGate))]
    public void LevelsExactlyAtAGateReachThatStage(string stage, int need, int power, int goal, int value, int collaboration)
    {
        var standing = TestData.Playbook.Evaluate(new Levels(need, power, goal, value, collaboration));

        Assert.Equal(stage, standing.Stage.Key);
    }

    [Theory]
    [MemberData(nameof(OneFactorOneBelowEachGate))]
    public void OneFactorOneBelowAGateStaysAtThePreviousStage(string gateOf, string expected, int need, int power, int goal, int value, int collaboration)
    {
        var standing = TestData.Playbook.Evaluate(new Levels(need, power, goal, value, collaboration));

        Assert.NotEqual(gateOf, standing.Stage.Key);
        Assert.Equal(expected, standing.Stage.Key);
    }

    [Fact]
    public void BoundaryDataCoversEveryRaisedGateItem()
    {
        // qualify 2 + access 2 + solution 5 + coplan 3 + commit 5 raised items.
        Assert.Equal(17, OneFactorOneBelowEachGate().Count());
    }

    [Fact]
    public void MaxLevelsAreCommit()
    {
        var standing = TestData.Playbook.Evaluate(new Levels(5, 6, 5, 5, 5));

        Assert.Equal("commit", standing.Stage.Key);
    }

    [Fact]
    public void ZeroLevelsAreDiscover()
    {
        var standing = TestData.Playbook.Evaluate(Levels.Zero);

        Assert.Equal("discover", standing.Stage.Key);
    }

    [Fact]
    public void ExceedingAGateOnOneFactorDoesNotSkipAStage()
    {
        // Need, power and goal at the top, but value and collaboration at 0: still only access.
        var standing = TestData.Playbook.Evaluate(new Levels(5, 6, 5, 0, 0));

        Assert.Equal("access", standing.Stage.Key);
    }

    [Fact]
    public void DefaultPlaybookMatchesTheMethodStageTable()
    {
        var stages = TestData.Playbook.Stages.OrderBy(s => s.Order).ToList();

        Assert.Equal(MethodTable.Select(s => s.Key), stages.Select(s => s.Key));
        Assert.Equal(MethodTable.Select(s => L(s.Gate)), stages.Select(s => s.Gate));
        Assert.Equal(MethodTable.Select(s => s.StallDays), stages.Select(s => s.StallAfterDays));
    }

    [Theory]
    [InlineData(Factor.Need, 5)]
    [InlineData(Factor.Power, 6)]
    [InlineData(Factor.Goal, 5)]
    [InlineData(Factor.Value, 5)]
    [InlineData(Factor.Collaboration, 5)]
    public void LaddersHaveTheMethodTopLevel(Factor factor, int maxLevel)
    {
        Assert.Equal(maxLevel, TestData.Playbook.Factor(factor).MaxLevel);
    }
}
