using KeyAccountPipeline.Domain.Time;

namespace KeyAccountPipeline.Domain.Reviews;

/// <summary>
/// The span a review looks back over: whole days in the organisation's zone, from the start of
/// <see cref="Since"/> to the end of <see cref="Until"/> (or of today). <see cref="End"/> is exclusive, so a
/// change at 07:00 Shanghai time (23:00 UTC the day before) belongs to its Shanghai day, and one second
/// before the start of <see cref="Since"/> is outside.
/// </summary>
public sealed record ReviewWindow(DateOnly Since, DateOnly Until, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>Without an earlier review the window is the last week: today and the seven days before it.</summary>
    public const int DefaultDays = 7;

    /// <exception cref="DomainException">A day outside <see cref="DateLimits"/>, a start after today or an end before the start.</exception>
    public static ReviewWindow Of(DateOnly since, DateOnly? until, OrgCalendar calendar)
    {
        DateLimits.Ensure(since, "since");
        var last = until ?? calendar.Today;
        DateLimits.Ensure(last, "until");
        if (since > calendar.Today)
        {
            throw new DomainException("since", RuleTexts.WindowStartsAfterToday);
        }

        if (last < since)
        {
            throw new DomainException("until", RuleTexts.WindowEndsBeforeStart);
        }

        return new ReviewWindow(since, last, calendar.StartOfDay(since), calendar.StartOfDay(last.AddDays(1)));
    }

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    /// <summary>
    /// The instant the window's end is read at (METHOD.md, "Precise readings": "a window that ends today ends now"): now while
    /// <see cref="Until"/> is today, else the last instant of <see cref="Until"/>, so day counts then read <see cref="Until"/> as today.
    /// What was recorded before <see cref="End"/> is what the team could have known at that moment.
    /// </summary>
    public DateTimeOffset ReadEndAt(DateTimeOffset now) => now < End ? now : End.AddTicks(-1);
}
