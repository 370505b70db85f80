using System.Globalization;
using System.Security.Claims;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Api;
using KeyAccountPipeline.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>One delivery as the delivery log shows it (<c>GET /api/deliveries</c>, the admin's "Delivery log" page).</summary>
/// <param name="What">The notification's subject in the reader's language (its kind's name when it cannot be rendered).</param>
/// <param name="ChannelName">The admin's name of the robot or SMTP server; null when that channel was removed since.</param>
/// <param name="Address">The email address it went to; null for a robot.</param>
/// <param name="Attempts">Attempts made (0 before the first, and after a resend).</param>
/// <param name="LastError">The channel's last complaint (no addresses or secrets), while retrying or after failing.</param>
/// <param name="NextAttemptAt">UTC: when a pending delivery is tried next.</param>
public sealed record DeliveryView(
    Guid Id, Guid NotificationId, NotificationKind Kind, string What, Guid? DealId, Guid PersonId, string PersonName,
    DeliveryChannel Channel, string? ChannelName, string? Address, DeliveryStatus Status, int Attempts, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt);

/// <summary>A page of the delivery log, newest first: <see cref="Total"/> deliveries match the filter.</summary>
public sealed record DeliveriesPage(int Total, int Page, int PageSize, IReadOnlyList<DeliveryView> Items);

/// <summary>
/// The delivery log's one way in for the page and the API: a page of rows as views, and an admin's resend (which wakes
/// this instance's dispatcher so the message goes at once).
/// </summary>
public sealed class DeliveryAdmin(DeliveryLog log, DeliveryOutbox outbox, DeliveryDispatcher dispatcher, InboxViews views, TimeProvider time)
{
    /// <summary>Page <paramref name="page"/> (from 1) of <paramref name="pageSize"/> rows, the "what" in <paramref name="culture"/>.</summary>
    public async Task<DeliveriesPage> PageAsync(DeliveryStatus? status, DeliveryChannel? channel, int page, int pageSize, CultureInfo culture, CancellationToken cancellationToken)
    {
        var found = await log.PageAsync(status, channel, (page - 1) * pageSize, pageSize, cancellationToken);
        return new DeliveriesPage(found.Total, page, pageSize, [.. found.Items.Select(row => View(row, culture))]);
    }

    /// <summary>Puts a failed or sent delivery back in the queue, due now (<see cref="DeliveryOutbox.ResendAsync"/> names what it refuses).</summary>
    public async Task ResendAsync(Guid id, Actor actor, CancellationToken cancellationToken)
    {
        await outbox.ResendAsync(id, actor, time.GetUtcNow(), cancellationToken);
        dispatcher.Wake();
    }

    private DeliveryView View(DeliveryLogRow row, CultureInfo culture)
    {
        var d = row.Delivery;
        return new DeliveryView(d.Id, d.NotificationId, row.Notification.Kind, views.View(row.Notification, culture).Subject, row.Notification.DealId,
            d.PersonId, row.PersonName, d.Channel, row.ChannelName, d.Address, d.Status, d.Attempts, d.LastError, d.CreatedAt, d.NextAttemptAt, d.SentAt);
    }
}

/// <summary>
/// The delivery log for admins (issue 17 §5, §6): <c>GET /api/deliveries?status=&amp;channel=&amp;page=&amp;pageSize=</c> and
/// <c>POST /api/deliveries/{id}/resend</c>.
/// </summary>
internal static class DeliveryEndpoints
{
    public static IEndpointRouteBuilder MapDeliveryEndpoints(this IEndpointRouteBuilder app)
    {
        var deliveries = app.MapGroup("/api/deliveries").WithTags("Deliveries").RequireAuthorization(ApiPolicies.Admin);
        deliveries.MapGet("/", ListAsync);
        // 204: requeued and committed; 400 (field "id") while it is still pending; 404 for an unknown id.
        deliveries.MapPost("/{id:guid}/resend", async (Guid id, ClaimsPrincipal user, DeliveryAdmin admin, CancellationToken ct) =>
        {
            await admin.ResendAsync(id, user.RequireActor(), ct);
            return TypedResults.NoContent();
        }).ProducesValidationProblem();
        return app;
    }

    /// <summary>
    /// <c>status</c> and <c>channel</c> by their camelCase names (absent: any), <c>page</c> from 1 (default 1), <c>pageSize</c>
    /// 1 to 100 (default 50); a bad one answers 400 naming it.
    /// </summary>
    private static async Task<Results<Ok<DeliveriesPage>, ValidationProblem>> ListAsync(
        string? status, string? channel, string? page, string? pageSize, DeliveryAdmin admin, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var statusFilter = Enum<DeliveryStatus>(status, "status", errors);
        var channelFilter = Enum<DeliveryChannel>(channel, "channel", errors);
        var number = Whole(page, "page", 1, 1, 100_000, errors);
        var size = Whole(pageSize, "pageSize", 50, 1, DeliveryLog.MaxPageSize, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        return TypedResults.Ok(await admin.PageAsync(statusFilter, channelFilter, number, size, CultureInfo.CurrentUICulture, ct));
    }

    private static T? Enum<T>(string? text, string field, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (ApiEnum.TryParse<T>(text, out var value))
        {
            return value;
        }

        errors[field] = [$"'{field}' must be one of: {ApiEnum.Names<T>()}."];
        return null;
    }

    private static int Whole(string? text, string field, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[field] = [string.Create(CultureInfo.InvariantCulture, $"'{field}' must be a whole number from {min} to {max}.")];
        return fallback;
    }
}
