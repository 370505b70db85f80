using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Reviews;
using KeyAccountPipeline.Domain.Signals;

namespace KeyAccountPipeline.Domain.Tests;

/// <summary>A review's window is whole days in Shanghai: from the start of "since" to the end of "until" (or today).</summary>
public class ReviewWindowTests
{
    private static readonly DateOnly March10 = new(2026, 3, 10);

    [Fact]
    public void AChangeAt0700ShanghaiTimeBelongsToThatShanghaiDay()
    {
        var (_, calendar) = TestData.CalendarAt(TestData.Now);
        var sevenInTheMorning = new DateTimeOffset(2026, 3, 9, 23, 0, 0, TimeSpan.Zero); // 07:00 on 10 March in Shanghai

        Assert.True(ReviewWindow.Of(March10, March10, calendar).Contains(sevenInTheMorning));
        Assert.False(ReviewWindow.Of(March10.AddDays(-1), March10.AddDays(-1), calendar).Contains(sevenInTheMorning));
    }

    [Fact]
    public void TheWindowStartsAtShanghaiMidnightAndOneSecondBeforeIsOutside()
    {
        var (_, calendar) = TestData.CalendarAt(TestData.Now);

        var window = ReviewWindow.Of(March10, null, calendar);

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 16, 0, 0, TimeSpan.Zero), window.Start);
        Assert.True(window.Contains(window.Start));
        Assert.False(window.Contains(window.Start.AddSeconds(-1)));
    }

    /// <summary>Decision 0019: a window ending today ends now; one ending earlier is read at the last instant of its last day.</summary>
    [Theory]
    [InlineData(0, "2026-03-20T02:00:00Z", 20)]
    [InlineData(-1, "2026-03-19T15:59:59.9999999Z", 19)]
    [InlineData(-5, "2026-03-15T15:59:59.9999999Z", 15)]
    public void TheEndIsReadNowWhenItIsTodayElseAtTheLastInstantOfItsLastDay(int until, string readAt, int dayRead)
    {
        var (_, calendar) = TestData.CalendarAt(TestData.Now); // 20 March, 10:00 in Shanghai

        var window = ReviewWindow.Of(March10, new DateOnly(2026, 3, 20).AddDays(until), calendar);
        var at = window.ReadEndAt(calendar.Now);

        Assert.Equal(DateTimeOffset.Parse(readAt, System.Globalization.CultureInfo.InvariantCulture), at);
        Assert.Equal(new DateOnly(2026, 3, dayRead), calendar.At(at).Today);
        Assert.True(at < window.End);
    }

    [Fact]
    public void WithoutAnEndTheWindowRunsToTheEndOfToday()
    {
        var (_, calendar) = TestData.CalendarAt(TestData.Now); // 20 March, 10:00 in Shanghai

        var window = ReviewWindow.Of(March10, null, calendar);

        Assert.Equal(new DateOnly(2026, 3, 20), window.Until);
        Assert.True(window.Contains(new DateTimeOffset(2026, 3, 20, 15, 59, 59, TimeSpan.Zero)));
        Assert.False(window.Contains(new DateTimeOffset(2026, 3, 20, 16, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void AWindowStartingTomorrowOrEndingBeforeItStartsIsRefusedNamingTheField()
    {
        var (_, calendar) = TestData.CalendarAt(TestData.Now);

        Assert.Equal("since", Assert.Throws<DomainException>(() => ReviewWindow.Of(new DateOnly(2026, 3, 21), null, calendar)).Field);
        Assert.Equal("until", Assert.Throws<DomainException>(() => ReviewWindow.Of(March10, March10.AddDays(-1), calendar)).Field);
    }

    [Fact]
    public void LevelsAtTheStartAreEachFactorsLevelBeforeItsFirstChangeInTheWindow()
    {
        var now = new Levels(3, 1, 0, 2, 0);

        var before = WindowStart.LevelsBefore(now, [(Factor.Need, 1), (Factor.Need, 2), (Factor.Value, 3)]);

        Assert.Equal(new Levels(1, 1, 0, 3, 0), before);
    }

    [Fact]
    public void ADealCreatedInTheWindowHadNoStatusAtItsStart()
    {
        Assert.Null(WindowStart.StatusBefore(DealStatus.Won, [DealEventKind.Created, DealEventKind.Won]));
        Assert.Equal(DealStatus.Open, WindowStart.StatusBefore(DealStatus.Lost, [DealEventKind.Lost]));
        Assert.Equal(DealStatus.OnHold, WindowStart.StatusBefore(DealStatus.Open, [DealEventKind.Resumed]));
        Assert.Equal(DealStatus.OnHold, WindowStart.StatusBefore(DealStatus.OnHold, []));
    }

    [Fact]
    public void ADealThatCrossedItsStallDaysInsideTheWindowWasNotStalledAtItsStart()
    {
        // Started 1 March, nothing advanced; Discover stalls after 14 days: stalled from 16 March on.
        var (_, calendar) = TestData.CalendarAt(TestData.Now);
        var startedOn = new DateOnly(2026, 3, 1);
        var window = ReviewWindow.Of(new DateOnly(2026, 3, 13), null, calendar);

        var then = WindowStart.FlagsAt(DealStatus.Open, startedOn, Levels.Zero, null, 0, TestData.Playbook, calendar.At(window.Start));
        var now = WindowStart.FlagsAt(DealStatus.Open, startedOn, Levels.Zero, null, 0, TestData.Playbook, calendar);

        Assert.DoesNotContain(Flag.Stalled, then);
        Assert.Contains(Flag.Stalled, now);
    }

    [Fact]
    public void TheMeetingTakesRegressionsFirstThenNewlyStalledThenTheRestByValue()
    {
        Reviewed[] deals =
        [
            new("Big", 9_000_000m, 0, false),
            new("Stalled", 1_000_000m, 0, true),
            new("Fell", 500_000m, 1, false),
            new("Small", 2_000_000m, 0, false),
        ];

        Assert.Equal(["Fell", "Stalled", "Big", "Small"], ReviewOrder.Sort(deals).Select(d => d.Customer));
    }

    [Fact]
    public void OnlyManagersHoldReviewsAndAnActionDueBeforeTheReviewIsRefused()
    {
        var manager = new Actor(TestData.Actor, Role.Manager);
        var rep = new Actor(TestData.Owner, Role.Rep);
        var day = new DateOnly(2026, 3, 20);
        NewActionItem early = new(Guid.NewGuid(), TestData.Owner, "Call the CFO", day.AddDays(-1));

        Assert.Throws<AccessDeniedException>(() => Review.Hold(rep, day, day.AddDays(-7), null, [rep.Id], [], [], day, TestData.Now));
        var refused = Assert.Throws<DomainException>(() => Review.Hold(manager, day, day.AddDays(-7), null, [manager.Id], [], [early], day, TestData.Now));
        Assert.Equal("actionItems[0].dueOn", refused.Field);
    }

    [Fact]
    public void AnActionIsClosedByItsOwnerOrAManagerButNotByAnotherRep()
    {
        var manager = new Actor(TestData.Actor, Role.Manager);
        var owner = new Actor(TestData.Owner, Role.Rep);
        var day = new DateOnly(2026, 3, 20);
        var review = Review.Hold(manager, day, day.AddDays(-7), null, [manager.Id], [],
            [new NewActionItem(Guid.NewGuid(), owner.Id, "Call the CFO", day.AddDays(3))], day, TestData.Now);
        var item = Assert.Single(review.ActionItems);

        Assert.Throws<AccessDeniedException>(() => item.MarkDone(new Actor(Guid.NewGuid(), Role.Rep), TestData.Now));
        item.MarkDone(owner, TestData.Now);

        Assert.False(item.IsOpen);
        Assert.Equal(owner.Id, item.DoneById);
    }

    private sealed record Reviewed(string Customer, decimal AnnualValue, int Regressions, bool NewlyStalled) : IReviewedDeal;
}
