using KeyAccountPipeline.Data.Idempotency;
using KeyAccountPipeline.Data.Identity;
using KeyAccountPipeline.Data.Imports;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Data.Reviews;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Reviews;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KeyAccountPipeline.Data;

/// <summary>
/// One context for both providers; each provider has its own migrations assembly
/// (KeyAccountPipeline.Data.Sqlite, KeyAccountPipeline.Data.Postgres). Identity's user tables live here
/// too (users, claims, logins, tokens; no role tables: a person's role is on <see cref="Person"/>), and so do
/// the Data Protection keys, so a cookie or token issued by one app instance is read by every other.
/// </summary>
public sealed class PipelineDbContext(DbContextOptions<PipelineDbContext> options)
    : IdentityUserContext<PipelineUser, Guid>(options), IDataProtectionKeyContext
{
    public const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    public DbSet<PlaybookRecord> Playbooks => Set<PlaybookRecord>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<Deal> Deals => Set<Deal>();

    public DbSet<CheckpointChange> CheckpointChanges => Set<CheckpointChange>();

    public DbSet<DealEvent> DealEvents => Set<DealEvent>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<Stakeholder> Stakeholders => Set<Stakeholder>();

    public DbSet<Review> Reviews => Set<Review>();

    public DbSet<ActionItem> ActionItems => Set<ActionItem>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();

    public DbSet<ReviewDraftRecord> ReviewDrafts => Set<ReviewDraftRecord>();

    public DbSet<ImportRecord> Imports => Set<ImportRecord>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<Delivery> Deliveries => Set<Delivery>();

    public DbSet<ChannelRecord> Channels => Set<ChannelRecord>();

    public DbSet<NotificationSettingsRecord> NotificationSettings => Set<NotificationSettingsRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.ProviderName == SqliteProvider)
        {
            // SQLite has no instant type; every instant is UTC, so the binary form keeps order
            // and lets comparisons and ORDER BY run in the database.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PipelineDbContext).Assembly);

        // Ids are made by the domain (Guid v7) before a row exists. Telling EF they are never
        // generated makes a new history row found on a tracked deal an insert, not an update.
        foreach (var key in modelBuilder.Model.GetEntityTypes().Select(t => t.FindPrimaryKey()).OfType<IMutableKey>())
        {
            foreach (var property in key.Properties.Where(p => p.ClrType == typeof(Guid)))
            {
                property.ValueGenerated = ValueGenerated.Never;
            }
        }
    }
}
