using System.Text.RegularExpressions;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Data.Notifications;

/// <summary>A claimed delivery with what rendering it needs: the notification and the language of the person it is for.</summary>
public sealed record ClaimedDelivery(Delivery Delivery, Notification Notification, string Language);

/// <summary>What became of one attempt, as the outbox records it.</summary>
public enum AttemptResult
{
    Sent,
    Retry,
    Failed,
}

/// <summary>
/// The outbox's delivery rows (issue 17 §5; docs/decisions/0037-notifications-outbox.md): claiming due ones with a lease,
/// recording each attempt, handing leases back, and an admin's resend. A lease is a <see cref="Delivery.LeaseOwner"/> token
/// (one per claim) and a <see cref="Delivery.LeaseUntil"/> instant; every write after the claim is guarded by the token,
/// so an instance whose lease expired and was taken over cannot overwrite the new owner's result.
/// </summary>
public sealed partial class DeliveryOutbox(IDbContextFactory<PipelineDbContext> contexts)
{
    /// <summary>The longest <see cref="Delivery.LastError"/> kept (the column holds 2,000).</summary>
    public const int ErrorLength = 500;

    /// <summary>
    /// Leases up to <paramref name="batchSize"/> due deliveries (pending, <see cref="Delivery.NextAttemptAt"/> reached, no lease
    /// or an expired one) to <paramref name="owner"/> until <paramref name="until"/>, and loads them. PostgreSQL: one
    /// <c>UPDATE … WHERE "Id" IN (SELECT … FOR UPDATE SKIP LOCKED)</c>, so instances claiming at once take disjoint rows
    /// without waiting for each other. SQLite (one instance): one guarded <c>UPDATE</c>, atomic under the database's write lock.
    /// </summary>
    /// <param name="owner">A token unique to this claim (the instance's name and a random part), at most 200 characters.</param>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset until, int batchSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        now = now.ToUniversalTime();
        until = until.ToUniversalTime();
        if (db.Database.ProviderName == PipelineDbContext.SqliteProvider)
        {
            var due = db.Deliveries.Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now));
            await due.Where(d => due.OrderBy(x => x.NextAttemptAt).Take(batchSize).Select(x => x.Id).Contains(d.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseOwner, owner).SetProperty(d => d.LeaseUntil, until), cancellationToken);
        }
        else
        {
            var pending = nameof(DeliveryStatus.Pending);
            await db.Database.ExecuteSqlAsync($"""
                UPDATE "Deliveries" SET "LeaseOwner" = {owner}, "LeaseUntil" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM "Deliveries"
                    WHERE "Status" = {pending} AND "NextAttemptAt" <= {now} AND ("LeaseUntil" IS NULL OR "LeaseUntil" < {now})
                    ORDER BY "NextAttemptAt" LIMIT {batchSize}
                    FOR UPDATE SKIP LOCKED)
                """, cancellationToken);
        }

        var claimed = await db.Deliveries.AsNoTracking().Include(d => d.Notification)
            .Where(d => d.LeaseOwner == owner && d.Status == DeliveryStatus.Pending)
            .OrderBy(d => d.NextAttemptAt).ToListAsync(cancellationToken);
        var personIds = claimed.Select(d => d.PersonId).Distinct().ToList();
        var languages = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Language, cancellationToken);
        return [.. claimed.Select(d => new ClaimedDelivery(d, d.Notification!, languages.GetValueOrDefault(d.PersonId) ?? Person.DefaultLanguage))];
    }

    /// <summary>
    /// Records one attempt of a delivery <paramref name="owner"/> holds: sent; or counted and due again at
    /// <paramref name="retryAt"/>; or failed for good. Either way the lease is handed back.
    /// </summary>
    /// <returns>False when the lease was no longer <paramref name="owner"/>'s (it expired and another instance took the row).</returns>
    public async Task<bool> RecordAsync(Guid id, string owner, AttemptResult result, string? error, DateTimeOffset now, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = db.Deliveries.Where(d => d.Id == id && d.LeaseOwner == owner && d.Status == DeliveryStatus.Pending);
        var kept = error is null ? null : SafeError(error);
        var status = result switch
        {
            AttemptResult.Sent => DeliveryStatus.Sent,
            AttemptResult.Failed => DeliveryStatus.Failed,
            _ => DeliveryStatus.Pending,
        };
        DateTimeOffset? sentAt = result == AttemptResult.Sent ? now.ToUniversalTime() : null;
        var next = result == AttemptResult.Retry ? retryAt.ToUniversalTime() : now.ToUniversalTime();
        return await mine.ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, status)
            .SetProperty(d => d.Attempts, d => d.Attempts + 1)
            .SetProperty(d => d.SentAt, sentAt)
            .SetProperty(d => d.NextAttemptAt, next)
            .SetProperty(d => d.LastError, kept)
            .SetProperty(d => d.LeaseOwner, (string?)null)
            .SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null), cancellationToken) == 1;
    }

    /// <summary>Hands back the leases of <paramref name="owner"/>'s deliveries not yet tried (the instance is stopping), so another takes them at once.</summary>
    public async Task<int> ReleaseAsync(string owner, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Deliveries.Where(d => d.LeaseOwner == owner && d.Status == DeliveryStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseOwner, (string?)null).SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>
    /// An admin's resend: a failed (or sent) delivery goes back to pending, due now, its attempts counted from zero and its
    /// last error cleared.
    /// </summary>
    /// <exception cref="AccessDeniedException"><paramref name="actor"/> is not an admin.</exception>
    /// <exception cref="NotFoundException">No delivery has this id.</exception>
    /// <exception cref="DomainException">It is still pending (field "id"): it will be tried anyway, and a second copy would double it.</exception>
    public async Task ResendAsync(Guid id, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        actor.Ensure(actor.Role == Role.Admin, RuleTexts.OnlyAdminsResend);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One guarded UPDATE: two admins pressing Resend at once, or a resend racing the sender, requeue it once.
        var requeued = await db.Deliveries.Where(d => d.Id == id && d.Status != DeliveryStatus.Pending).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, DeliveryStatus.Pending)
            .SetProperty(d => d.Attempts, 0)
            .SetProperty(d => d.NextAttemptAt, now.ToUniversalTime())
            .SetProperty(d => d.SentAt, (DateTimeOffset?)null)
            .SetProperty(d => d.LastError, (string?)null)
            .SetProperty(d => d.LeaseOwner, (string?)null)
            .SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
        if (requeued == 0)
        {
            throw await db.Deliveries.AnyAsync(d => d.Id == id, cancellationToken)
                ? new DomainException("id", RuleTexts.DeliveryStillPending)
                : new NotFoundException($"There is no delivery {id}.");
        }
    }

    /// <summary>
    /// An error as it may be kept and shown to an admin: web addresses (a robot's webhook carries its access token in the
    /// query) replaced by "[address]", control characters by spaces, at most <see cref="ErrorLength"/> characters.
    /// </summary>
    public static string SafeError(string error)
    {
        var text = Address().Replace(error, "[address]");
        text = new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        return text.Length <= ErrorLength ? text : text[..(ErrorLength - 1)] + "…";
    }

    [GeneratedRegex(@"\b(?:https?|wss?|smtps?)://\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Address();
}
