namespace KeyAccountPipeline.Domain.Deals;

public sealed record StakeholderDetails(
    string Name, string? Title, string? Department, StakeholderRole Role, string? Goal, VetoStatus? VetoStatus)
{
    /// <summary>Only veto holders carry a veto status; a new veto holder starts as not contacted.</summary>
    public StakeholderDetails Normalized() => this with
    {
        Name = Name.Trim(),
        Title = string.IsNullOrWhiteSpace(Title) ? null : Title.Trim(),
        Department = string.IsNullOrWhiteSpace(Department) ? null : Department.Trim(),
        Goal = string.IsNullOrWhiteSpace(Goal) ? null : Goal.Trim(),
        VetoStatus = Role == StakeholderRole.VetoHolder ? VetoStatus ?? Deals.VetoStatus.NotContacted : null,
    };
}

/// <summary>A person or department on the customer's side, on the deal's stakeholder map.</summary>
public sealed class Stakeholder
{
    private Stakeholder()
    {
        Name = string.Empty;
    }

    internal Stakeholder(Guid dealId, StakeholderDetails details)
    {
        Id = Guid.CreateVersion7();
        DealId = dealId;
        Name = string.Empty;
        Apply(details);
    }

    public Guid Id { get; private set; }

    public Guid DealId { get; private set; }

    public string Name { get; private set; }

    public string? Title { get; private set; }

    public string? Department { get; private set; }

    public StakeholderRole Role { get; private set; }

    public string? Goal { get; private set; }

    public VetoStatus? VetoStatus { get; private set; }

    public StakeholderDetails Details => new(Name, Title, Department, Role, Goal, VetoStatus);

    internal void Apply(StakeholderDetails details)
    {
        (Name, Title, Department, Role, Goal, VetoStatus) = details.Normalized();
    }
}
