using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyAccountPipeline.Data.Playbooks;

/// <summary>
/// The playbook's versions. The current one is read once from the database and kept in memory: the
/// board needs it for every card and it changes only when an admin saves a new version. Older
/// versions are kept in memory once read too: they never change, and history shows each change
/// in the words of the version it was recorded under. A save on any app instance announces
/// <see cref="PipelineChange.Playbook"/>, and every instance forgets its current version on hearing it.
/// </summary>
public sealed class PlaybookStore
{
    /// <summary>How many deals a refusal names before it says "and N more".</summary>
    private const int DealsNamed = 10;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly int DefaultVersion = DefaultPlaybook.Create().Version;

    private readonly ConcurrentDictionary<int, Playbook> _versions = new();
    private readonly Lock _gate = new();
    private readonly IDbContextFactory<PipelineDbContext> _contexts;
    private readonly TimeProvider _time;
    private readonly PipelineChanges _changes;
    private Playbook? _current;

    /// <summary>Counts the times the current version was forgotten, so a read that started before cannot put it back.</summary>
    private int _forgotten;

    public PlaybookStore(IDbContextFactory<PipelineDbContext> contexts, TimeProvider time, PipelineChanges changes)
    {
        _contexts = contexts;
        _time = time;
        _changes = changes;
        changes.Changed += change =>
        {
            if (change.Kind is PipelineChangeKind.Playbook or PipelineChangeKind.Anything)
            {
                Forget();
            }
        };
    }

