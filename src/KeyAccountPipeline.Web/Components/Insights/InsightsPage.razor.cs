using System.Globalization;
using KeyAccountPipeline.Data.Insights;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Texts;
using Microsoft.AspNetCore.Components;

namespace KeyAccountPipeline.Web.Components.Insights;

/// <summary>
/// The manager's Monday-morning view: where the team is weak, where deals wait, who needs help. Read once per
/// visit when the circuit is live (prerendering draws the frame only), from <see cref="InsightQueries"/>.
/// </summary>
public sealed partial class InsightsPage
{
    [Inject] private InsightQueries Queries { get; set; } = default!;

    [Inject] private PlaybookStore Playbooks { get; set; } = default!;

    private TeamInsights? _insights;
    private Playbook? _playbook;

    protected override async Task OnInitializedAsync()
    {
        if (RendererInfo.IsInteractive)
        {
            _playbook = await Playbooks.CurrentAsync();
            _insights = await Queries.InsightsAsync();
        }
    }

    private FactorAverage? Weakest => _insights!.Factors.FirstOrDefault(f => f.Key == _insights.WeakestFactor);

    private IReadOnlyList<BarTable.Bar> FunnelBars
    {
        get
        {
            var most = Math.Max(1, _insights!.Funnel.Max(s => s.Count));
            return _insights.Funnel.Select(s => new BarTable.Bar(
                s.Stage.Key, s.Stage.Name.Current, (double)s.Count / most, Ui.FunnelBar.Format(s.Count, Display.Money(s.AnnualValue)))).ToList();
        }
    }

    private IEnumerable<(OutcomeSummary Outcome, string Title, string Color)> Outcomes =>
    [
        (_insights!.Closed.Won, Ui.Won.Current, "#2e7d32"),
        (_insights.Closed.Lost, Ui.Lost.Current, "#b71c1c"),
    ];

    private static IReadOnlyList<BarTable.Bar> ReasonBars(OutcomeSummary outcome, string color)
    {
        var most = Math.Max(1, outcome.Reasons.Select(r => r.Count).DefaultIfEmpty(0).Max());
        return outcome.Reasons.Select(r => new BarTable.Bar(
            r.Reason.ToString(), r.Reason.Name(), (double)r.Count / most, r.Count.ToString(CultureInfo.CurrentCulture), color)).ToList();
    }

    private IReadOnlyList<BarTable.Bar> StageDayBars
    {
        get
        {
            var longest = Math.Max(1, _insights!.StageDays.Max(s => s.MedianDays ?? 0));
            return _insights.StageDays.Select(s => new BarTable.Bar(
                s.Stage.Key, s.Stage.Name.Current, (s.MedianDays ?? 0) / longest,
                s.MedianDays is { } days ? Ui.StageDaysBar.Format(days.ToString("0.#", CultureInfo.CurrentCulture), s.Stays) : Ui.NoStays.Current,
                "#5b7a99")).ToList();
        }
    }
}
