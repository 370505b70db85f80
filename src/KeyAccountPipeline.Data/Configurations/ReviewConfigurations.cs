using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
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

internal sealed class ReviewAttendeeConfiguration : IEntityTypeConfiguration<ReviewAttendee>
{
    public void Configure(EntityTypeBuilder<ReviewAttendee> builder)
    {
        builder.ToTable("ReviewAttendees");
        builder.HasKey(a => new { a.ReviewId, a.PersonId });
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReviewDealNoteConfiguration : IEntityTypeConfiguration<ReviewDealNote>
{
    public void Configure(EntityTypeBuilder<ReviewDealNote> builder)
    {
        builder.ToTable("ReviewDealNotes");
        builder.HasKey(n => new { n.ReviewId, n.DealId });
        builder.Property(n => n.Note).HasMaxLength(Limits.Note);
        builder.HasOne<Deal>().WithMany().HasForeignKey(n => n.DealId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> builder)
    {
        builder.Property(a => a.Text).HasMaxLength(Limits.ActionText);
        builder.Ignore(a => a.IsOpen);
        builder.HasOne<Deal>().WithMany().HasForeignKey(a => a.DealId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
        // "My actions" and the deal page read open items by owner and by deal.
        builder.HasIndex(a => new { a.OwnerId, a.DoneAt });
        builder.HasIndex(a => new { a.DealId, a.DoneAt });
    }
}
