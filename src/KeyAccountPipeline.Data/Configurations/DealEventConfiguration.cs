using System.Text.Json;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyAccountPipeline.Data.Configurations;

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
