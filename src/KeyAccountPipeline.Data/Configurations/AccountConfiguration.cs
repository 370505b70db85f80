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
    }
}
