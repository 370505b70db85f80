using System.Text.Json;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyAccountPipeline.Data.Configurations;

internal sealed class CheckpointChangeConfiguration : IEntityTypeConfiguration<CheckpointChange>
{
    public void Configure(EntityTypeBuilder<CheckpointChange> builder)
    {
        builder.Property(c => c.Factor).IsEnumText();
        builder.Property(c => c.Note).HasMaxLength(Limits.Note);
        builder.Property(c => c.EvidenceKind).IsEnumText();
        builder.Property(c => c.EvidenceDetail).HasMaxLength(Limits.Detail);
        builder.Ignore(c => c.IsRegression);
        builder.HasIndex(c => new { c.DealId, c.OccurredAt });
        // A review reads what was recorded in its window, across all deals.
        builder.HasIndex(c => c.RecordedAt);
    }
}

internal sealed class DealEventConfiguration : IEntityTypeConfiguration<DealEvent>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<DealEvent> builder)
    {
        builder.Property(e => e.Kind).IsEnumText();
        builder.Property(e => e.Reason).IsEnumText();
        builder.Property(e => e.Note).HasMaxLength(Limits.Note);
        builder.Property(e => e.Changes)
            .HasConversion(
                changes => JsonSerializer.Serialize(changes, Json),
                text => JsonSerializer.Deserialize<List<FieldChange>>(text, Json) ?? new List<FieldChange>(),
                new ValueComparer<IReadOnlyList<FieldChange>>(
                    (a, b) => a!.SequenceEqual(b!),
                    c => c.Aggregate(0, (hash, change) => HashCode.Combine(hash, change.GetHashCode())),
                    c => c.ToList()));
        builder.HasIndex(e => new { e.DealId, e.OccurredAt });
        // A review reads the deals created, won and lost in its window, across all deals.
        builder.HasIndex(e => e.OccurredAt);
    }
}

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.Property(a => a.Kind).IsEnumText();
        builder.Property(a => a.Summary).HasMaxLength(Limits.Summary);
        // The board counts each deal's recent activities through this index.
        builder.HasIndex(a => new { a.DealId, a.OccurredAt });
    }
}

internal sealed class StakeholderConfiguration : IEntityTypeConfiguration<Stakeholder>
{
    public void Configure(EntityTypeBuilder<Stakeholder> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(Limits.Name);
        builder.Property(s => s.Title).HasMaxLength(Limits.Title);
        builder.Property(s => s.Department).HasMaxLength(Limits.Name);
        builder.Property(s => s.Goal).HasMaxLength(Limits.Goal);
        builder.Property(s => s.Role).IsEnumText();
        builder.Property(s => s.VetoStatus).IsEnumText();
        builder.Ignore(s => s.Details);
    }
}
