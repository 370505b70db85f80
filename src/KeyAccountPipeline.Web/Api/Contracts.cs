namespace KeyAccountPipeline.Web.Api;

// Request bodies. Every field is nullable so that a missing one is reported by the validator,
// by name, instead of failing deserialization.

public sealed record CreateDealRequest(
    string? Customer, string? Industry, string? Region, string? Title, string? ServiceLine, Guid? OwnerId,
    decimal? AnnualValue, DateOnly? TargetCloseDate, DateOnly? StartedOn, Guid? ActorId);

public sealed record UpdateDealRequest(
    string? Title, string? ServiceLine, decimal? AnnualValue, DateOnly? TargetCloseDate, DateOnly? StartedOn, int? Version, Guid? ActorId);

public sealed record EvidenceRequest(string? Kind, string? Detail);

public sealed record CheckpointRequest(
    string? Factor, int? Level, string? Note, EvidenceRequest? Evidence, DateTimeOffset? OccurredAt, Guid? ActorId, int? Version);

public sealed record ActivityRequest(string? Kind, string? Summary, DateTimeOffset? OccurredAt, Guid? ActorId);

public sealed record StakeholderRequest(
    string? Name, string? Title, string? Department, string? Role, string? Goal, string? VetoStatus, Guid? ActorId);

public sealed record CloseRequest(string? Outcome, string? Reason, string? Note, int? Version, Guid? ActorId);

/// <summary>Hold, resume and reopen: a reason (or note) and the version the caller read.</summary>
public sealed record StatusRequest(string? Reason, string? Note, int? Version, Guid? ActorId)
{
    public string? Text => string.IsNullOrWhiteSpace(Reason) ? Note : Reason;
}
