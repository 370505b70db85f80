using System.Text.Json;
using KeyAccountPipeline.Data;
using KeyAccountPipeline.Data.Identity;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>What "send confirmation email" did: whether a message was written for the outbox, and the address's state.</summary>
/// <param name="Sent">True when a message was written now; false when the address is already confirmed or one was written this minute.</param>
public sealed record EmailConfirmationAnswer(string Email, bool EmailConfirmed, bool Sent);

/// <summary>
/// Email confirmation (issue 17 §4): a person asks for a confirmation message (<see cref="SendAsync"/>), which is a
/// <see cref="Notification"/> of kind <see cref="NotificationKind.ConfirmEmail"/> holding a link with Identity's
/// email-confirmation token (valid a day), for the outbox to deliver; opening the link confirms the address
/// (<see cref="ConfirmAsync"/>). Until then no other email goes to that address, and email cannot be chosen for an event.
/// One message per person per minute: a double click or a retry writes one (its DedupeKey names the minute).
/// </summary>
public sealed class EmailConfirmation(
    UserManager<PipelineUser> users, IDbContextFactory<PipelineDbContext> contexts, NotificationPublicUrl publicUrl, TimeProvider time,
    ILogger<EmailConfirmation> logger)
{
    /// <summary>The path of the link in the message (the page <c>ConfirmEmailPage</c>).</summary>
    public const string Path = "account/confirm-email";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <exception cref="NotFoundException">The person has no sign-in.</exception>
    public async Task<EmailConfirmationAnswer> SendAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(personId.ToString("D")) ?? throw new NotFoundException($"No sign-in for person {personId}.");
        var email = user.Email ?? string.Empty;
        if (user.EmailConfirmed)
        {
            return new EmailConfirmationAnswer(email, true, false);
        }

        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        var link = publicUrl.Link($"{Path}?user={personId:D}&token={Uri.EscapeDataString(token)}");
        var now = time.GetUtcNow();
        var facts = JsonSerializer.Serialize(new ConfirmEmailFacts(email, link.AbsoluteUri), Json);
        var key = $"confirmEmail:{personId:D}:{now.UtcDateTime:yyyy-MM-ddTHH:mm}";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Notifications.Add(new Notification(personId, NotificationKind.ConfirmEmail, null, personId, now, facts, key));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (await ExistsAsync(key, cancellationToken))
            {
                return new EmailConfirmationAnswer(email, false, false);
            }

            throw;
        }

        logger.LogInformation("Confirmation email for person {PersonId} written to the outbox", personId);
        return new EmailConfirmationAnswer(email, false, true);
    }

    /// <summary>Confirms the person's address with the link's token; false (nothing changed) for an unknown person or a bad or expired token.</summary>
    public async Task<(bool Confirmed, string? Email)> ConfirmAsync(string? userId, string? token)
    {
        if (!Guid.TryParse(userId, out var id) || string.IsNullOrWhiteSpace(token) || token.Length > 2000
            || await users.FindByIdAsync(id.ToString("D")) is not { } user)
        {
            return (false, null);
        }

        var result = await users.ConfirmEmailAsync(user, token);
        if (!result.Succeeded)
        {
            logger.LogInformation("Email confirmation for person {PersonId} refused: {Errors}", id, string.Join(", ", result.Errors.Select(e => e.Code)));
        }

        return (result.Succeeded, user.Email);
    }

    private async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.AnyAsync(n => n.DedupeKey == key, cancellationToken);
    }
}
