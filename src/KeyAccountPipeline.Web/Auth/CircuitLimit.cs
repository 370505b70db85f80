using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KeyAccountPipeline.Web.Auth;

internal static class CircuitLimit
{
    /// <summary>
    /// At most <see cref="AuthSettings.MaxCircuitsPerUser"/> live pages (circuits) per signed-in person: each one holds
    /// server memory, so the person's oldest page is dropped, with a message, when they open one more.
    /// </summary>
    public static IServiceCollection AddCircuitLimit(this IServiceCollection services)
    {
        services.AddSingleton(provider => new OpenCircuits(provider.GetRequiredService<AuthSettings>().MaxCircuitsPerUser));
        services.AddScoped<CircuitEviction>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitLimitHandler>());
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

    /// <summary>Counts a newly opened circuit; returns the person's oldest circuits that no longer fit, already uncounted.</summary>
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

            var dropped = open.GetRange(0, excess);
            open.RemoveRange(0, excess);
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
/// why in place of the page and disconnects, so nothing on the old page acts any more.
/// </summary>
public sealed class CircuitEviction
{
    private volatile bool _evicted;

    public bool IsEvicted => _evicted;

    /// <summary>Raised on the thread of the circuit that caused the drop: listeners marshal to their own circuit.</summary>
    public event Action? Evicted;

    public void Evict()
    {
        _evicted = true;
        Evicted?.Invoke();
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

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_personId is { } personId)
        {
            open.Close(personId, eviction);
        }

        return Task.CompletedTask;
    }
}
