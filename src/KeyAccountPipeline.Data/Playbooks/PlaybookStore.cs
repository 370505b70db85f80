using System.Text.Json;
using System.Text.Json.Serialization;
using KeyAccountPipeline.Domain.Playbooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyAccountPipeline.Data.Playbooks;

/// <summary>
/// The current playbook, read once from the database and kept in memory: the board needs it
/// for every card and it changes only when an admin saves a new version.
/// </summary>
public sealed class PlaybookStore(IDbContextFactory<PipelineDbContext> contexts, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private Playbook? _current;

    public async Task<Playbook> CurrentAsync(CancellationToken cancellationToken = default)
    {
        if (_current is { } cached)
        {
            return cached;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Playbooks.AsNoTracking().OrderByDescending(p => p.Version).FirstOrDefaultAsync(cancellationToken);
        _current = record is null ? DefaultPlaybook.Create() : Deserialize(record.Document);
        return _current;
    }

    /// <summary>Stores METHOD.md's playbook as version 1 when the database has none.</summary>
    public async Task EnsureDefaultAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Playbooks.AnyAsync(cancellationToken))
        {
            var playbook = DefaultPlaybook.Create();
            db.Playbooks.Add(new PlaybookRecord { Version = playbook.Version, Document = Serialize(playbook), CreatedAt = time.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
        }

        _current = null;
    }

    public static string Serialize(Playbook playbook) => JsonSerializer.Serialize(playbook, Json);

    public static Playbook Deserialize(string document) =>
        JsonSerializer.Deserialize<Playbook>(document, Json) ?? throw new InvalidDataException("The stored playbook is empty.");
}

internal sealed class PlaybookRecordConfiguration : IEntityTypeConfiguration<PlaybookRecord>
{
    public void Configure(EntityTypeBuilder<PlaybookRecord> builder)
    {
        builder.ToTable("Playbooks");
        builder.HasKey(p => p.Version);
        builder.Property(p => p.Version).ValueGeneratedNever();
    }
}
