using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using KeyAccountPipeline.Data;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Texts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>
/// Reads and writes the admin's channels (<see cref="ChannelRecord"/>). The webhook URL, the signing secret and the SMTP
/// password are kept in <see cref="ChannelRecord.ProtectedSecrets"/>, protected with ASP.NET Core Data Protection (purpose
/// <see cref="Purpose"/>; the keys are in the database, so every instance reads them); they are shown back only masked
/// (<see cref="Mask"/>) and never logged. Singleton: a short context per operation.
/// </summary>
public sealed class ChannelStore(IDbContextFactory<PipelineDbContext> contexts, IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>The Data Protection purpose of the channels' secrets: changing it makes every stored secret unreadable.</summary>
    public const string Purpose = "KeyAccountPipeline.Notifications.ChannelSecrets.v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    /// <summary>Every channel, email first, then by name.</summary>
    public async Task<IReadOnlyList<ChannelView>> ListAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var records = await db.Channels.AsNoTracking().ToListAsync(ct);
        return [.. records.OrderBy(r => r.Kind).ThenBy(r => r.Name, StringComparer.CurrentCulture).Select(View)];
    }

    /// <exception cref="NotFoundException">No channel <paramref name="id"/>.</exception>
    public async Task<ChannelView> GetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return View(await db.Channels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw Missing(id));
    }

    /// <summary>Adds a channel from a validated request.</summary>
    /// <exception cref="ValidationException">A field only the stored state can judge: a second mail server, a missing webhook URL or secret, an unknown person.</exception>
    public async Task<ChannelView> CreateAsync(ChannelRequest request, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var record = new ChannelRecord(Guid.CreateVersion7(time.GetUtcNow()), request.ToKind(), request.Name!);
        // The request's own fields first: they are what the admin can fix in this form.
        await ApplyAsync(db, record, request, new ChannelSecrets(null, null, null), ct);
        if (record.Kind == DeliveryChannel.Email && await db.Channels.AnyAsync(c => c.Kind == DeliveryChannel.Email, ct))
        {
            throw Invalid("kind", Ui.OneMailServer);
        }

        db.Channels.Add(record);
        await db.SaveChangesAsync(ct);
        return View(record);
    }

    /// <summary>
    /// Changes channel <paramref name="id"/> if <see cref="ChannelRequest.Version"/> is its current version; an empty
    /// webhook URL, secret or password keeps the stored one.
    /// </summary>
    /// <returns>The saved channel, or (<c>Conflict</c> true) the current one when someone else changed it first.</returns>
    /// <exception cref="NotFoundException">No channel <paramref name="id"/>.</exception>
    /// <exception cref="ValidationException">The kind changed, or a required secret is neither sent nor stored.</exception>
    public async Task<(ChannelView Channel, bool Conflict)> UpdateAsync(Guid id, ChannelRequest request, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var record = await db.Channels.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw Missing(id);
        if (record.Version != request.Version)
        {
            return (View(record), true);
        }

        if (record.Kind != request.ToKind())
        {
            throw Invalid("kind", Ui.KindCannotChange);
        }

        await ApplyAsync(db, record, request, Unprotect(record), ct);
        record.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between the read and the write: theirs stands, and the admin sees it.
            return (await GetAsync(id, ct), true);
        }

        return (View(record), false);
    }

    /// <summary>
    /// What a sender needs for channel <paramref name="id"/>: its kind, settings and unprotected secrets; null when it does not
    /// exist or is disabled. The result holds secrets: never log it.
    /// </summary>
    public async Task<ChannelTarget?> TargetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var record = await db.Channels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.Enabled, ct);
        return record is null ? null : Target(record);
    }

    /// <summary>The enabled mail server, if one is configured (for an email delivery planned without a channel id).</summary>
    public async Task<ChannelTarget?> EmailTargetAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var record = await db.Channels.AsNoTracking().FirstOrDefaultAsync(c => c.Kind == DeliveryChannel.Email && c.Enabled, ct);
        return record is null ? null : Target(record);
    }

    /// <summary>
    /// A URL as it may be shown: scheme, host and path, except that every query value and every long path segment (a
    /// Feishu hook's token) is cut to "••••" and its last four characters.
    /// </summary>
    public static string Mask(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "••••";
        }

        var path = string.Join('/', uri.AbsolutePath.Split('/').Select(segment => segment.Length >= 16 ? Hide(segment) : segment));
        var query = uri.Query.Length <= 1 ? string.Empty
            : "?" + string.Join('&', uri.Query[1..].Split('&').Select(pair => pair.Split('=', 2) is [var name, var value] ? $"{name}={Hide(value)}" : pair));
        return $"{uri.Scheme}://{uri.Authority}{path}{query}";
    }

    private static string Hide(string value) => value.Length <= 4 ? "••••" : "••••" + value[^4..];

    private async Task ApplyAsync(PipelineDbContext db, ChannelRecord record, ChannelRequest request, ChannelSecrets stored, CancellationToken ct)
    {
        var people = request.Everyone == true ? [] : (request.PersonIds ?? []).Distinct().ToList();
        if (people.Count > 0 && await db.People.CountAsync(p => people.Contains(p.Id), ct) != people.Count)
        {
            throw Invalid("personIds", Ui.UnknownPeople);
        }

        ChannelSecrets secrets;
        if (record.Kind == DeliveryChannel.Email)
        {
            var account = Blank(request.Account);
            var password = Blank(request.Password) ?? stored.Password;
            // The stored password belongs to the stored account; with no account, nothing is kept.
            if (account is not null && password is null)
            {
                throw Invalid("password", Ui.PasswordRequiredForAccount);
            }

            secrets = new ChannelSecrets(null, null, account is null ? null : password);
            record.Settings = JsonSerializer.Serialize(new EmailSettings(request.Host!.Trim(), request.Port!.Value, request.ToTls(), account, request.Sender!.Trim()), Json);
        }
        else
        {
            secrets = new ChannelSecrets(Blank(request.WebhookUrl) ?? stored.WebhookUrl, Blank(request.Secret) ?? stored.Secret, null);
            if (secrets.WebhookUrl is null)
            {
                throw Invalid("webhookUrl", Ui.WebhookRequired);
            }

            if (record.Kind is DeliveryChannel.DingTalk or DeliveryChannel.Feishu && secrets.Secret is null)
            {
                throw Invalid("secret", Ui.SecretRequired);
            }

            record.Settings = "{}";
        }

        record.Name = request.Name!.Trim();
        record.Enabled = request.Enabled!.Value;
        record.Everyone = request.Everyone!.Value;
        record.PersonIds = JsonSerializer.Serialize(people, Json);
        record.ProtectedSecrets = _protector.Protect(JsonSerializer.Serialize(secrets, Json));
        record.UpdatedAt = time.GetUtcNow();
    }

    /// <summary>
    /// The stored secrets; none when they cannot be read (the Data Protection keys were lost or the value damaged): the
    /// list still answers, shows them as not stored so the admin enters them again, and a sender fails with that reason.
    /// </summary>
    private ChannelSecrets Unprotect(ChannelRecord record)
    {
        try
        {
            return string.IsNullOrEmpty(record.ProtectedSecrets)
                ? new ChannelSecrets(null, null, null)
                : JsonSerializer.Deserialize<ChannelSecrets>(_protector.Unprotect(record.ProtectedSecrets), Json)!;
        }
        catch (Exception error) when (error is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return new ChannelSecrets(null, null, null);
        }
    }

    private ChannelTarget Target(ChannelRecord record) => new(
        record.Id, record.Kind, record.Name,
        record.Kind == DeliveryChannel.Email ? JsonSerializer.Deserialize<EmailSettings>(record.Settings, Json) : null,
        Unprotect(record));

    private ChannelView View(ChannelRecord record)
    {
        var secrets = Unprotect(record);
        var email = record.Kind == DeliveryChannel.Email ? JsonSerializer.Deserialize<EmailSettings>(record.Settings, Json) : null;
        return new ChannelView(
            record.Id, record.Kind, record.Name, record.Enabled, record.Everyone,
            JsonSerializer.Deserialize<List<Guid>>(record.PersonIds, Json) ?? [],
            secrets.WebhookUrl is null ? null : Mask(secrets.WebhookUrl), secrets.Secret is not null,
            email?.Host, email?.Port, email?.Tls, email?.Account, secrets.Password is not null, email?.Sender,
            record.Version, record.UpdatedAt);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static NotFoundException Missing(Guid id) => new($"There is no channel {id}.");

    private static ValidationException Invalid(string field, Localized text) => new([new ValidationFailure(field, text.Current)]);
}

/// <summary>The mail server's settings that may be shown back (stored as JSON in <see cref="ChannelRecord.Settings"/>).</summary>
public sealed record EmailSettings(string Host, int Port, SmtpTls Tls, string? Account, string Sender);

/// <summary>What is stored protected: a robot's webhook URL and signing secret, or the SMTP password. Never logged.</summary>
public sealed record ChannelSecrets(string? WebhookUrl, string? Secret, string? Password)
{
    /// <summary>Nothing of the values: a record's default text would print them into a log.</summary>
    public override string ToString() => nameof(ChannelSecrets);
}

/// <summary>A channel as a sender uses it. Holds secrets: never log it.</summary>
public sealed record ChannelTarget(Guid Id, DeliveryChannel Kind, string Name, EmailSettings? Email, ChannelSecrets Secrets)
{
    public override string ToString() => $"{Kind} channel {Id}";
}
