using KeyAccountPipeline.Data.Reviews;
using KeyAccountPipeline.Domain.Reviews;
using KeyAccountPipeline.Web.Components.Shared;
using KeyAccountPipeline.Web.Texts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;

namespace KeyAccountPipeline.Web.Components.Review;

/// <summary>
/// The review's draft on the server (<see cref="ReviewDrafts"/>): every note, action item, attendee and the window's start
/// is saved <see cref="SaveDelay"/> after the last keystroke, read back when the page opens (another tab, another device,
/// after a restart) until the review is held or the draft discarded. Leaving with typing not yet saved asks first: a
/// reload or closing the tab through the browser's own prompt, a link or Esc through a confirm.
/// </summary>
public partial class ReviewPage
{
    /// <summary>How long typing rests before the draft is saved: a save per pause, not per keystroke.</summary>
    internal static readonly TimeSpan SaveDelay = TimeSpan.FromMilliseconds(600);

    private CancellationTokenSource? _pendingSave;
    private int _edits;
    private int _savedEdits;
    private bool _held;
    private bool _holding;
    private DateTimeOffset? _draftSavedAt;
    private DateTimeOffset? _restoredFrom;
    private bool _draftFailed;

    [Inject] private ReviewDrafts Drafts { get; set; } = default!;

    /// <summary>Typed and not yet on the server.</summary>
    private bool Unsaved => _edits != _savedEdits && !_held;

    private bool HasDraft => _draftSavedAt is not null || Unsaved;

    /// <summary>Puts the saved draft back on the page: its window, notes, action items, attendees and meeting note.</summary>
    private async Task RestoreDraftAsync()
    {
        if (await Drafts.GetAsync(await CurrentUser.ActorAsync()) is not { SavedAt: not null } draft)
        {
            return;
        }

        if (draft.Since is { } since && Domain.DateLimits.Contains(since) && since <= Calendar.Today)
        {
            _changes = await Queries.ChangesSinceAsync(since);
        }

        foreach (var note in draft.Notes.Where(n => n.DealId is not null))
        {
            _notes[note.DealId!.Value] = note.Note ?? string.Empty;
        }

        _pending.AddRange(draft.ActionItems
            .Where(a => a.DealId is not null && a.OwnerId is not null && a.DueOn is not null && !string.IsNullOrWhiteSpace(a.Text))
            .Select(a => new NewActionItem(a.DealId!.Value, a.OwnerId!.Value, a.Text!, a.DueOn!.Value)));
        if (draft.Attendees.Count > 0)
        {
            _attendees.Clear();
            _attendees.UnionWith(draft.Attendees);
        }

        _meetingNote = draft.Note;
        _draftSavedAt = _restoredFrom = draft.SavedAt;
    }

    /// <summary>Something typed or chosen: saved once typing rests.</summary>
    private void Changed()
    {
        _edits++;
        _pendingSave?.Cancel();
        var pending = _pendingSave = new CancellationTokenSource();
        _ = SaveLaterAsync(pending.Token);
    }

    private async Task SaveLaterAsync(CancellationToken cancellation)
    {
        try
        {
            await Task.Delay(SaveDelay, cancellation);
            await InvokeAsync(async () =>
            {
                await SaveDraftAsync();
                StateHasChanged();
            });
        }
        catch (OperationCanceledException)
        {
            // Typed again meanwhile: the later save takes this one along.
        }
    }

    /// <summary>Saves what is typed now; false when the database did not take it (the page says so and keeps it).</summary>
    private async Task<bool> SaveDraftAsync()
    {
        if (!Unsaved || _changes is null || _holding || _held)
        {
            return true;
        }

        var edits = _edits;
        var draft = new ReviewDraft(_changes.Since, _meetingNote, [.. _attendees],
            [.. _notes.Select(n => new ReviewNoteRequest(n.Key, n.Value))],
            [.. _pending.Select(a => new ActionItemRequest(a.DealId, a.OwnerId, a.Text, a.DueOn))]);
        try
        {
            var saved = await Drafts.SaveAsync(draft, await CurrentUser.ActorAsync());
            if (_held)
            {
                // Held while this save ran, and the save landed after the hold removed the draft: remove it again.
                await ForgetDraftAfterHoldAsync();
                return true;
            }

            _savedEdits = Math.Max(_savedEdits, edits);
            _draftSavedAt = saved.SavedAt;
            _draftFailed = false;
            return true;
        }
        catch (Exception error) when (Unavailable.Is(error) || error is FluentValidation.ValidationException or Domain.AccessDeniedException)
        {
            _draftFailed = true;
            return false;
        }
    }

    /// <summary>
    /// After the review is held: removes a draft that a save in flight when Hold was pressed may have written after the
    /// hold's transaction removed it. Best effort: the review is held either way.
    /// </summary>
    private async Task ForgetDraftAfterHoldAsync()
    {
        try
        {
            await Drafts.DiscardAsync(await CurrentUser.ActorAsync());
        }
        catch (Exception error) when (Unavailable.Is(error))
        {
            // The database went away just after the hold: the next /review offers the draft, and Discard removes it.
        }
    }

    /// <summary>"Discard draft": the typed notes and action items go, on the server too, and the window is the default again.</summary>
    private async Task DiscardDraftAsync()
    {
        if (!await JS.InvokeAsync<bool>("confirm", Ui.DiscardDraftConfirm.Current))
        {
            return;
        }

        _pendingSave?.Cancel();
        await Drafts.DiscardAsync(await CurrentUser.ActorAsync());
        _notes.Clear();
        _pending.Clear();
        _meetingNote = null;
        _attendees.Clear();
        _attendees.Add((await CurrentUser.ActorAsync()).Id);
        _savedEdits = _edits;
        _draftSavedAt = _restoredFrom = null;
        _draftFailed = false;
        _changes = await Queries.ChangesSinceAsync(null);
        Step = -1;
    }

    /// <summary>
    /// A link, Esc or "Back to the board" with typing not yet saved: saved now; only when that fails, the person is asked
    /// whether to leave without it.
    /// </summary>
    private async Task ConfirmLeavingAsync(LocationChangingContext context)
    {
        if (!Unsaved || await SaveDraftAsync())
        {
            return;
        }

        if (!await JS.InvokeAsync<bool>("confirm", Ui.LeaveUnsavedReview.Current))
        {
            context.PreventNavigation();
        }
    }

    /// <summary>The draft's state for the review bar: saved when, not saved, or nothing.</summary>
    private string? DraftStatus =>
        _draftFailed ? Ui.DraftNotSaved.Current
        : Unsaved ? Ui.DraftSaving.Current
        : _draftSavedAt is { } at ? Ui.DraftSavedAt.Format(SavedTime(at))
        : null;

    /// <summary>When the draft was saved, as the organisation's clock read it: today's time, or the day and time.</summary>
    private string SavedTime(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Calendar.Zone);
        var time = local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return DateOnly.FromDateTime(local.DateTime) == Calendar.Today ? time : $"{Display.Date(DateOnly.FromDateTime(local.DateTime))} {time}";
    }
}
