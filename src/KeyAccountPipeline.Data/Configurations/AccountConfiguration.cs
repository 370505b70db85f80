using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyAccountPipeline.Data.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(Limits.Name);
        builder.Property(a => a.Industry).HasMaxLength(Limits.Industry);
        builder.Property(a => a.Region).HasMaxLength(Limits.Region);
        builder.HasIndex(a => a.Name);
        builder.Property(a => a.NameKey).HasMaxLength(TextKey.MaxLength);
        builder.Property(a => a.IndustryKey).HasMaxLength(TextKey.MaxLength);
        // Not unique: rows written before keys existed may hold two spellings of one customer.
        builder.HasIndex(a => a.NameKey);
    }
}
