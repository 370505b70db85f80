using KeyAccountPipeline.Domain.Insights;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain.Tests;

/// <summary>Replaying a deal's changes into the stays in each stage, and the median of stays.</summary>
public sealed class StageStayTests
{
    private static readonly DateOnly Start = new(2026, 3, 1);

    [Fact]
    public void EachStageChangeEndsAStayOnTheLocalDayItHappened()
    {
        // 23:30 UTC on 10 March is 07:30 on 11 March in Shanghai.
        LevelStep[] changes =
        [
            Step(Factor.Need, 3, new DateTimeOffset(2026, 3, 10, 23, 30, 0, TimeSpan.Zero)),
            Step(Factor.Power, 1, new DateTimeOffset(2026, 3, 10, 23, 31, 0, TimeSpan.Zero)),
            Step(Factor.Power, 3, At(25)),
            Step(Factor.Goal, 2, At(25)),
        ];

        var stays = StageStays.Of(TestData.Playbook, Start, changes, closedOn: null, LocalDate);

        Assert.Equal([("discover", 10), ("qualify", 14)], stays.Select(s => (s.StageKey, s.Days)));
    }

    [Fact]
    public void AStageJumpedInOneChangeHasNoStayAndARegressionStartsANewOne()
    {
        LevelStep[] changes = [Step(Factor.Power, 3, At(2)), Step(Factor.Goal, 2, At(2)), Step(Factor.Need, 3, At(5)), Step(Factor.Need, 2, At(9))];

        var stays = StageStays.Of(TestData.Playbook, Start, changes, closedOn: new DateOnly(2026, 3, 20), LocalDate);

        Assert.Equal([("discover", 4), ("access", 4), ("discover", 11)], stays.Select(s => (s.StageKey, s.Days)));
    }

    [Fact]
    public void AnOpenDealsCurrentStayIsNotCounted()
    {
        Assert.Empty(StageStays.Of(TestData.Playbook, Start, [Step(Factor.Need, 1, At(3))], closedOn: null, LocalDate));
    }

    [Fact]
    public void MedianIsTheMiddleOrTheMeanOfTheTwoMiddles()
    {
        Assert.Equal(8.0, StageStays.Median([20, 0, 10, 6]));
        Assert.Equal(6.0, StageStays.Median([20, 0, 6]));
        Assert.Null(StageStays.Median([]));
    }

    private static DateTimeOffset At(int day) => new(2026, 3, day, 10, 0, 0, TimeSpan.FromHours(8));

    private static LevelStep Step(Factor factor, int to, DateTimeOffset at) => new(factor, to, at, at);

    private static DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TestData.Shanghai).DateTime);
}
