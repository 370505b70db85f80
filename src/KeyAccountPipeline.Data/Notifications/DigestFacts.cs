using System.Text.Json;
using System.Text.Json.Serialization;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Data.Notifications;

/// <summary>
/// What one person's weekly ladder digest says (issue 17 §3), as read when the digest was written and kept as JSON in
/// <see cref="Notification.Facts"/>: playbook texts travel as <see cref="Localized"/> pairs, so the digest renders in the
/// reader's language later and keeps the ladder's words of the week it was written even when the playbook changes after.
/// </summary>
/// <param name="Week">The digest day in the organisation's calendar (the week's name: "weeklyDigest:{person}:{week}").</param>
/// <param name="Today">The organisation's date when the digest was read (the day "overdue" and day counts are counted to).</param>
/// <param name="PersonName">Whom it is for, as they were named then.</param>
/// <param name="StuckDeals">The person's own open deals that are stalled or busy but stuck, the longest without an advance first.</param>
/// <param name="Actions">The person's own open action items, the earliest due first.</param>
/// <param name="Team">For managers and admins: the pipeline since the last review; null for a rep.</param>
public sealed record DigestFacts(
    DateOnly Week,
    DateOnly Today,
    string PersonName,
    IReadOnlyList<DigestDeal> StuckDeals,
    IReadOnlyList<DigestAction> Actions,
    DigestTeam? Team)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Whether there is anything to tell: a person with nothing stuck, nothing open and (for managers) a quiet pipeline gets no digest.</summary>
    [JsonIgnore]
    public bool IsEmpty => StuckDeals.Count == 0 && Actions.Count == 0 && Team is null or { IsEmpty: true };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="JsonException">The text is not a digest's facts.</exception>
    public static DigestFacts FromJson(string json) =>
        JsonSerializer.Deserialize<DigestFacts>(json, Json) ?? throw new JsonException("The digest's facts are empty.");
}

/// <summary>
/// A stuck deal and what would move it: the next missing checkpoint of its weakest factor (the board's "weakest": furthest
/// below the next stage's gate) with that factor's manager question, both from the playbook.
/// </summary>
/// <param name="Stage">The stage the deal stands at.</param>
/// <param name="StalledDays">Days without an advance when stalled (null when not), and <paramref name="AllowedDays"/> its stage's stall-after days.</param>
/// <param name="BusyActivities">Activities in the busy window when busy but stuck (null when not), and <paramref name="BusyWindowDays"/> that window.</param>
/// <param name="Factor">The weakest factor; null when every ladder is full.</param>
/// <param name="Level">The factor's level now.</param>
/// <param name="Needs">The level the next stage's gate asks of it (the ladder's top at the last stage).</param>
/// <param name="NextCheckpoint">The text of level <paramref name="Level"/> + 1: the checkpoint to record next.</param>
/// <param name="Question">The factor's manager question.</param>
public sealed record DigestDeal(
    Guid DealId,
    string Customer,
    string Title,
    Localized Stage,
    int? StalledDays,
    int? AllowedDays,
    int? BusyActivities,
    int? BusyWindowDays,
    Factor? Factor,
    Localized? FactorName,
    int? Level,
    int? Needs,
    Localized? NextCheckpoint,
    Localized? Question);

/// <summary>An open action item: its text and due day, the deal it is on, and (in a manager's list) its owner.</summary>
public sealed record DigestAction(Guid Id, Guid DealId, string Customer, string Text, DateOnly DueOn, string? OwnerName = null);

/// <summary>One regression in the window: the factor's name and levels, who recorded it and the reason they gave.</summary>
public sealed record DigestRegression(
    Guid DealId, string Customer, string Title, string OwnerName, Localized FactorName, int From, int To, string By, string Reason);

/// <summary>A deal that became stalled in the window (stalled at its end, not at its start).</summary>
public sealed record DigestStalled(Guid DealId, string Customer, string Title, string OwnerName, Localized Stage);

/// <summary>
/// The pipeline since the last review, as review mode counts it (<c>ReviewQueries.ChangesSinceAsync</c>): the window's
/// first day (<paramref name="Since"/>; the last review's day, or a week ago when none was held), whether a review was held,
/// the regressions and newly stalled deals recorded in it, and every action item past its due day.
/// </summary>
public sealed record DigestTeam(
    DateOnly Since,
    bool SinceReview,
    IReadOnlyList<DigestRegression> Regressions,
    IReadOnlyList<DigestStalled> NewlyStalled,
    IReadOnlyList<DigestAction> Overdue)
{
    [JsonIgnore]
    public bool IsEmpty => Regressions.Count == 0 && NewlyStalled.Count == 0 && Overdue.Count == 0;
}