    public async Task<Playbook> CurrentAsync(CancellationToken cancellationToken = default)
    {
        int forgotten;
        lock (_gate)
        {
            if (_current is { } cached)
            {
                return cached;
            }

            forgotten = _forgotten;
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Playbooks.AsNoTracking().OrderByDescending(p => p.Version).FirstOrDefaultAsync(cancellationToken);
        var playbook = record is null ? DefaultPlaybook.Create() : Load(record.Version, record.Document);
        // Another instance saved while this read was on its way: serve what was read, keep nothing.
        return Remember(playbook, forgotten);
    }

    /// <summary>The playbook as it was saved under <paramref name="version"/>; <see cref="NotFoundException"/> when there is none.</summary>
    public async Task<Playbook> VersionAsync(int version, CancellationToken cancellationToken = default)
    {
        if (_versions.TryGetValue(version, out var cached))
        {
            return cached;
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var document = await db.Playbooks.AsNoTracking().Where(p => p.Version == version).Select(p => p.Document).SingleOrDefaultAsync(cancellationToken);
        var playbook = document is not null ? Load(version, document)
            // Before the default is stored, CurrentAsync serves METHOD.md's playbook under this version.
            : version == DefaultVersion ? DefaultPlaybook.Create()
            : throw new NotFoundException($"There is no playbook version {version}.");
        return _versions.GetOrAdd(version, playbook);
    }

    /// <summary>Every saved version, newest first, with its author's name.</summary>
    public async Task<IReadOnlyList<PlaybookVersionInfo>> VersionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Playbooks.AsNoTracking()
            .LeftJoin(db.People, p => p.CreatedById, person => (Guid?)person.Id,
                (p, person) => new { p.Version, p.CreatedAt, p.CreatedById, Name = person == null ? null : person.Name })
            .OrderByDescending(p => p.Version)
            .ToListAsync(cancellationToken);
        return rows
            .Select(r => new PlaybookVersionInfo(r.Version, r.CreatedAt, r.CreatedById is { } id ? new PersonRef(id, r.Name ?? string.Empty) : null))
            .ToList();
    }

    /// <summary>
    /// Saves <paramref name="edited"/> as the version after <paramref name="expectedVersion"/> and makes it
    /// the current one. Refused with <see cref="PlaybookConflictException"/> when <paramref name="expectedVersion"/>
    /// is no longer the current version (also when another admin saves the same version at the same moment),
    /// and with <see cref="PlaybookValidationException"/> when a rule is broken or a ladder would end
    /// below a level some deal stands on. Only an admin may save (<see cref="AccessDeniedException"/>), checked
    /// here so the API and the editor page are held to the same rule.
    /// </summary>
    public async Task<Playbook> SaveAsync(Playbook edited, int expectedVersion, Actor author, CancellationToken cancellationToken = default)
    {
        author.Ensure(author.MayEditPlaybook, new("只有管理员可以修改剧本。", "Only an admin can change the playbook."));
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var current = await LatestVersionAsync(db, cancellationToken);
        if (expectedVersion != current)
        {
            throw Conflict(current);
        }

        PlaybookRules.Validate(edited);
        var playbook = edited.Normalized() with { Version = current + 1 };
        await RefuseLaddersBelowDealsAsync(db, playbook, cancellationToken);

        db.Playbooks.Add(new PlaybookRecord
        {
            Version = playbook.Version,
            Document = Serialize(playbook),
            CreatedAt = _time.GetUtcNow(),
            CreatedById = author.Id,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two saves over the same version both passed the check above: the version's primary key
            // lets only the first insert through.
            await using var fresh = await _contexts.CreateDbContextAsync(cancellationToken);
            var now = await LatestVersionAsync(fresh, cancellationToken);
            if (now < playbook.Version)
            {
                throw;
            }

            throw Conflict(now);
        }

        _versions[playbook.Version] = playbook;
        Remember(playbook);
        await _changes.PublishAsync(PipelineChange.Playbook, CancellationToken.None);
        return playbook;
    }

    /// <summary>Stores METHOD.md's playbook as version 1 when the database has none.</summary>
    public async Task EnsureDefaultAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Playbooks.AnyAsync(cancellationToken))
        {
            var playbook = DefaultPlaybook.Create();
            db.Playbooks.Add(new PlaybookRecord { Version = playbook.Version, Document = Serialize(playbook), CreatedAt = _time.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
        }

        Forget();
        _versions.Clear();
    }

    /// <summary>The next <see cref="CurrentAsync"/> reads the database again.</summary>
    private void Forget()
    {
        lock (_gate)
        {
            _current = null;
            _forgotten++;
        }
    }

    public static string Serialize(Playbook playbook) => JsonSerializer.Serialize(playbook, Json);

    public static Playbook Deserialize(string document) =>
        JsonSerializer.Deserialize<Playbook>(document, Json) ?? throw new InvalidDataException("The stored playbook is empty.");

    private static Playbook Load(int version, string document) => Deserialize(document) with { Version = version };

    private static async Task<int> LatestVersionAsync(PipelineDbContext db, CancellationToken cancellationToken) =>
        await db.Playbooks.MaxAsync(p => (int?)p.Version, cancellationToken) ?? DefaultVersion;

    private static PlaybookConflictException Conflict(int current) => new(current, new(
        $"剧本已被他人修改，当前是第 {current} 版。请重新加载后再编辑。",
        $"The playbook was changed by someone else; version {current} is now the current one. Reload it and edit again."));

    /// <summary>Keeps the newest of the versions read or saved: a slow read must not replace a version saved meanwhile.</summary>
    private Playbook Remember(Playbook playbook, int? readAfterForgetting = null)
    {
        lock (_gate)
        {
            if (readAfterForgetting is { } forgotten && forgotten != _forgotten)
            {
                return playbook;
            }

            if (_current is null || _current.Version < playbook.Version)
            {
                _current = playbook;
            }

            return _current;
        }
    }

    /// <summary>
    /// A ladder may not end below a level a deal stands on, open or closed: its history and card would
    /// point at a checkpoint that no longer exists. The deal's owner lowers the level first.
    /// </summary>
    private static async Task RefuseLaddersBelowDealsAsync(PipelineDbContext db, Playbook playbook, CancellationToken cancellationToken)
    {
        var top = playbook.TopLevels;
        var deals = await db.Deals.AsNoTracking()
            .Where(d => d.Need.Level > top.Need || d.Power.Level > top.Power || d.Goal.Level > top.Goal
                || d.Value.Level > top.Value || d.Collaboration.Level > top.Collaboration)
            .OrderBy(d => d.Account!.Name).ThenBy(d => d.Title)
            .Select(d => new DealOnLadder(d.Account!.Name, d.Title,
                new Levels(d.Need.Level, d.Power.Level, d.Goal.Level, d.Value.Level, d.Collaboration.Level)))
            .ToListAsync(cancellationToken);
        if (deals.Count == 0)
        {
            return;
        }

        var errors = playbook.Factors
            .Select((factor, index) => (factor, index, above: deals.Where(d => d.Levels[factor.Key] > factor.MaxLevel).ToList()))
            .Where(x => x.above.Count > 0)
            .Select(x => AboveTheLadder(x.index, x.factor, x.above))
            .ToList();
        throw new PlaybookValidationException(errors);
    }

    private static FieldError AboveTheLadder(int index, FactorDefinition factor, List<DealOnLadder> deals)
    {
        var named = deals.Take(DealsNamed).Select(d => $"{d.Customer} · {d.Title}").ToList();
        var rest = deals.Count - named.Count;
        return new($"factors[{index}].levels", new(
            $"有 {deals.Count} 个商机在{factor.Name.Zh}上高于 {factor.MaxLevel} 级，阶梯不能止于 {factor.MaxLevel} 级：{string.Join("、", named)}{(rest > 0 ? $"，另有 {rest} 个" : "")}。",
            $"{deals.Count} {(deals.Count == 1 ? "deal stands" : "deals stand")} above {factor.Name.En} level {factor.MaxLevel}, so the ladder cannot end there: {string.Join("; ", named)}{(rest > 0 ? $"; and {rest} more" : "")}."));
    }

    private sealed record DealOnLadder(string Customer, string Title, Levels Levels);
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
