using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Domain.People;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Data.Notifications;

/// <summary>
/// A person's notification settings as shown and saved (<c>GET/PUT /api/me/notification-settings</c>, the settings page).
/// </summary>
/// <param name="Choices">Every choosable kind's wire name ("dealRegressed") → the channels it reaches the person by, besides
/// the bell (which shows every kind).</param>
/// <param name="Language">"zh-CN" or "en-US": the language messages reach the person in.</param>
/// <param name="Email">The address email goes to.</param>
/// <param name="EmailConfirmed">Whether the person confirmed <paramref name="Email"/>; email goes only to a confirmed address.</param>
/// <param name="Version">0 until the person first saves (the defaults apply); send it back with a change.</param>
public sealed record NotificationSettingsView(
    IReadOnlyDictionary<string, IReadOnlyList<DeliveryChannel>> Choices, string Language, string Email, bool EmailConfirmed, int Version);

/// <summary>
/// A change of settings: <paramref name="Choices"/> names kinds and channels by their wire names ("dealRegressed" →
/// ["email", "weCom"]); kinds left out keep their current choice; <paramref name="Language"/> null keeps the language.
/// </summary>
/// <param name="Version">The <see cref="NotificationSettingsView.Version"/> read; an older one is a conflict.</param>
public sealed record NotificationSettingsRequest(IReadOnlyDictionary<string, IReadOnlyList<string>>? Choices, string? Language, int? Version);

/// <summary>The settings were saved by someone else since <see cref="NotificationSettingsRequest.Version"/>: answered 409 with <see cref="Current"/>.</summary>
public sealed class NotificationSettingsConflictException(NotificationSettingsView current) : Exception(RuleTexts.NotificationSettingsChanged.En)
{
    public NotificationSettingsView Current { get; } = current;
}

/// <summary>Names and shapes: unknown kinds or channels, "confirm your email" (not choosable), an unknown language.</summary>
public sealed class NotificationSettingsRequestValidator : AbstractValidator<NotificationSettingsRequest>
{
    /// <summary>The longest kind name echoed back in a field's name; a longer key is reported under "choices".</summary>
    private const int LongestEchoedKey = 64;

    public NotificationSettingsRequestValidator()
    {
        RuleFor(r => r.Version).NotNull().WithMessage("'version' is required: send the version you read (0 before the first save).")
            .GreaterThanOrEqualTo(0);
        RuleFor(r => r.Language).Must(l => l is null || NotificationPreferences.LanguageOf(l) is not null)
            .WithMessage($"'language' must be one of: {string.Join(", ", Person.Languages)}.");
        RuleFor(r => r.Choices).Custom((choices, context) =>
        {
            foreach (var (key, channels) in choices ?? new Dictionary<string, IReadOnlyList<string>>())
            {
                var field = key.Length <= LongestEchoedKey && key.All(c => !char.IsControl(c)) ? $"choices.{key}" : "choices";
                if (NotificationPreferences.KindOf(key) is not { } kind || !NotificationDefaults.Choosable.Contains(kind))
                {
                    context.AddFailure(new ValidationFailure(field,
                        $"'{Echo(key)}' is not an event you can choose; one of: {string.Join(", ", NotificationDefaults.Choosable.Select(NotificationPreferences.WireName))}."));
                    continue;
                }

                foreach (var channel in (channels ?? []).Where(c => NotificationPreferences.ChannelOf(c) is null))
                {
                    context.AddFailure(new ValidationFailure(field,
                        $"'{Echo(channel)}' is not a channel; one of: {string.Join(", ", Enum.GetValues<DeliveryChannel>().Select(NotificationPreferences.WireName))}."));
                }
            }
        });
    }

    private static string Echo(string? text) => text is null ? "null" : new string([.. text.Take(LongestEchoedKey).Where(c => !char.IsControl(c))]);
}

