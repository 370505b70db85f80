using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KeyAccountPipeline.Web.Auth;

internal static class CircuitLimit
{
    /// <summary>
    /// At most <see cref="AuthSettings.MaxCircuitsPerUser"/> live pages (circuits) per signed-in person: each one holds
    /// server memory, so when they open one more, one of their pages is dropped with a message: the longest idle page
    /// without unsaved input first, a page with a half-written dialog only last (<see cref="OpenCircuits.Open"/>).
    /// </summary>
    public static IServiceCollection AddCircuitLimit(this IServiceCollection services)
    {
        services.AddSingleton(provider => new OpenCircuits(provider.GetRequiredService<AuthSettings>().MaxCircuitsPerUser));
        services.AddScoped<CircuitEviction>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitLimitHandler>());
        // Global hub filters apply to Blazor's own hub too: it is how a circuit learns which connection carries it.
        services.AddSignalR(options => options.AddFilter<CircuitConnectionFilter>());
        return services;
    }
}

/// <summary>
/// The open circuits of each signed-in person, oldest first. Kept in this process's memory only: behind several
/// servers each one counts the circuits it hosts (a circuit lives on one server), so the limit holds per server.
/// A circuit whose connection dropped still counts until the server lets it go: it holds memory and may reconnect.
/// </summary>
public sealed class OpenCircuits(int maxPerPerson)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, List<CircuitEviction>> _byPerson = [];

    public int MaxPerPerson { get; } = maxPerPerson >= 1
        ? maxPerPerson
        : throw new ArgumentOutOfRangeException(nameof(maxPerPerson), maxPerPerson, "At least one circuit per person.");

    /// <summary>
    /// Counts a newly opened circuit; returns the person's circuits that no longer fit, already uncounted: those without
    /// unsaved input (<see cref="CircuitEviction.HasUnsavedInput"/>) first, longest idle first (<see cref="CircuitEviction.LastActive"/>),
    /// then those with unsaved input, longest idle first. The new circuit is never one of them. A dropped page's typed
    /// text stays in its browser (the dialogs' drafts), offered back when the dialog opens again.
    /// </summary>
    public IReadOnlyList<CircuitEviction> Open(Guid personId, CircuitEviction circuit)
    {
        lock (_lock)
        {
            if (!_byPerson.TryGetValue(personId, out var open))
            {
                open = [];
                _byPerson[personId] = open;
            }

            if (open.Contains(circuit))
            {
                return [];
            }

            open.Add(circuit);
            var excess = open.Count - MaxPerPerson;
            if (excess <= 0)
            {
                return [];
            }

            var dropped = open.Where(c => c != circuit)
                .OrderBy(c => c.HasUnsavedInput).ThenBy(c => c.LastActive).Take(excess).ToList();
            open.RemoveAll(dropped.Contains);
            return dropped;
        }
    }

    /// <summary>Forgets a circuit that ended; nothing happens if it was already dropped.</summary>
    public void Close(Guid personId, CircuitEviction circuit)
    {
        lock (_lock)
        {
            if (_byPerson.TryGetValue(personId, out var open) && open.Remove(circuit) && open.Count == 0)
            {
                _byPerson.Remove(personId);
            }
        }
    }

    /// <summary>The person's counted circuits, oldest first.</summary>
    public IReadOnlyList<CircuitEviction> Of(Guid personId)
    {
        lock (_lock)
        {
            return _byPerson.TryGetValue(personId, out var open) ? [.. open] : [];
        }
    }
}

/// <summary>
/// One circuit's side of the limit (scoped, so one per circuit). The layout listens: once the circuit is dropped it shows
/// why in place of the page and its script disconnects, so nothing on the old page acts any more. The server does not
/// rely on that script: <see cref="AbortAfter"/> later it closes the circuit's connection itself, and refuses the
/// connection of any reconnect attempt, so a page whose script never ran cannot keep its circuit live.
/// </summary>
public sealed class CircuitEviction
{
    /// <summary>How long a dropped page gets to show its message and disconnect by itself before the server closes it.</summary>
    public static readonly TimeSpan AbortAfter = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private readonly HashSet<object> _unsaved = [];
    private volatile bool _evicted;
    private HubCallerContext? _connection;
    private long _lastActive = DateTimeOffset.UtcNow.UtcTicks;

    public bool IsEvicted => _evicted;

