using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Api;

// Request bodies, shared by the API and the UI's forms so both run the same validator.
// Every field is nullable so that a missing one is reported by the validator, by name,
// instead of failing deserialization. The To… methods assume a validated request.

public sealed record CreateDealRequest(
    string? Customer, string? Industry, string? Region, string? Title, string? ServiceLine, Guid? OwnerId,
    decimal? AnnualValue, DateOnly? TargetCloseDate, DateOnly? StartedOn)
{
    public NewDeal ToNewDeal() => new(Customer!, Industry, Region, Title!, ApiEnum.Parse<Domain.Deals.ServiceLine>(ServiceLine),
        OwnerId, Money.Fen(AnnualValue!.Value), TargetCloseDate!.Value, StartedOn);
}

public sealed record UpdateDealRequest(
    string? Title, string? ServiceLine, decimal? AnnualValue, DateOnly? TargetCloseDate, DateOnly? StartedOn, int? Version)
{
    public DealDetails ToDetails() => new(Title!, ApiEnum.Parse<Domain.Deals.ServiceLine>(ServiceLine), Money.Fen(AnnualValue!.Value),
        TargetCloseDate!.Value, StartedOn!.Value);
}

public sealed record EvidenceRequest(string? Kind, string? Detail);

public sealed record CheckpointRequest(
    string? Factor, int? Level, string? Note, EvidenceRequest? Evidence, DateTimeOffset? OccurredAt, int? Version)
{
    public CheckpointInput ToInput() => new(
        ApiEnum.Parse<Factor>(Factor), Level!.Value, Note,
        Evidence is { } e ? new Evidence(ApiEnum.Parse<EvidenceKind>(e.Kind), e.Detail) : null,
        OccurredAt, Version!.Value);
}

public sealed record ActivityRequest(string? Kind, string? Summary, DateTimeOffset? OccurredAt)
{
    public ActivityInput ToInput() => new(ApiEnum.Parse<ActivityKind>(Kind), Summary!, OccurredAt);
}

public sealed record StakeholderRequest(
    string? Name, string? Title, string? Department, string? Role, string? Goal, string? VetoStatus)
{
    public StakeholderDetails ToDetails() =>
        new(Name!, Title, Department, ApiEnum.Parse<StakeholderRole>(Role), Goal, ApiEnum.ParseOptional<Domain.Deals.VetoStatus>(VetoStatus));
}

public sealed record CloseRequest(string? Outcome, string? Reason, string? Note, int? Version)
{
    public CloseOutcome ToOutcome() => ApiEnum.Parse<CloseOutcome>(Outcome);

    public CloseReason ToReason() => ApiEnum.Parse<CloseReason>(Reason);
}

/// <summary>Hold, resume and reopen: a reason (or note) and the version the caller read.</summary>
public sealed record StatusRequest(string? Reason, string? Note, int? Version)
{
    public string? Text => string.IsNullOrWhiteSpace(Reason) ? Note : Reason;
}

/// <summary>Reassigning a deal to another person (managers and admins).</summary>
public sealed record ReassignRequest(Guid? OwnerId, int? Version);

/// <summary>A manager's coaching note on a deal.</summary>
public sealed record CoachingNoteRequest(string? Text);

internal static class Money
{
    /// <summary>Yuan with at most two decimals (the validator checks) to integer fen.</summary>
    public static long Fen(decimal yuan) => (long)(yuan * 100m);
}
