using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyAccountPipeline.Data.Identity;

/// <summary>
/// A person's sign-in: ASP.NET Core Identity's user, sharing the person's id. Name, role and whether
/// the person is active live on <see cref="Person"/>; this row holds only what Identity needs.
/// </summary>
public sealed class PipelineUser : IdentityUser<Guid>
{
    public static PipelineUser For(Person person) => new()
    {
        Id = person.Id,
        UserName = person.Email,
        Email = person.Email,
        EmailConfirmed = true,
        LockoutEnabled = true,
    };
}

internal sealed class PipelineUserConfiguration : IEntityTypeConfiguration<PipelineUser>
{
    public void Configure(EntityTypeBuilder<PipelineUser> builder)
    {
        builder.Property(u => u.UserName).HasMaxLength(Limits.Email);
        builder.Property(u => u.NormalizedUserName).HasMaxLength(Limits.Email);
        builder.Property(u => u.Email).HasMaxLength(Limits.Email);
        builder.Property(u => u.NormalizedEmail).HasMaxLength(Limits.Email);
        builder.HasOne<Person>().WithOne().HasForeignKey<PipelineUser>(u => u.Id).OnDelete(DeleteBehavior.Cascade);
    }
}
