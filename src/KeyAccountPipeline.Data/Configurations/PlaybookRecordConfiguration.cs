using KeyAccountPipeline.Data.Playbooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyAccountPipeline.Data.Configurations;

internal sealed class PlaybookRecordConfiguration : IEntityTypeConfiguration<PlaybookRecord>
{
    public void Configure(EntityTypeBuilder<PlaybookRecord> builder)
    {
        builder.ToTable("Playbooks");
        builder.HasKey(p => p.Version);
        builder.Property(p => p.Version).ValueGeneratedNever();
    }
}