/// <summary>
/// Which events reach a person by which channel (issue 17 §4): their saved choice (<see cref="NotificationSettingsRecord"/>
/// JSON), or <see cref="NotificationDefaults"/> until they first save; plus the language messages reach them in
/// (<see cref="Person.Language"/>). The outbox asks <see cref="ChannelsForAsync"/> (or <see cref="ForPeopleAsync"/> for a
/// batch) when it plans deliveries; the settings page and <c>/api/me/notification-settings</c> read and save through here.
/// Choosing email for an event is refused while the person's address is unconfirmed (a default that already includes email
/// is kept: it was not chosen, and the outbox sends nothing to an unconfirmed address anyway).
/// </summary>
public sealed class NotificationPreferences(IDbContextFactory<PipelineDbContext> contexts, IValidator<NotificationSettingsRequest> rules)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The channels <paramref name="kind"/> reaches <paramref name="personId"/> by, besides the bell (empty: bell only).</summary>
    public async Task<IReadOnlySet<DeliveryChannel>> ChannelsForAsync(Guid personId, NotificationKind kind, CancellationToken cancellationToken = default) =>
        (await ForPeopleAsync([personId], cancellationToken))[personId].For(kind);

    /// <summary>Every named person's choices in one query (people who never saved get the defaults).</summary>
    public async Task<IReadOnlyDictionary<Guid, NotificationChoices>> ForPeopleAsync(IReadOnlyCollection<Guid> personIds, CancellationToken cancellationToken = default)
    {
        var ids = personIds.Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var saved = await db.NotificationSettings.AsNoTracking().Where(s => ids.Contains(s.PersonId))
            .ToDictionaryAsync(s => s.PersonId, s => s.Choices, cancellationToken);
        return ids.ToDictionary(id => id, id => saved.TryGetValue(id, out var json) ? NotificationChoices.FromJson(json) : NotificationChoices.Defaults);
    }

    /// <summary>The person's settings as the page and the API show them.</summary>
    /// <exception cref="NotFoundException">No such person.</exception>
    public async Task<NotificationSettingsView> GetAsync(Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ViewAsync(db, personId, cancellationToken);
    }

    /// <summary>
    /// Saves <paramref name="request"/> for the person: the kinds it names get exactly the channels it lists, the others keep
    /// theirs; the language goes on <see cref="Person.Language"/>; both in one transaction.
    /// </summary>
    /// <exception cref="ValidationException">Unknown kind, channel or language; email chosen for a kind while the address is
    /// unconfirmed (each such kind named, "choices.{kind}"). Nothing written.</exception>
    /// <exception cref="NotificationSettingsConflictException">The version is not the current one. Nothing written.</exception>
    public async Task<NotificationSettingsView> SaveAsync(Guid personId, NotificationSettingsRequest request, CancellationToken cancellationToken = default)
    {
        await rules.ValidateAndThrowAsync(request, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var current = await ViewAsync(db, personId, cancellationToken);
        if (request.Version != current.Version)
        {
            throw new NotificationSettingsConflictException(current);
        }

        var before = current.Version == 0 ? NotificationChoices.Defaults : NotificationChoices.From(current.Choices);
        var after = before.With(request.Choices ?? new Dictionary<string, IReadOnlyList<string>>());
        if (!current.EmailConfirmed)
        {
            var added = NotificationDefaults.Choosable.Where(k => after.For(k).Contains(DeliveryChannel.Email) && !before.For(k).Contains(DeliveryChannel.Email)).ToList();
            if (added.Count > 0)
            {
                var message = RuleTexts.ConfirmEmailFirst(current.Email);
                throw new ValidationException(added.Select(k => new ValidationFailure($"choices.{WireName(k)}", message.En) { CustomState = message }));
            }
        }

        var record = await db.NotificationSettings.SingleOrDefaultAsync(s => s.PersonId == personId, cancellationToken);
        if (record is null)
        {
            db.NotificationSettings.Add(new NotificationSettingsRecord(personId, after.ToJson()));
        }
        else
        {
            record.Choices = after.ToJson();
            record.Version++;
        }

        var person = await db.People.SingleAsync(p => p.Id == personId, cancellationToken);
        person.ChooseLanguage(LanguageOf(request.Language));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two saves of the same version at once (two tabs): the loser's update finds another version, or its first
            // insert meets the other's row. Either way it saved nothing; it is shown what the winner saved.
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            throw new NotificationSettingsConflictException(await ViewAsync(fresh, personId, cancellationToken));
        }

        return current with { Choices = after.ToWire(), Language = person.Language, Version = record?.Version ?? 1 };
    }

    /// <summary>Keeps the language a person chose in the app (the language switch) as the one their messages reach them in.</summary>
    public async Task ChooseLanguageAsync(Guid personId, string culture, CancellationToken cancellationToken = default)
    {
        if (LanguageOf(culture) is not { } language)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken) is { } person && person.Language != language)
        {
            person.ChooseLanguage(language);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>"en", "en-US", "EN-us" → "en-US"; "zh", "zh-CN" → "zh-CN"; anything else null.</summary>
    public static string? LanguageOf(string? culture) => culture?.Trim().ToLowerInvariant() switch
    {
        "en" or "en-us" => "en-US",
        "zh" or "zh-cn" or "zh-hans" => "zh-CN",
        _ => null,
    };

    /// <summary>A kind or a channel as it travels: NotificationKind.DealRegressed → "dealRegressed".</summary>
    public static string WireName<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>A kind by its wire name (any letter case); null when it has none (a digit is not a name).</summary>
    public static NotificationKind? KindOf(string? name) => Parse<NotificationKind>(name);

    /// <summary>A channel by its wire name (any letter case); null when it has none.</summary>
    public static DeliveryChannel? ChannelOf(string? name) => Parse<DeliveryChannel>(name);

    private static T? Parse<T>(string? name)
        where T : struct, Enum =>
        string.IsNullOrWhiteSpace(name) ? null : Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => string.Equals(v!.Value.ToString(), name.Trim(), StringComparison.OrdinalIgnoreCase));

    private static async Task<NotificationSettingsView> ViewAsync(PipelineDbContext db, Guid personId, CancellationToken cancellationToken)
    {
        var row = await (from person in db.People.AsNoTracking()
                         where person.Id == personId
                         join user in db.Users.AsNoTracking() on person.Id equals user.Id into users
                         from user in users.DefaultIfEmpty()
                         join settings in db.NotificationSettings.AsNoTracking() on person.Id equals settings.PersonId into saved
                         from settings in saved.DefaultIfEmpty()
                         select new
                         {
                             person.Language,
                             person.Email,
                             Confirmed = user != null && user.EmailConfirmed,
                             Choices = settings == null ? null : settings.Choices,
                             Version = settings == null ? 0 : settings.Version,
                         }).SingleOrDefaultAsync(cancellationToken)
                  ?? throw new NotFoundException($"No person {personId}.");
        var choices = row.Choices is null ? NotificationChoices.Defaults : NotificationChoices.FromJson(row.Choices);
        return new NotificationSettingsView(choices.ToWire(), row.Language, row.Email, row.Confirmed, row.Version);
    }

    internal static JsonSerializerOptions JsonOptions => Json;
}

