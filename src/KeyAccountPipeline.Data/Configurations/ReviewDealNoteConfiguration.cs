using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyAccountPipeline.Data.Configurations;

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
