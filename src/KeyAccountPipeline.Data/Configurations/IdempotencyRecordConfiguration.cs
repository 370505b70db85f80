using KeyAccountPipeline.Data.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyAccountPipeline.Data.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotencyRecords");
        builder.Property(r => r.Key).HasMaxLength(IdempotencyRecord.KeyLength);
        builder.Property(r => r.Fingerprint).HasMaxLength(IdempotencyRecord.FingerprintLength);
        builder.Property(r => r.ContentType).HasMaxLength(IdempotencyRecord.ContentTypeLength);
        builder.Property(r => r.Location).HasMaxLength(IdempotencyRecord.LocationLength);
        builder.Property(r => r.Lease).IsConcurrencyToken();
        // Keys are per person: two people may pick the same key.
        builder.HasIndex(r => new { r.PersonId, r.Key }).IsUnique();
        // The purge deletes by age.
        builder.HasIndex(r => r.CreatedAt);
    }
}
