using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyAccountPipeline.Data.Configurations;

internal sealed class DealConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> builder)
    {
        builder.Property(d => d.Title).HasMaxLength(Limits.Title);
        builder.Property(d => d.TitleKey).HasMaxLength(TextKey.MaxLength);
        builder.Property(d => d.ServiceLine).IsEnumText();
        builder.Property(d => d.Status).IsEnumText();
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.HasOne(d => d.Account).WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(d => d.Owner).WithMany().HasForeignKey(d => d.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => d.Status);

        builder.ComplexProperty(d => d.Need);
        builder.ComplexProperty(d => d.Power);
        builder.ComplexProperty(d => d.Goal);
        builder.ComplexProperty(d => d.Value);
        builder.ComplexProperty(d => d.Collaboration);
        builder.ComplexProperty(d => d.LastRegression, r => r.Property(x => x.Factor).IsEnumText());

        builder.HasMany(d => d.Checkpoints).WithOne().HasForeignKey(c => c.DealId);
        builder.HasMany(d => d.Events).WithOne().HasForeignKey(e => e.DealId);
        builder.HasMany(d => d.Activities).WithOne().HasForeignKey(a => a.DealId);
        builder.HasMany(d => d.Stakeholders).WithOne().HasForeignKey(s => s.DealId);
        builder.Navigation(d => d.Checkpoints).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(d => d.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(d => d.Activities).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(d => d.Stakeholders).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
