namespace KeyAccountPipeline.Domain.Deals;

public enum ServiceLine
{
    Warehousing,
    Distribution,
    Transport,
    ContractLogistics,
    Other,
}

public enum DealStatus
{
    Open,
    OnHold,
    Won,
    Lost,
}

public enum EvidenceKind
{
    Visit,
    Call,
    Email,
    Meeting,
    Document,
    Other,
}

public enum ActivityKind
{
    Visit,
    Call,
    Email,
    Meeting,
    Other,
}

public enum CloseOutcome
{
    Won,
    Lost,
}

public enum CloseReason
{
    Price,
    Capability,
    Relationship,
    Timing,
    Competitor,
    NoDecision,
    Other,
}

public enum StakeholderRole
{
    DecisionMaker,
    BusinessContact,
    VetoHolder,
    Influencer,
    Other,
}

public enum VetoStatus
{
    NotContacted,
    Contacted,
    Agreed,
    Opposed,
}

public enum DealEventKind
{
    Created,
    DetailsEdited,
    OwnerChanged,
    PutOnHold,
    Resumed,
    Won,
    Lost,
    Reopened,
    StakeholderAdded,
    StakeholderChanged,
    StakeholderRemoved,
    CoachingNote,

    /// <summary>Created or updated from an imported file; the note is the file's name (issue 16).</summary>
    Imported,
}
