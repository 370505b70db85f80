using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Data;

/// <summary>
/// Gives rows without text keys their keys (<see cref="KeyAccountPipeline.Domain.TextKey"/>). SQL cannot run the fold,
/// so the migration that adds the key columns leaves them empty and this fills them at start-up, after migrating.
/// A later change to the fold empties the keys in a migration and lets this recompute them. Reads only the rows
/// whose key is empty while their text is not, so it costs one query per table when there is nothing to do.
/// </summary>
public static class TextKeyBackfill
{
    /// <summary>Fills the missing keys in one transaction; answers how many rows it changed.</summary>
    public static async Task<int> RunAsync(PipelineDbContext db, CancellationToken cancellationToken = default)
    {
        var accounts = await db.Accounts
            .Where(a => (a.NameKey == "" && a.Name != "") || (a.IndustryKey == "" && a.Industry != ""))
            .ToListAsync(cancellationToken);
        accounts.ForEach(a => a.RefreshTextKeys());
        var people = await db.People.Where(p => p.NameKey == "" && p.Name != "").ToListAsync(cancellationToken);
        people.ForEach(p => p.RefreshTextKeys());
        var deals = await db.Deals.Where(d => d.TitleKey == "" && d.Title != "").ToListAsync(cancellationToken);
        deals.ForEach(d => d.RefreshTextKeys());
        await db.SaveChangesAsync(cancellationToken);
        return accounts.Count + people.Count + deals.Count;
    }
}
