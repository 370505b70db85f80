using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyAccountPipeline.Data.Configurations;

internal sealed class ReviewAttendeeConfiguration : IEntityTypeConfiguration<ReviewAttendee>
{
    public void Configure(EntityTypeBuilder<ReviewAttendee> builder)
    {
        builder.ToTable("ReviewAttendees");
        builder.HasKey(a => new { a.ReviewId, a.PersonId });
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