    /// <summary>When the browser last sent this circuit anything (an event, a key, a render's answer), UTC.</summary>
    public DateTimeOffset LastActive => new(Interlocked.Read(ref _lastActive), TimeSpan.Zero);

    /// <summary>Whether a form on this page holds typed input not yet saved (a dialog reports it: <see cref="Unsaved"/>).</summary>
    public bool HasUnsavedInput
    {
        get
        {
            lock (_lock)
            {
                return _unsaved.Count > 0;
            }
        }
    }

    /// <summary>The browser sent something now.</summary>
    public void Touch() => Interlocked.Exchange(ref _lastActive, DateTimeOffset.UtcNow.UtcTicks);

    /// <summary><paramref name="form"/> holds typed input not yet saved (true), or none any more (false: saved, discarded, closed).</summary>
    public void Unsaved(object form, bool unsaved)
    {
        lock (_lock)
        {
            _ = unsaved ? _unsaved.Add(form) : _unsaved.Remove(form);
        }
    }

    /// <summary>Raised on the thread of the circuit that caused the drop: listeners marshal to their own circuit.</summary>
    public event Action? Evicted;

    public void Evict()
    {
        _evicted = true;
        Evicted?.Invoke();
        _ = AbortLaterAsync();
    }

    /// <summary>
    /// The connection that now carries this circuit (a new one after each reconnect); null when it is not known. A dropped
    /// circuit's new connection is closed at once.
    /// </summary>
    public void ConnectedThrough(HubCallerContext? connection)
    {
        lock (_lock)
        {
            _connection = connection;
        }

        if (_evicted)
        {
            connection?.Abort();
        }
    }

    private async Task AbortLaterAsync()
    {
        await Task.Delay(AbortAfter);
        HubCallerContext? connection;
        lock (_lock)
        {
            connection = _connection;
        }

        // A connection the page already closed ignores this.
        connection?.Abort();
    }
}

/// <summary>
/// Tells a circuit which SignalR connection carries it: Blazor does not hand its circuit handlers the connection, but it
/// opens and reconnects circuits inside the hub calls StartCircuit and ConnectCircuit, and the circuit handler's
/// connection-up callback runs in that call's async flow, where <see cref="Current"/> is visible.
/// </summary>
internal sealed class CircuitConnectionFilter : IHubFilter
{
    private static readonly AsyncLocal<HubCallerContext?> CurrentConnection = new();
    private static readonly AsyncLocal<string?> CurrentMethod = new();

    /// <summary>
    /// Whether the hub call running in this async flow is the person's own doing (an event, a navigation, a script's call),
    /// not the browser's answer to the server (a render acknowledged, a script's result): true when it is not known.
    /// </summary>
    public static bool ByThePerson => CurrentMethod.Value is null or "DispatchBrowserEvent" or "OnLocationChanged" or "OnLocationChanging"
        or "BeginInvokeDotNetFromJS";

    /// <summary>The connection whose hub call is running in this async flow, if any.</summary>
    public static HubCallerContext? Current => CurrentConnection.Value;

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        // Set inside this async method, so the value ends with the call and never leaks into the connection's message loop.
        CurrentConnection.Value = invocationContext.Context;
        CurrentMethod.Value = invocationContext.HubMethodName;
        return await next(invocationContext);
    }
}

internal sealed class CircuitLimitHandler(
    OpenCircuits open, CircuitEviction eviction, AuthenticationStateProvider authentication, ILogger<CircuitLimitHandler> logger)
    : CircuitHandler
{
    private Guid? _personId;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        // The circuit's user is set from the connecting request before the circuit opens.
        if ((await authentication.GetAuthenticationStateAsync()).User.ToActor() is not { } actor)
        {
            return;
        }

        _personId = actor.Id;
        foreach (var dropped in open.Open(actor.Id, eviction))
        {
            logger.LogInformation("Person {UserId} opened more than {Max} circuits; their oldest was dropped", actor.Id, open.MaxPerPerson);
            dropped.Evict();
        }
    }

    /// <summary>
    /// What the person does on the page (a click, a key, a navigation) marks the circuit active: the idle page is the one
    /// dropped first. A render's acknowledgement does not: live updates redraw idle pages too.
    /// </summary>
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            if (CircuitConnectionFilter.ByThePerson)
            {
                eviction.Touch();
            }

            return next(context);
        };

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        eviction.ConnectedThrough(CircuitConnectionFilter.Current);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_personId is { } personId)
        {
            open.Close(personId, eviction);
        }

        return Task.CompletedTask;
    }
}
