using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Serialization;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Data.Playbooks;

/// <summary>
/// The playbook's versions in the database: each version is one <see cref="PlaybookRecord"/> holding the playbook
/// as a JSON document, never overwritten. Reads go to the database every time; <see cref="PlaybookStore"/> keeps
/// what the board needs in memory, and <see cref="PlaybookService"/> decides whether a new version may be saved.
/// </summary>
public sealed class PlaybookRepository(IDbContextFactory<PipelineDbContext> contexts, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The version METHOD.md's playbook has before any version is stored.</summary>
    public static readonly int DefaultVersion = DefaultPlaybook.Create().Version;

    /// <summary>The newest stored version, or METHOD.md's playbook when none is stored yet.</summary>
    public async Task<Playbook> LatestAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Playbooks.AsNoTracking().OrderByDescending(p => p.Version).FirstOrDefaultAsync(cancellationToken);
        return record is null ? DefaultPlaybook.Create() : Load(record.Version, record.Document);
    }

    /// <summary>
    /// The playbook as it was saved under <paramref name="version"/>: METHOD.md's playbook for
    /// <see cref="DefaultVersion"/> before it is stored, null when there is no such version.
    /// </summary>
    public async Task<Playbook?> FindAsync(int version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var document = await db.Playbooks.AsNoTracking().Where(p => p.Version == version).Select(p => p.Document).SingleOrDefaultAsync(cancellationToken);
        return document is not null ? Load(version, document)
            : version == DefaultVersion ? DefaultPlaybook.Create()
            : null;
    }

    /// <summary>The newest stored version number; <see cref="DefaultVersion"/> when none is stored yet.</summary>
    public async Task<int> LatestVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Playbooks.MaxAsync(p => (int?)p.Version, cancellationToken) ?? DefaultVersion;
    }

    /// <summary>Every saved version, newest first, with its author's name.</summary>
    public async Task<IReadOnlyList<PlaybookVersionInfo>> VersionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
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
    /// Stores <paramref name="playbook"/> under its <see cref="Playbook.Version"/>. False when that version was
    /// stored meanwhile (two saves over the same version: the version's primary key lets only the first through);
    /// any other failure is thrown.
    /// </summary>
    public async Task<bool> AddAsync(Playbook playbook, Guid? authorId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Playbooks.Add(Record(playbook, authorId));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            if (await LatestVersionAsync(cancellationToken) < playbook.Version)
            {
                throw;
            }

            return false;
        }
    }

    /// <summary>Stores METHOD.md's playbook as version 1 when the database has none.</summary>
    public async Task EnsureDefaultAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Playbooks.AnyAsync(cancellationToken))
        {
            db.Playbooks.Add(Record(DefaultPlaybook.Create(), authorId: null));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// For each factor, the deals (open or closed) whose level is above <paramref name="top"/>'s, ordered by customer
    /// and title; factors without such a deal are left out. One query per factor: it runs only when a playbook is saved.
    /// </summary>
    public async Task<IReadOnlyDictionary<Factor, IReadOnlyList<DealAboveLadder>>> DealsAboveAsync(Levels top, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var above = new Dictionary<Factor, IReadOnlyList<DealAboveLadder>>();
        foreach (var factor in Factors.All)
        {
            var deals = await db.Deals.AsNoTracking()
                .Where(LevelAbove(factor, top[factor]))
                .OrderBy(d => d.Account!.Name).ThenBy(d => d.Title)
                .Select(d => new DealAboveLadder(d.Account!.Name, d.Title))
                .ToListAsync(cancellationToken);
            if (deals.Count > 0)
            {
                above[factor] = deals;
            }
        }

        return above;
    }

    /// <summary>
    /// <c>deal => deal.{factor}.Level &gt; top</c>: each factor's level is a complex property of <see cref="Deal"/> named
    /// as the factor (decision 0001's five cached level columns), so the filter is built rather than spelled out five times.
    /// </summary>
    private static Expression<Func<Deal, bool>> LevelAbove(Factor factor, int top)
    {
        var deal = Expression.Parameter(typeof(Deal), "deal");
        var level = Expression.Property(Expression.Property(deal, factor.ToString()), nameof(FactorState.Level));
        return Expression.Lambda<Func<Deal, bool>>(Expression.GreaterThan(level, Expression.Constant(top)), deal);
    }

    /// <summary>
    /// Whether <paramref name="a"/> and <paramref name="b"/> say the same, whatever their version numbers: compared as
    /// the JSON documents they are stored as (the records hold lists, which compare by reference).
    /// </summary>
    public static bool SameContent(Playbook a, Playbook b) =>
        JsonSerializer.Serialize(a with { Version = 0 }, Json) == JsonSerializer.Serialize(b with { Version = 0 }, Json);

    private PlaybookRecord Record(Playbook playbook, Guid? authorId) => new()
    {
        Version = playbook.Version,
        Document = JsonSerializer.Serialize(playbook, Json),
        CreatedAt = time.GetUtcNow(),
        CreatedById = authorId,
    };

    private static Playbook Load(int version, string document)
    {
        var playbook = JsonSerializer.Deserialize<Playbook>(document, Json) ?? throw new InvalidDataException("The stored playbook is empty.");
        return playbook with { Version = version };
    }
}

/// <summary>A deal standing above where an edited ladder would end: its customer's name and its title.</summary>
public sealed record DealAboveLadder(string Customer, string Title);
