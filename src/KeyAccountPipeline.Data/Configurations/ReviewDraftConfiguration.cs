using KeyAccountPipeline.Data.Reviews;
using KeyAccountPipeline.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyAccountPipeline.Data.Configurations;

internal sealed class ReviewDraftConfiguration : IEntityTypeConfiguration<ReviewDraftRecord>
{
    public void Configure(EntityTypeBuilder<ReviewDraftRecord> builder)
    {
        builder.ToTable("ReviewDrafts");
        // One draft per manager: the person is the key.
        builder.HasKey(d => d.PersonId);
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
