using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Data.Insights;

/// <summary>What the manager's insights page shows, as of <see cref="Today"/> in the organisation's time zone.</summary>
public sealed record TeamInsights(
    DateOnly Today,
    IReadOnlyList<FactorAverage> Factors,
    Factor? WeakestFactor,
    IReadOnlyList<HeatRow> HeatMap,
    IReadOnlyList<FunnelStage> Funnel,
    ClosedSummary Closed,
    IReadOnlyList<StageDuration> StageDays,
    IReadOnlyList<DateOnly> Weeks,
    IReadOnlyList<RepInsight> Reps);

/// <summary>
/// A factor across the open deals: its ladder's top level, the average level reached and that average as a share
/// of the top, so ladders of different lengths compare (power has six levels, the others five).
/// </summary>
public sealed record FactorAverage(Factor Key, Localized Name, int Max, double AverageLevel, double AverageShare);

/// <summary>One open deal's row of the heat map: its five levels, each out of the factor's <see cref="FactorAverage.Max"/>.</summary>
public sealed record HeatRow(Guid Id, string Customer, string Title, PersonRef Owner, StageRef Stage, DealStatus Status, Levels Levels);

public sealed record FunnelStage(StageRef Stage, int Count, decimal AnnualValue);

/// <summary>Deals won and lost in the last <see cref="Days"/> calendar days (since <see cref="Since"/>, today included).</summary>
public sealed record ClosedSummary(int Days, DateOnly Since, OutcomeSummary Won, OutcomeSummary Lost);

/// <summary>Closed deals of one outcome with their reasons, the most frequent first.</summary>
public sealed record OutcomeSummary(int Count, decimal AnnualValue, IReadOnlyList<ReasonCount> Reasons);

public sealed record ReasonCount(CloseReason Reason, int Count);

/// <summary>The median of the finished stays in a stage (see <see cref="Domain.Insights.StageStays"/>); null while there are none.</summary>
public sealed record StageDuration(StageRef Stage, double? MedianDays, int Stays);

/// <summary>
/// A deal owner's week-by-week advance (levels gained on the deals they own now, one number per week of
/// <see cref="TeamInsights.Weeks"/>) and their open deals with how many are stalled or busy but stuck.
/// </summary>
public sealed record RepInsight(PersonRef Person, IReadOnlyList<int> AdvancedPerWeek, int OpenDeals, int Stalled, int BusyButStuck);
