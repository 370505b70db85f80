using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using Microsoft.EntityFrameworkCore;
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
        // A change is corrected at most once, even by two saves racing; readers look corrections up by the change they correct.
        builder.HasIndex(c => c.CorrectsChangeId).IsUnique();
    }
}
