using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyAccountPipeline.Data.Configurations;

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
