using System.Security.Claims;
using KeyAccountPipeline.Web.Auth;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>The per-person circuit count behind the "at most N pages" limit; no app, no database.</summary>
public sealed class OpenCircuitsTests
{
    private static readonly Guid Wang = Guid.NewGuid();
    private static readonly Guid Li = Guid.NewGuid();

    [Fact]
    public void CircuitsUpToTheLimitAreAllKept()
    {
        var open = new OpenCircuits(3);
        var circuits = Enumerable.Range(0, 3).Select(_ => new CircuitEviction()).ToList();

        foreach (var circuit in circuits)
        {
            Assert.Empty(open.Open(Wang, circuit));
        }

        Assert.Equal(circuits, open.Of(Wang));
        Assert.DoesNotContain(circuits, c => c.IsEvicted);
    }

    [Fact]
    public void OneMoreDropsTheOldestAndKeepsTheRestInOrder()
    {
        var open = new OpenCircuits(3);
        var circuits = Enumerable.Range(0, 5).Select(_ => new CircuitEviction()).ToList();

        var dropped = circuits.Select(c => open.Open(Wang, c)).ToList();

        Assert.Equal([[], [], [], [circuits[0]], [circuits[1]]], dropped);
        Assert.Equal(circuits[2..], open.Of(Wang));
    }

    [Fact]
    public void OnlyTheSamePersonsCircuitsCount()
    {
        var open = new OpenCircuits(2);
        var wangs = new[] { new CircuitEviction(), new CircuitEviction() };
        foreach (var circuit in wangs)
        {
            open.Open(Wang, circuit);
        }

        Assert.Empty(open.Open(Li, new CircuitEviction()));
        Assert.Equal(wangs, open.Of(Wang));
    }

    [Fact]
    public void AClosedCircuitFreesItsPlace()
    {
        var open = new OpenCircuits(2);
        var (first, second, third) = (new CircuitEviction(), new CircuitEviction(), new CircuitEviction());
        open.Open(Wang, first);
        open.Open(Wang, second);

        open.Close(Wang, first);

        Assert.Empty(open.Open(Wang, third));
        Assert.Equal([second, third], open.Of(Wang));
    }

    [Fact]
    public void ClosingADroppedOrUnknownCircuitChangesNothing()
    {
        var open = new OpenCircuits(1);
        var (first, second) = (new CircuitEviction(), new CircuitEviction());
        open.Open(Wang, first);
        open.Open(Wang, second);

        open.Close(Wang, first);
        open.Close(Li, second);
        open.Close(Wang, new CircuitEviction());

        Assert.Equal([second], open.Of(Wang));
        Assert.Empty(open.Of(Li));
    }

    [Fact]
    public void OpeningTheSameCircuitTwiceCountsItOnce()
    {
        var open = new OpenCircuits(2);
        var circuit = new CircuitEviction();

        open.Open(Wang, circuit);
        open.Open(Wang, circuit);

        Assert.Equal([circuit], open.Of(Wang));
    }

    [Fact]
    public void EvictingTellsTheCircuitsListeners()
    {
        var circuit = new CircuitEviction();
        var told = 0;
        circuit.Evicted += () => told++;

        circuit.Evict();

        Assert.True(circuit.IsEvicted);
        Assert.Equal(1, told);
    }

    [Fact]
    public async Task ManyPagesOpeningAndClosingAtOnceNeverLeaveMoreThanTheLimit()
    {
        var open = new OpenCircuits(5);
        var circuits = Enumerable.Range(0, 400).Select(_ => new CircuitEviction()).ToList();

        await Task.WhenAll(circuits.Select((circuit, i) => Task.Run(() =>
        {
            foreach (var dropped in open.Open(Wang, circuit))
            {
                dropped.Evict();
            }

            if (i % 3 == 0)
            {
                open.Close(Wang, circuit);
            }
        })));

        // Every page still open was either dropped (and told) or is still counted, never both, never neither.
        var kept = open.Of(Wang);
        Assert.InRange(kept.Count, 0, 5);
        Assert.Equal(kept.Count, kept.Distinct().Count());
        Assert.All(circuits.Where((_, i) => i % 3 != 0), c => Assert.NotEqual(c.IsEvicted, kept.Contains(c)));
    }

    [Fact]
    public async Task ADroppedCircuitsConnectionIsClosedByTheServerAndSoIsEachReconnect()
    {
        var open = new OpenCircuits(1);
        var oldest = new CircuitEviction();
        var first = new Connection();
        oldest.ConnectedThrough(first);
        open.Open(Wang, oldest);

        foreach (var dropped in open.Open(Wang, new CircuitEviction()))
        {
            dropped.Evict();
        }

        // The page gets a moment to show why and disconnect itself; then the server closes the connection anyway.
        Assert.False(first.Aborted.IsCancellationRequested);
        await Task.Delay(CircuitEviction.AbortAfter + TimeSpan.FromSeconds(3), first.Aborted).ContinueWith(_ => { }, TaskScheduler.Default);
        Assert.True(first.Aborted.IsCancellationRequested);

        var reconnect = new Connection();
        oldest.ConnectedThrough(reconnect);
        Assert.True(reconnect.Aborted.IsCancellationRequested);
    }

    [Fact]
    public void AKeptCircuitsConnectionStaysOpen()
    {
        var open = new OpenCircuits(2);
        var kept = new CircuitEviction();
        var connection = new Connection();
        kept.ConnectedThrough(connection);

        open.Open(Wang, kept);
        open.Open(Wang, new CircuitEviction());

        Assert.False(connection.Aborted.IsCancellationRequested);
    }

    /// <summary>A SignalR connection as the hub sees it; only Abort matters here.</summary>
    private sealed class Connection : HubCallerContext
    {
        private readonly CancellationTokenSource _aborted = new();

        public CancellationToken Aborted => _aborted.Token;

        public override string ConnectionId { get; } = Guid.NewGuid().ToString("N");

        public override string? UserIdentifier => null;

        public override ClaimsPrincipal? User => null;

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override CancellationToken ConnectionAborted => _aborted.Token;

        public override void Abort() => _aborted.Cancel();
    }
}
