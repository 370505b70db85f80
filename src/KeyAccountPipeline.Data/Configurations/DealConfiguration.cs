using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
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
        // An import matches its rows to deals by the id the team's own workbook gives them (issue 16).
        builder.Property(d => d.ExternalId).HasMaxLength(Limits.ExternalId);
        builder.HasIndex(d => d.ExternalId);

        // The cached levels of decision 0001: one column group per factor (Need_Level, Need_ChangedAt, …), each on the deal's
        // property of the factor's name; a factor without such a property fails here, when the model is built.
        foreach (var factor in Factors.All)
        {
            builder.ComplexProperty<FactorState>(factor.ToString());
        }

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
