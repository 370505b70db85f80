using KeyAccountPipeline.Web.Auth;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Which page the tab limit closes (issue 15 §5): the longest idle page without unsaved input first; a page holding a
/// half-written dialog only when every other one holds one too. No app, no database.
/// </summary>
public sealed class CircuitDropOrderTests
{
    private static readonly Guid Wang = Guid.NewGuid();

    [Fact]
    public void AnOlderPageWithUnsavedInputIsKeptAndTheLongestIdleCleanOneClosed()
    {
        var open = new OpenCircuits(3);
        var (typing, idle, recent) = (new CircuitEviction(), new CircuitEviction(), new CircuitEviction());
        open.Open(Wang, typing);
        open.Open(Wang, idle);
        open.Open(Wang, recent);
        typing.Unsaved(this, true);
        Thread.Sleep(5);
        recent.Touch();

        var dropped = open.Open(Wang, new CircuitEviction());

        Assert.Equal([idle], dropped);
        Assert.True(typing.HasUnsavedInput);
        Assert.Contains(typing, open.Of(Wang));
    }

    [Fact]
    public void AnOldPageUsedRecentlyIsKeptOverANewerIdleOne()
    {
        var open = new OpenCircuits(2);
        var (first, second) = (new CircuitEviction(), new CircuitEviction());
        open.Open(Wang, first);
        Thread.Sleep(5);
        open.Open(Wang, second);
        Thread.Sleep(5);
        first.Touch();

        Assert.Equal([second], open.Open(Wang, new CircuitEviction()));
    }

    [Fact]
    public void WhenEveryPageHoldsUnsavedInputTheLongestIdleIsClosedAndSavedOrClosedInputCountsNoMore()
    {
        var open = new OpenCircuits(2);
        var (first, second) = (new CircuitEviction(), new CircuitEviction());
        open.Open(Wang, first);
        Thread.Sleep(5);
        open.Open(Wang, second);
        var (dialogA, dialogB) = (new object(), new object());
        first.Unsaved(dialogA, true);
        second.Unsaved(dialogB, true);

        Assert.Equal([first], open.Open(Wang, new CircuitEviction()));

        second.Unsaved(dialogB, false);
        Assert.False(second.HasUnsavedInput);
    }
}
