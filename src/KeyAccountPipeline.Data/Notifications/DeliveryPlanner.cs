using System.Text.Json;
using KeyAccountPipeline.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KeyAccountPipeline.Data.Notifications;

/// <summary>
/// The outbox's first step (issue 17 §5): turns notifications that wait to be planned (<see cref="Notification.PlannedAt"/>
/// null) into their <see cref="Delivery"/> rows, and marks them planned, in one transaction. Which rows:
/// <list type="bullet">
/// <item>email, when the person chose email for the kind (<see cref="NotificationPreferences"/>) and their sign-in's address is
/// confirmed (Identity's <c>EmailConfirmed</c>) — "confirm your email" goes to the address regardless, since it IS the
/// confirmation — and an admin enabled the SMTP channel (its <see cref="ChannelRecord"/> is the delivery's channel);</item>
/// <item>one per enabled group robot whose audience (everyone, or <see cref="ChannelRecord.PersonIds"/>) includes the person,
/// when the person chose that robot's platform for the kind.</item>
/// </list>
/// A disabled person gets none (the bell keeps the row). Several instances: on PostgreSQL the batch is claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so each notification is planned by one of them; on SQLite (one instance) the transaction
/// begins with <c>BEGIN IMMEDIATE</c>. The unique index on (notification, channel, robot) makes planning twice harmless.
/// </summary>
public sealed class DeliveryPlanner(
    IDbContextFactory<PipelineDbContext> contexts,
    NotificationPreferences preferences,
    TimeProvider time,
    ILogger<DeliveryPlanner> logger)
{
    /// <summary>Plans up to <paramref name="batchSize"/> waiting notifications, oldest first.</summary>
    /// <returns>How many notifications were planned (0: none waited, or another instance holds them).</returns>
    public async Task<int> PlanAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await (db.Database.ProviderName == PipelineDbContext.SqliteProvider
                ? db.Notifications.Where(n => n.PlannedAt == null).OrderBy(n => n.OccurredAt).Take(batchSize)
                : db.Notifications.FromSql($"""
                    SELECT * FROM "Notifications" WHERE "PlannedAt" IS NULL ORDER BY "OccurredAt" LIMIT {batchSize} FOR UPDATE SKIP LOCKED
                    """))
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var ids = batch.Select(n => n.Id).ToList();
        var personIds = batch.Select(n => n.PersonId).Distinct().ToList();
        var people = await (from p in db.People.AsNoTracking()
                            where personIds.Contains(p.Id)
                            join u in db.Users.AsNoTracking() on p.Id equals u.Id into users
                            from u in users.DefaultIfEmpty()
                            select new { p.Id, p.Active, Email = u == null ? null : u.Email, Confirmed = u != null && u.EmailConfirmed })
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var channels = await db.Channels.AsNoTracking().Where(c => c.Enabled).OrderBy(c => c.Name).ToListAsync(cancellationToken);
        var choices = await preferences.ForPeopleAsync(personIds, cancellationToken);
        // Rows an earlier, interrupted plan may have written: skipped, so planning again adds only what is missing.
        var existing = (await db.Deliveries.AsNoTracking().Where(d => ids.Contains(d.NotificationId))
                .Select(d => new { d.NotificationId, d.Channel, d.ChannelId }).ToListAsync(cancellationToken))
            .Select(d => (d.NotificationId, d.Channel, d.ChannelId)).ToHashSet();

        foreach (var notification in batch)
        {
            if (people.GetValueOrDefault(notification.PersonId) is { Active: true } person)
            {
                var chosen = choices[notification.PersonId].For(notification.Kind);
                foreach (var channel in channels.Where(c => chosen.Contains(c.Kind)))
                {
                    var address = channel.Kind == DeliveryChannel.Email ? EmailAddress(notification.Kind, person.Email, person.Confirmed) : null;
                    if ((channel.Kind == DeliveryChannel.Email ? address is not null : Includes(channel, notification.PersonId))
                        && existing.Add((notification.Id, channel.Kind, channel.Id)))
                    {
                        db.Deliveries.Add(new Delivery(notification.Id, notification.PersonId, channel.Kind, channel.Id, address, now));
                    }
                }
            }

            notification.MarkPlanned(now);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException error)
        {
            // Only a concurrent plan of the same notification gets here (a unique violation): nothing is lost, the
            // notifications stay unplanned, and the next round writes only the rows still missing.
            logger.LogInformation(error, "Planning {Count} notifications met rows written meanwhile; planning again", batch.Count);
            return 0;
        }

        return batch.Count;
    }

    /// <summary>The address email goes to: a confirmed one, or any for "confirm your email"; null for none.</summary>
    private static string? EmailAddress(NotificationKind kind, string? email, bool confirmed) =>
        string.IsNullOrWhiteSpace(email) ? null : confirmed || kind == NotificationKind.ConfirmEmail ? email : null;

    /// <summary>Whether a robot's audience includes the person; an unreadable list includes nobody (never a wrong group).</summary>
    private static bool Includes(ChannelRecord channel, Guid personId)
    {
        if (channel.Everyone)
        {
            return true;
        }

        try
        {
            return JsonSerializer.Deserialize<Guid[]>(channel.PersonIds)?.Contains(personId) == true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
