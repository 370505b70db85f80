using System.Globalization;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain;

/// <summary>
/// The one range of dates and instants the product accepts: <see cref="Earliest"/> to <see cref="Latest"/>, inclusive.
/// Every date a person or a client sends (a deal's start and target close, when a checkpoint or an activity happened,
/// a review's day and window, an action item's due date) must fall inside it; an instant counts by its UTC date.
/// Far enough from <see cref="DateOnly.MinValue"/> and <see cref="DateOnly.MaxValue"/> that day arithmetic and time
/// zone conversion never overflow; wide enough for every real deal. Values already stored outside it (an older
/// version, a hand edit, an import) are read clamped into it (<see cref="Clamp(DateOnly)"/>), never failing a read.
/// Decision record: docs/decisions/0007-bounded-input.md.
/// </summary>
public static class DateLimits
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public static readonly DateOnly Latest = new(2100, 12, 31);

    /// <summary>The first instant inside the range: 2000-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset EarliestInstant = new(Earliest.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The last instant inside the range: the end of 2100-12-31 in UTC.</summary>
    public static readonly DateTimeOffset LatestInstant = new(Latest.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);

    public static bool Contains(DateOnly date) => date >= Earliest && date <= Latest;

    public static bool Contains(DateTimeOffset instant) => instant >= EarliestInstant && instant <= LatestInstant;

    public static DateOnly Clamp(DateOnly date) => date < Earliest ? Earliest : date > Latest ? Latest : date;

    public static DateTimeOffset Clamp(DateTimeOffset instant) =>
        instant < EarliestInstant ? EarliestInstant : instant > LatestInstant ? LatestInstant : instant;

    /// <summary>The message for a date outside the range, naming the field (its API name, e.g. <c>startedOn</c>).</summary>
    public static Localized OutOfRange(string field) => RuleTexts.DateOutOfRange(field, Text(Earliest), Text(Latest));

    /// <summary>Throws a <see cref="DomainException"/> on <paramref name="field"/> when <paramref name="date"/> is outside the range.</summary>
    /// <exception cref="DomainException">The date is before <see cref="Earliest"/> or after <see cref="Latest"/>.</exception>
    public static void Ensure(DateOnly date, string field)
    {
        if (!Contains(date))
        {
            throw new DomainException(field, OutOfRange(field));
        }
    }

    /// <summary>Throws a <see cref="DomainException"/> on <paramref name="field"/> when <paramref name="instant"/> is outside the range.</summary>
    /// <exception cref="DomainException">The instant is before 2000-01-01T00:00Z or after the end of 2100-12-31 UTC.</exception>
    public static void Ensure(DateTimeOffset instant, string field)
    {
        if (!Contains(instant))
        {
            throw new DomainException(field, OutOfRange(field));
        }
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
