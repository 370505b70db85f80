using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyAccountPipeline.Data.Configurations;

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
