using KeyAccountPipeline.Data.Imports;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyAccountPipeline.Data.Configurations;

internal sealed class ImportRecordConfiguration : IEntityTypeConfiguration<ImportRecord>
{
    public void Configure(EntityTypeBuilder<ImportRecord> builder)
    {
        builder.ToTable("Imports");
        builder.Property(i => i.FileName).HasMaxLength(Limits.FileName);
        builder.Property(i => i.Status).IsEnumText();
        builder.Ignore(i => i.Outcome);
        builder.HasOne<Person>().WithMany().HasForeignKey(i => i.ImportedById).OnDelete(DeleteBehavior.Restrict);
        // The page lists imports newest first.
        builder.HasIndex(i => i.UploadedAt);
    }
}
