using KeyAccountPipeline.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Data.Notifications;

/// <summary>One delivery as the admin's log reads it, with its notification (rendered by the caller) and whom it is for.</summary>
/// <param name="ChannelName">The admin's name of the robot or SMTP server; null when that channel was removed.</param>
public sealed record DeliveryLogRow(Delivery Delivery, Notification Notification, string PersonName, string? ChannelName);

/// <summary>A page of the log: <see cref="Total"/> rows match the filter, <see cref="Items"/> are this page's, newest first.</summary>
public sealed record DeliveryLogPage(int Total, IReadOnlyList<DeliveryLogRow> Items);

/// <summary>The delivery log (issue 17 §5): what went, to whom, by which channel, and how it ended, for admins.</summary>
public sealed class DeliveryLog(IDbContextFactory<PipelineDbContext> contexts)
{
    /// <summary>The most rows one page holds.</summary>
    public const int MaxPageSize = 100;

    /// <summary>Rows of <paramref name="status"/> and <paramref name="channel"/> (null: any), newest first, from <paramref name="skip"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="take"/> is not 1 to <see cref="MaxPageSize"/>.</exception>
    public async Task<DeliveryLogPage> PageAsync(DeliveryStatus? status, DeliveryChannel? channel, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(take, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.Deliveries.AsNoTracking();
        if (status is { } s)
        {
            rows = rows.Where(d => d.Status == s);
        }

        if (channel is { } c)
        {
            rows = rows.Where(d => d.Channel == c);
        }

        var total = await rows.CountAsync(cancellationToken);
        // Ids are version-7 GUIDs, but their order is not the same on both providers: the creation instant orders, the id breaks ties.
        var items = await (from d in rows
                           join n in db.Notifications on d.NotificationId equals n.Id
                           join p in db.People on d.PersonId equals p.Id
                           join ch in db.Channels on d.ChannelId equals (Guid?)ch.Id into named
                           from ch in named.DefaultIfEmpty()
                           orderby d.CreatedAt descending, d.Id descending
                           select new { d, n, p.Name, Channel = ch == null ? null : ch.Name })
            .Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new DeliveryLogPage(total, [.. items.Select(i => new DeliveryLogRow(i.d, i.n, i.Name, i.Channel))]);
    }
}
