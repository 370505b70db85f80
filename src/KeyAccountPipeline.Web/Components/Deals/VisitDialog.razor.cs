using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Components.Shared;
using KeyAccountPipeline.Web.Texts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KeyAccountPipeline.Web.Components.Deals;

/// <summary>
/// The "Record a visit" sheet: the kind (visit by default; call, meeting), the checkpoints the visit proved as boxes to tick
/// (<see cref="Offered"/>: the next station's missing ones first), one note, and the day (today by default, in the
/// organisation's zone). Saved through <see cref="DealService.RecordVisitAsync"/>; on a phone the dialog is a full-screen sheet.
/// </summary>
public partial class VisitDialog
{
    /// <summary>The kinds a rep logs after meeting the customer; the API takes every activity kind.</summary>
    private static readonly ActivityKind[] Kinds = [ActivityKind.Visit, ActivityKind.Call, ActivityKind.Meeting];

    /// <summary>How many unreached levels of a factor are offered at least (more when the next station asks for more).</summary>
    private const int LevelsAhead = 3;

    private readonly Dictionary<Factor, int> _ticked = [];
    private IReadOnlyList<Option> _options = [];
    private Factor? _undoFactor;

    [Inject] private Corrections Corrections { get; set; } = default!;
    private ActivityKind _kind = ActivityKind.Visit;
    private string? _note;
    private DateTime? _date;

    [Parameter, EditorRequired] public Playbook Playbook { get; set; } = default!;

    /// <summary>A checkpoint offered for ticking; <paramref name="ForGate"/> when the next station asks for it.</summary>
    public sealed record Option(Factor Factor, int Level, bool ForGate);

    private DateTime Today => Calendar.Today.ToDateTime(TimeOnly.MinValue);

    /// <summary>Nothing on a deal can be dated before it started (the server says so next to the field too).</summary>
    private DateTime FirstDay => Card.StartedOn.ToDateTime(TimeOnly.MinValue) is var start && start > Display.FirstPickable ? start : Display.FirstPickable;

    /// <summary>The domain's refusals of a ticked checkpoint (<c>checkpoints[i].level</c>…), shown under the boxes.</summary>
    private IEnumerable<string> CheckpointErrors =>
        Factors.All.Select((_, i) => $"checkpoints[{i}]").SelectMany(path => new[] { $"{path}.factor", $"{path}.level" })
            .Where(Errors.Has).Select(name => Errors[name]!);

    /// <summary>
    /// The checkpoints a visit may have proved, most relevant first: the factors the next station still lacks (each level up to
    /// what its gate asks, and at least the next <see cref="LevelsAhead"/>), then every other factor's next levels; in factor
    /// order within each group, lowest level first. A full ladder offers nothing.
    /// </summary>
    public static IReadOnlyList<Option> Offered(DealCard card, Playbook playbook)
    {
        var gate = card.NextStage?.Missing ?? [];
        return [.. Factors.All
            .Select(f => (Factor: f, Gate: gate.FirstOrDefault(m => m.Factor == f)))
            .OrderBy(f => f.Gate is null)
            .SelectMany(f =>
            {
                var current = card.Levels[f.Factor];
                var top = Math.Min(playbook.Factor(f.Factor).MaxLevel, Math.Max(f.Gate?.Required ?? 0, current + LevelsAhead));
                return Enumerable.Range(current + 1, Math.Max(0, top - current)).Select(level => new Option(f.Factor, level, level <= (f.Gate?.Required ?? -1)));
            })];
    }

    protected override void OnInitialized()
    {
        _date = Today;
        _options = Offered(Card, Playbook);
    }

    /// <summary>One level per factor: ticking a level replaces another ticked level of the same factor.</summary>
    private void Tick(Option option, bool on)
    {
        if (on)
        {
            _ticked[option.Factor] = option.Level;
        }
        else if (_ticked.TryGetValue(option.Factor, out var level) && level == option.Level)
        {
            _ticked.Remove(option.Factor);
        }
    }

    /// <summary>After a conflict the card moved on: offer the levels above where it stands now and drop ticks it already reached.</summary>
    protected override void OnCurrentShown()
    {
        _options = Offered(Card, Playbook);
        foreach (var (factor, level) in _ticked.Where(t => t.Value <= Card.Levels[t.Key]).ToList())
        {
            _ticked.Remove(factor);
        }
    }

    /// <summary>A visit that proved one checkpoint offers Undo for it, as the checkpoint dialog does (METHOD.md, corrections).</summary>
    protected override Action<SnackbarOptions>? SavedOptions(object saved) =>
        _undoFactor is { } factor ? Corrections.UndoOption((DealCard)saved, factor, Snackbar, CurrentUser) : null;

    private Task SaveAsync()
    {
        var proved = _ticked.OrderBy(t => t.Key.Position()).Select(t => (Factor: t.Key, From: Card.Levels[t.Key], To: t.Value)).ToList();
        _undoFactor = proved.Count == 1 ? proved[0].Factor : null;
        var request = new RecordVisitRequest(_kind, _note, Calendar.HappenedOn(_date is { } date ? DateOnly.FromDateTime(date) : null),
            [.. proved.Select(p => new ProvedCheckpointRequest(p.Factor, p.To))], Card.Version);
        var kind = _kind.Name();
        var changes = string.Join(", ", proved.Select(p => Ui.VisitChange.Format(Playbook.Factor(p.Factor).Name.Current, p.From, p.To)));
        return SaveAsync(actor => Service.RecordVisitAsync(Card.Id, request, actor),
            _ => changes.Length == 0 ? Ui.VisitSaved.Format(kind) : Ui.VisitSavedWith.Format(kind, changes));
    }
}
