using KeyAccountPipeline.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Data.People;

public sealed record PersonView(Guid Id, string Name, string Email, Role Role, bool Active);

/// <summary>A person with their sign-in's state, for the admin's user list; <see cref="LockedOutUntil"/> only while a lockout runs.</summary>
public sealed record UserView(Guid Id, string Name, string Email, Role Role, bool Active, bool HasSignIn, DateTimeOffset? LockedOutUntil)
{
    /// <summary>A person just created with a sign-in: active, never locked out.</summary>
    public static UserView New(Person person) => new(person.Id, person.Name, person.Email, person.Role, person.Active, HasSignIn: true, LockedOutUntil: null);
}

public sealed record AccountView(Guid Id, string Name, string Industry, string Region, int Deals);

/// <summary>People and customer accounts, for pickers and filters.</summary>
public sealed class PeopleQueries(IDbContextFactory<PipelineDbContext> contexts)
{
    public async Task<IReadOnlyList<PersonView>> PeopleAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.People.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new PersonView(p.Id, p.Name, p.Email, p.Role, p.Active))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The people a deal list can be filtered by owner: everyone active, and of the disabled only those in
    /// <paramref name="owners"/> (the owners of the deals in view, and the one a filter names), so a manager finds a
    /// disabled person's deals to hand them on. By name; <see cref="PersonView.Active"/> tells the two apart. Reads people
    /// only: the caller has the deals already (the board is read once per visit).
    /// </summary>
    public async Task<IReadOnlyList<PersonView>> OwnerChoicesAsync(IReadOnlyCollection<Guid> owners, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Views(db.People.AsNoTracking().Where(p => p.Active || owners.Contains(p.Id))).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Everyone, active or not, by name: what the shared board (<see cref="Deals.BoardSnapshot"/>) keeps, so each page picks its
    /// owner choices (<see cref="OwnerChoicesAsync"/>'s rule) without a query.
    /// </summary>
    public async Task<IReadOnlyList<PersonView>> EveryoneAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Views(db.People.AsNoTracking()).ToListAsync(cancellationToken);
    }

    private static IQueryable<PersonView> Views(IQueryable<Domain.People.Person> people) =>
        people.OrderBy(p => p.Name).Select(p => new PersonView(p.Id, p.Name, p.Email, p.Role, p.Active));

    public Task<IReadOnlyList<UserView>> UsersAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        UsersAsync(null, now, cancellationToken);

    public async Task<UserView?> UserAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        (await UsersAsync(id, now, cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<UserView>> UsersAsync(Guid? id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.People.AsNoTracking()
            .Where(p => id == null || p.Id == id)
            .OrderBy(p => p.Name)
            .Select(p => new
            {
                p.Id, p.Name, p.Email, p.Role, p.Active,
                User = db.Users.Where(u => u.Id == p.Id).Select(u => new { u.LockoutEnd }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        // A disabled person's sign-in is locked for good; that shows as "disabled", not as a lockout with an end.
        return rows.Select(r => new UserView(r.Id, r.Name, r.Email, r.Role, r.Active, r.User is not null,
                r.Active && r.User?.LockoutEnd is { } end && end > now ? end : null))
            .ToList();
    }

    public async Task<IReadOnlyList<AccountView>> AccountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Accounts.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new AccountView(a.Id, a.Name, a.Industry, a.Region, db.Deals.Count(d => d.AccountId == a.Id)))
            .ToListAsync(cancellationToken);
    }
}
