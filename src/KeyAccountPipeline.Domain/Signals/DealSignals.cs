using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Time;

namespace KeyAccountPipeline.Domain.Signals;

public enum Flag
{
    Stalled,
    BusyButStuck,
    Regressed,
}

/// <summary>Why a flag is raised, with the numbers a tooltip needs.</summary>
public sealed record Signal(
    Flag Flag,
    int? Days = null,
    int? AllowedDays = null,
    Factor? Factor = null,
    int? From = null,
    int? To = null,
    int? Activities = null,
    DateTimeOffset? At = null);

/// <summary>What the signals are computed from: a handful of values per deal, never its whole history.</summary>
public sealed record SignalFacts(
    DealStatus Status,
    DateOnly StartedOn,
    DateTimeOffset? LastUpwardAt,
    int ActivitiesInBusyWindow,
    RegressionMark? LastRegression);

public sealed record SignalReading(DateTimeOffset LastAdvanceAt, int DaysSinceAdvance, IReadOnlyList<Signal> Signals)
{
    public IReadOnlyList<Flag> Flags => Signals.Select(s => s.Flag).ToList();
}

/// <summary>The three signals a manager scans the board for (METHOD.md, "Stalled deals").</summary>
public static class DealSignals
{
    public static SignalReading Read(SignalFacts facts, StageDefinition stage, SignalSettings settings, OrgCalendar calendar)
    {
        var lastAdvanceAt = facts.LastUpwardAt ?? calendar.StartOfDay(facts.StartedOn);
        var daysSinceAdvance = Math.Max(0, calendar.DaysSince(lastAdvanceAt));
        var signals = new List<Signal>();
        if (facts.Status is DealStatus.Won or DealStatus.Lost)
        {
            return new SignalReading(lastAdvanceAt, daysSinceAdvance, signals);
        }

        if (facts.Status == DealStatus.Open)
        {
            if (daysSinceAdvance > stage.StallAfterDays)
            {
                signals.Add(new Signal(Flag.Stalled, Days: daysSinceAdvance, AllowedDays: stage.StallAfterDays));
            }

            var advancedInWindow = facts.LastUpwardAt is { } up && calendar.DaysSince(up) < settings.BusyWindowDays;
            if (facts.ActivitiesInBusyWindow >= settings.BusyActivityCount && !advancedInWindow)
            {
                signals.Add(new Signal(Flag.BusyButStuck, Days: settings.BusyWindowDays, Activities: facts.ActivitiesInBusyWindow));
            }
        }

        if (facts.LastRegression is { } fall && calendar.DaysSince(fall.RecordedAt) < settings.RegressionWindowDays)
        {
            signals.Add(new Signal(Flag.Regressed, Days: calendar.DaysSince(fall.RecordedAt), Factor: fall.Factor,
                From: fall.From, To: fall.To, At: fall.OccurredAt));
        }

        return new SignalReading(lastAdvanceAt, daysSinceAdvance, signals);
    }
}
