using KeyAccountPipeline.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Data.Directory;

public sealed record PersonView(Guid Id, string Name, string Email, Role Role, bool Active);

public sealed record AccountView(Guid Id, string Name, string Industry, string Region, int Deals);

/// <summary>People and customer accounts, for pickers and filters.</summary>
public sealed class DirectoryQueries(IDbContextFactory<PipelineDbContext> contexts)
{
    public async Task<IReadOnlyList<PersonView>> PeopleAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.People.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new PersonView(p.Id, p.Name, p.Email, p.Role, p.Active))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AccountView>> AccountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Accounts.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new AccountView(a.Id, a.Name, a.Industry, a.Region, db.Deals.Count(d => d.AccountId == a.Id)))
            .ToListAsync(cancellationToken);
    }
}
