using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Web.Api;
using KeyAccountPipeline.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>Marks notifications read: the ones named by <paramref name="Ids"/>, or every one of the caller's with <paramref name="All"/>.</summary>
public sealed record MarkReadRequest(IReadOnlyList<Guid>? Ids, bool? All);

/// <summary>What marking read did: how many were newly marked, and how many of the caller's stay unread (the bell's number).</summary>
public sealed record MarkReadAnswer(int Marked, int Unread);

internal sealed class MarkReadRequestValidator : AbstractValidator<MarkReadRequest>
{
    public MarkReadRequestValidator()
    {
        RuleFor(r => r.Ids).Must((r, ids) => r.All == true || ids is { Count: > 0 })
            .WithMessage("Name the notifications to mark read in 'ids', or send \"all\": true.");
        RuleFor(r => r.Ids).Must(ids => ids is null || ids.Count <= NotificationInbox.MaxIds)
            .WithMessage($"At most {NotificationInbox.MaxIds} ids at once; send \"all\": true to mark every one read.");
    }
}

/// <summary>
/// The caller's own notifications and settings (issue 17 §2, §4, §6); every endpoint is about the signed-in person, so
/// there is no id of another person to name. <c>GET /api/notifications?page=&amp;pageSize=&amp;unread=</c>,
/// <c>POST /api/notifications/read</c>, <c>GET/PUT /api/me/notification-settings</c>, <c>POST /api/me/email/confirmation</c>.
/// </summary>
internal static class InboxEndpoints
{
    public static IEndpointRouteBuilder MapNotificationInbox(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Notifications").RequireAuthorization(ApiPolicies.Member);
        api.MapGet("/notifications", ListAsync);
        api.MapPost("/notifications/read", async (MarkReadRequest request, ClaimsPrincipal user, NotificationInbox inbox, CancellationToken ct) =>
        {
            var (marked, unread) = await inbox.MarkReadAsync(user.RequireActor().Id, request.Ids ?? [], request.All == true, ct);
            return TypedResults.Ok(new MarkReadAnswer(marked, unread));
        }).Validate<MarkReadRequest>();
        api.MapGet("/me/notification-settings", async (ClaimsPrincipal user, NotificationPreferences preferences, CancellationToken ct) =>
            TypedResults.Ok(await preferences.GetAsync(user.RequireActor().Id, ct)));
        api.MapPut("/me/notification-settings", SaveSettingsAsync).Validate<NotificationSettingsRequest>();
        api.MapPost("/me/email/confirmation", async (ClaimsPrincipal user, EmailConfirmation confirmation, CancellationToken ct) =>
            TypedResults.Ok(await confirmation.SendAsync(user.RequireActor().Id, ct)));
        return app;
    }

    /// <summary><c>page</c> from 1 (default 1), <c>pageSize</c> 1 to 100 (default 20), <c>unread=true</c> for unread ones only.</summary>
    private static async Task<Results<Ok<NotificationsPage>, ValidationProblem>> ListAsync(
        string? page, string? pageSize, string? unread, ClaimsPrincipal user, NotificationInbox inbox, InboxViews views, CancellationToken ct)
    {
        if (!TryNumber(page, 1, 1, 100_000, out var number))
        {
            return Problems.Field("page", "'page' must be a whole number from 1.");
        }

        if (!TryNumber(pageSize, 20, 1, NotificationInbox.MaxPageSize, out var size))
        {
            return Problems.Field("pageSize", $"'pageSize' must be a whole number from 1 to {NotificationInbox.MaxPageSize}.");
        }

        var unreadOnly = false;
        if (unread is not null && !bool.TryParse(unread, out unreadOnly))
        {
            return Problems.Field("unread", "'unread' must be true or false.");
        }

        var found = await inbox.PageAsync(user.RequireActor().Id, (number - 1) * size, size, unreadOnly, ct);
        return TypedResults.Ok(new NotificationsPage(found.Unread, found.Total, number, size, views.Views(found.Items, CultureInfo.CurrentUICulture)));
    }

    private static async Task<Results<Ok<NotificationSettingsView>, ProblemHttpResult>> SaveSettingsAsync(
        NotificationSettingsRequest request, ClaimsPrincipal user, NotificationPreferences preferences, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await preferences.SaveAsync(user.RequireActor().Id, request, ct));
        }
        catch (NotificationSettingsConflictException conflict)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict.",
                detail: Domain.RuleTexts.NotificationSettingsChanged.For(CultureInfo.CurrentUICulture),
                extensions: new Dictionary<string, object?> { ["current"] = conflict.Current });
        }
    }

    private static bool TryNumber(string? text, int fallback, int min, int max, out int value)
    {
        value = fallback;
        return string.IsNullOrWhiteSpace(text)
            || (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }
}
