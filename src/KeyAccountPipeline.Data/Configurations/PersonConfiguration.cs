using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyAccountPipeline.Data.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(Limits.Name);
        builder.Property(p => p.NameKey).HasMaxLength(TextKey.MaxLength);
        builder.Property(p => p.Email).HasMaxLength(Limits.Email);
        builder.HasIndex(p => p.Email).IsUnique();
        builder.Property(p => p.Role).IsEnumText();
        builder.Property(p => p.Language).HasMaxLength(Limits.EnumText).HasDefaultValue(Person.DefaultLanguage);
    }
}
