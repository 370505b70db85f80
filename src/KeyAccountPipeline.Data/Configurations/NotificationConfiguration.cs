using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyAccountPipeline.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.Kind).IsEnumText();
        builder.Property(n => n.DedupeKey).HasMaxLength(200);
        // The same event, or the same person's digest of the same week, is recorded once however many instances try.
        builder.HasIndex(n => n.DedupeKey).IsUnique();
        builder.HasOne<Person>().WithMany().HasForeignKey(n => n.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Deal>().WithMany().HasForeignKey(n => n.DealId).OnDelete(DeleteBehavior.Restrict);
        // The bell: a person's newest, and their unread count.
        builder.HasIndex(n => new { n.PersonId, n.OccurredAt });
        builder.HasIndex(n => new { n.PersonId, n.ReadAt });
        // The outbox: what waits to be planned.
        builder.HasIndex(n => n.PlannedAt);
    }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> builder)
    {
        builder.ToTable("Deliveries");
        builder.Property(d => d.Channel).IsEnumText();
        builder.Property(d => d.Status).IsEnumText();
        builder.Property(d => d.Address).HasMaxLength(Limits.Email);
        builder.Property(d => d.LeaseOwner).HasMaxLength(200);
        builder.Property(d => d.LastError).HasMaxLength(2000);
        builder.HasOne(d => d.Notification).WithMany().HasForeignKey(d => d.NotificationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Restrict);
        // Planning twice writes each delivery once.
        builder.HasIndex(d => new { d.NotificationId, d.Channel, d.ChannelId }).IsUnique();
        // The sender's claim: pending rows whose time has come.
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => d.CreatedAt);
    }
}

internal sealed class ChannelRecordConfiguration : IEntityTypeConfiguration<ChannelRecord>
{
    public void Configure(EntityTypeBuilder<ChannelRecord> builder)
    {
        builder.ToTable("Channels");
        builder.Property(c => c.Kind).IsEnumText();
        builder.Property(c => c.Name).HasMaxLength(Limits.Name);
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}

internal sealed class NotificationSettingsConfiguration : IEntityTypeConfiguration<NotificationSettingsRecord>
{
    public void Configure(EntityTypeBuilder<NotificationSettingsRecord> builder)
    {
        builder.ToTable("NotificationSettings");
        builder.HasKey(s => s.PersonId);
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
