using System.Text.Json;
using KeyAccountPipeline.Domain.Notifications;

namespace KeyAccountPipeline.Data.Notifications;

/// <summary>
/// How an event becomes a <see cref="Notification"/> row, for both its writers: <see cref="NotificationRecorder"/> (events
/// people cause, in the transaction of their change) and <see cref="NotificationScan"/> (events time causes). One place for
/// the facts' JSON and the dedupe key's shape (docs/decisions/0035-notifications-events.md).
/// </summary>
public static class EventNotifications
{
    /// <summary>The facts' JSON: camelCase, as the API writes (web defaults).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The wire name of <paramref name="kind"/> ("dealRegressed"), the first part of every dedupe key.</summary>
    public static string Key(this NotificationKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    /// <summary>
    /// "{kind}:{subject}:{occasion…}:{personId}": the subject is the row that caused it (a history row, an action item, a
    /// deal), the occasion what makes a later event of the same kind on it another event (a due day, the start of a stall).
    /// </summary>
    public static string DedupeKey(NotificationKind kind, Guid personId, params string[] parts) =>
        string.Join(':', [kind.Key(), .. parts, personId.ToString("D")]);

    /// <summary>The facts read back from <see cref="Notification.Facts"/>; empty facts for anything unreadable.</summary>
    public static NotificationFacts FactsOf(Notification notification)
    {
        try
        {
            return JsonSerializer.Deserialize<NotificationFacts>(notification.Facts, Json) ?? new NotificationFacts();
        }
        catch (JsonException)
        {
            return new NotificationFacts();
        }
    }

    /// <summary>A new notification for <paramref name="personId"/> with <paramref name="facts"/> as JSON.</summary>
    public static Notification New(Guid personId, NotificationKind kind, Guid? dealId, Guid? actorId, DateTimeOffset at, NotificationFacts facts,
        string dedupeKey) =>
        new(personId, kind, dealId, actorId, at, JsonSerializer.Serialize(facts, Json), dedupeKey);
}
