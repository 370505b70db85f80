namespace KeyAccountPipeline.Domain;

/// <summary>A broken rule caused by the input: answered as 400 naming <see cref="Field"/>.</summary>
public class DomainException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>A change the deal's current state does not allow (closed deal, stale version): answered as 409.</summary>
public class DealConflictException(Guid dealId, string message) : Exception(message)
{
    /// <summary>The deal whose current state the client should be shown.</summary>
    public Guid DealId { get; } = dealId;
}
