using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyAccountPipeline.Data.Configurations;

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.Property(r => r.Note).HasMaxLength(Limits.Note);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.HeldById).OnDelete(DeleteBehavior.Restrict);
        // The latest review is the next one's default window start.
        builder.HasIndex(r => r.HeldOn);
        builder.HasMany(r => r.Attendees).WithOne().HasForeignKey(a => a.ReviewId);
        builder.HasMany(r => r.Notes).WithOne().HasForeignKey(n => n.ReviewId);
        builder.HasMany(r => r.ActionItems).WithOne().HasForeignKey(a => a.ReviewId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(r => r.Attendees).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(r => r.Notes).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(r => r.ActionItems).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
