namespace KeyAccountPipeline.Domain.Time;

/// <summary>
/// Whole calendar days in the organisation's time zone. Instants are stored in UTC; a day
/// count is the difference between local dates, so a change at 07:00 Shanghai time belongs
/// to that Shanghai day. Dates and instants outside <see cref="DateLimits"/> (only a stored value can be: every input is
/// checked) are read as the range's nearest end, so no conversion or day count overflows and a read never fails.
/// </summary>
public sealed class OrgCalendar(TimeProvider time, TimeZoneInfo zone)
{
    public TimeZoneInfo Zone => zone;

    public DateTimeOffset Now => time.GetUtcNow();

    public DateOnly Today => LocalDate(Now);

    /// <summary>The organisation's calendar day of <paramref name="instant"/>; instant and day both clamped into <see cref="DateLimits"/>.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) =>
        DateLimits.Clamp(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateLimits.Clamp(instant), zone).DateTime));

    /// <summary>The UTC instant at which <paramref name="date"/> (clamped into <see cref="DateLimits"/>) begins in the organisation's zone.</summary>
    public DateTimeOffset StartOfDay(DateOnly date)
    {
        var local = DateLimits.Clamp(date).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>
    /// The instant a person means when they say something happened on <paramref name="day"/> without a time (a form's date
    /// picker): null for today or no day — it happened now, as it is recorded — and midday of any other day in the
    /// organisation's zone, clear of both midnights, so the instant falls on that day in the organisation's calendar. A
    /// future day is returned as its midday too, for the domain to refuse as in the future, never silently made today.
    /// </summary>
    public DateTimeOffset? HappenedOn(DateOnly? day) =>
        day is { } date && date != Today ? StartOfDay(date).AddHours(12) : null;

    public int DaysSince(DateOnly date) => Today.DayNumber - date.DayNumber;

    public int DaysSince(DateTimeOffset instant) => DaysSince(LocalDate(instant));

    /// <summary>
    /// Start of a window of the last <paramref name="days"/> calendar days, today included:
    /// an instant is inside when it happened less than <paramref name="days"/> days ago.
    /// </summary>
    public DateTimeOffset WindowStart(int days) => StartOfDay(Today.AddDays(1 - days));

    /// <summary>This calendar with its clock stopped at <paramref name="instant"/>: how day counts (and signals) read then.</summary>
    public OrgCalendar At(DateTimeOffset instant) => new(new StoppedClock(instant), zone);

    private sealed class StoppedClock(DateTimeOffset instant) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => instant;
    }
}
