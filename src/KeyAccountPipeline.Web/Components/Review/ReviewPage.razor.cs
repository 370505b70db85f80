using KeyAccountPipeline.Data.People;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Data.Reviews;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Reviews;
using KeyAccountPipeline.Domain.Time;
using KeyAccountPipeline.Web.Auth;
using KeyAccountPipeline.Web.Components.Layout;
using KeyAccountPipeline.Web.Components.Shared;
using KeyAccountPipeline.Web.Texts;
using Microsoft.AspNetCore.Components;

namespace KeyAccountPipeline.Web.Components.Review;

/// <summary>
/// The weekly review on a projector: the window's totals and the deals in the meeting's order, then one deal
/// per screen (← → to page, Esc to the board, F for full screen), then holding the review with its notes and
/// action items. Nothing is held until the last step; until then what is typed is the manager's draft (ReviewPage.Draft.cs).
/// </summary>
public partial class ReviewPage
{
    private ReviewChanges? _changes;
    private Playbook? _playbook;
    private IReadOnlyList<PersonView> _people = [];
    private readonly Dictionary<Guid, string> _notes = [];
    private readonly List<NewActionItem> _pending = [];
    private readonly HashSet<Guid> _attendees = [];
    private DateOnly _heldOn;
    private string? _meetingNote;
    private bool _saving;
    private FieldMessage? _error;

    [CascadingParameter] private ReviewLayout Layout { get; set; } = default!;

    [Inject] private ReviewQueries Queries { get; set; } = default!;

    [Inject] private ReviewService Service { get; set; } = default!;

    [Inject] private PeopleQueries PeopleQueries { get; set; } = default!;

    [Inject] private PlaybookStore Playbooks { get; set; } = default!;

    [Inject] private CurrentUser CurrentUser { get; set; } = default!;

    /// <summary>The API's rules for a held review (text without control characters, lengths, dates in range), run here too.</summary>

    [Inject] private OrgCalendar Calendar { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private IReadOnlyList<PersonView> ActivePeople => _people.Where(p => p.Active).ToList();

    private List<DealNote> FilledNotes => _notes.Where(n => !string.IsNullOrWhiteSpace(n.Value)).Select(n => new DealNote(n.Key, n.Value)).ToList();

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        _playbook = await Playbooks.CurrentAsync();
        _people = await PeopleQueries.PeopleAsync();
        _heldOn = Calendar.Today;
        _attendees.Add((await CurrentUser.ActorAsync()).Id);
        _changes = await Queries.ChangesSinceAsync(null);
        await RestoreDraftAsync();
    }

    /// <summary>A day as a date input's value, min or max (yyyy-MM-dd).</summary>
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task SinceChangedAsync(ChangeEventArgs e)
    {
        if (DateOnly.TryParse(e.Value?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var since)
            && Domain.DateLimits.Contains(since) && since <= Calendar.Today)
        {
            _changes = await Queries.ChangesSinceAsync(since);
            Step = -1;
            Changed();
        }
    }

    /// <summary>
    /// Someone changed a deal (or the playbook) during the meeting: the window is read again, and the screen
    /// stays on the deal it shows. Notes and action items typed so far are kept; nothing is re-read while saving.
    /// </summary>
    private async Task ShowChangesAsync(Shared.DealChanges changes)
    {
        if (_changes is not { } shown || _saving)
        {
            return;
        }

        if (changes.Everything)
        {
            _playbook = await Playbooks.CurrentAsync();
        }

        var onScreen = Step >= 0 && Step < shown.Deals.Count ? shown.Deals[Step].Card.Id : (Guid?)null;
        var fresh = await Queries.ChangesSinceAsync(shown.Since);
        if (!ReferenceEquals(_changes, shown))
        {
            return; // the window was changed meanwhile, and read afresh
        }

        _changes = fresh;
        if (onScreen is { } id)
        {
            var at = fresh.Deals.ToList().FindIndex(d => d.Card.Id == id);
            Step = at >= 0 ? at : Math.Min(Step, fresh.Deals.Count);
        }
        else if (Step >= 0)
        {
            Step = fresh.Deals.Count; // the hold step stays the hold step
        }
    }

    private void Attend(Guid id, bool attends)
    {
        if (attends)
        {
            _attendees.Add(id);
        }
        else
        {
            _attendees.Remove(id);
        }

        Changed();
    }

    private async Task HoldAsync()
    {
        _saving = true;
        _error = null;
        // No draft save may start while the review is being held: it would bring the held notes back as a draft.
        _holding = true;
        _pendingSave?.Cancel();
        try
        {
            // The same request the API binds; the service checks it (HoldReviewValidator) before anything is written.
            var request = new HoldReviewRequest(_heldOn, _changes!.Since, _meetingNote, _attendees.ToList(),
                FilledNotes.Select(n => new ReviewNoteRequest(n.DealId, n.Note)).ToList(),
                _pending.Select(a => new ActionItemRequest(a.DealId, a.OwnerId, a.Text, a.DueOn)).ToList());
            var review = await Service.HoldAsync(request, await CurrentUser.ActorAsync());
            // Held: the draft went with it (in the same transaction), and nothing is left to save or to ask about.
            _held = true;
            await ForgetDraftAfterHoldAsync();
            Navigation.NavigateTo($"reviews/{review.Id}/print");
        }
        catch (FluentValidation.ValidationException invalid) when (invalid.Errors.FirstOrDefault() is { } first)
        {
            _error = new FieldMessage(first.PropertyName, first.ErrorMessage);
        }
        catch (DomainException error)
        {
            _error = new FieldMessage(error.Field, error.Text.Current);
        }
        catch (AccessDeniedException error)
        {
            _error = new FieldMessage("actor", error.Text.Current);
        }
        catch (Exception error) when (Unavailable.Is(error))
        {
            _error = new FieldMessage("actor", Ui.DatabaseUnavailableNotSaved.Current);
        }
        finally
        {
            _saving = false;
            _holding = false;
        }
    }

    private sealed record FieldMessage(string Field, string Message);
}