/// <summary>One person's channels per kind (every choosable kind present). Immutable.</summary>
public sealed class NotificationChoices
{
    private readonly IReadOnlyDictionary<NotificationKind, IReadOnlySet<DeliveryChannel>> _channels;

    private NotificationChoices(IReadOnlyDictionary<NotificationKind, IReadOnlySet<DeliveryChannel>> channels) => _channels = channels;

    /// <summary>What a person who never saved gets: <see cref="NotificationDefaults"/>.</summary>
    public static NotificationChoices Defaults { get; } = new(NotificationDefaults.Choosable.ToDictionary(k => k, NotificationDefaults.For));

    /// <summary>The channels of <paramref name="kind"/>; "confirm your email" always goes by email.</summary>
    public IReadOnlySet<DeliveryChannel> For(NotificationKind kind) =>
        kind == NotificationKind.ConfirmEmail ? NotificationDefaults.For(kind) : _channels.GetValueOrDefault(kind) ?? NotificationDefaults.For(kind);

    /// <summary>
    /// Reads stored JSON (kind name → channel names). A kind or channel a later version no longer has is skipped, and a kind
    /// the JSON lacks (added since the person saved) gets its default, so an old row never fails a read.
    /// </summary>
    public static NotificationChoices FromJson(string json)
    {
        Dictionary<string, string[]>? stored;
        try
        {
            stored = JsonSerializer.Deserialize<Dictionary<string, string[]>>(json, NotificationPreferences.JsonOptions);
        }
        catch (JsonException)
        {
            stored = null;
        }

        return Defaults.With((stored ?? []).ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value), skipUnknown: true);
    }

    /// <summary>From the wire shape of a view.</summary>
    public static NotificationChoices From(IReadOnlyDictionary<string, IReadOnlyList<DeliveryChannel>> wire) =>
        Defaults.With(wire.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)[.. p.Value.Select(c => c.ToString())]), skipUnknown: true);

    /// <summary>These choices with each named kind's channels replaced (names checked by the request's validator first).</summary>
    public NotificationChoices With(IReadOnlyDictionary<string, IReadOnlyList<string>> changes, bool skipUnknown = false)
    {
        var next = new Dictionary<NotificationKind, IReadOnlySet<DeliveryChannel>>(_channels);
        foreach (var (name, channels) in changes)
        {
            if (NotificationPreferences.KindOf(name) is not { } kind || !NotificationDefaults.Choosable.Contains(kind))
            {
                continue;
            }

            var parsed = (channels ?? []).Select(NotificationPreferences.ChannelOf).ToList();
            if (!skipUnknown && parsed.Any(c => c is null))
            {
                throw new ArgumentException($"Unknown channel in {name}.", nameof(changes));
            }

            next[kind] = parsed.OfType<DeliveryChannel>().ToHashSet();
        }

        return new NotificationChoices(next);
    }

    /// <summary>Kind wire name → channels in declaration order: the API's and the page's shape.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DeliveryChannel>> ToWire() => NotificationDefaults.Choosable.ToDictionary(
        NotificationPreferences.WireName, k => (IReadOnlyList<DeliveryChannel>)[.. Enum.GetValues<DeliveryChannel>().Where(For(k).Contains)]);

    /// <summary>Stored JSON: kind wire name → channel wire names.</summary>
    public string ToJson() => JsonSerializer.Serialize(
        NotificationDefaults.Choosable.ToDictionary(NotificationPreferences.WireName, k => Enum.GetValues<DeliveryChannel>().Where(For(k).Contains).Select(NotificationPreferences.WireName).ToArray()),
        NotificationPreferences.JsonOptions);
}
