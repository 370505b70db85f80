using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Auth;
using KeyAccountPipeline.Web.Components.Shared;
using KeyAccountPipeline.Web.Texts;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace KeyAccountPipeline.Web.Components.Deals;

/// <summary>
/// A dialog that changes one deal (<see cref="Card"/>), saving through <see cref="SaveForm"/>. On a committed save it says
/// so and closes with <c>DialogResult.Ok</c> of what the service returned (the saved card, stakeholder or note); Cancel
/// closes it with nothing. A save refused for the person's role says why and closes (<see cref="Denied"/>); one that met
/// someone else's change shows the deal as it is now above the fields, which keep what was typed: saving again applies
/// on top of it.
/// <para>
/// Typed text is never lost silently (decision 0031-drafts): the dialog's own text fields are kept as a draft in the
/// browser (wwwroot/drafts.js, per person, deal and dialog) as they are typed — by the browser on each input, so nothing
/// waits for a field to lose focus — and offered back — put into the fields,
/// with "Discard" — when the same dialog opens again: after a click beside it, a reload, a restarted server, a sign-in
/// that ended, a tab closed by the tab limit. A committed save or "Discard" removes it. While it holds unsaved text the
/// dialog tells its circuit (<see cref="CircuitEviction.Unsaved"/>), so the tab limit closes other tabs first. A field's
/// error goes as soon as its value changes (<see cref="SaveForm.Track"/>).
/// </para>
/// </summary>
public abstract class DealDialog : ComponentBase, IAsyncDisposable
{
    [CascadingParameter] protected IMudDialogInstance MudDialog { get; set; } = default!;

    [Parameter, EditorRequired] public DealCard Card { get; set; } = default!;

    [Inject] protected DealService Service { get; set; } = default!;

    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    [Inject] protected CurrentUser CurrentUser { get; set; } = default!;

    [Inject] private DealQueries Queries { get; set; } = default!;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] private CircuitEviction Circuit { get; set; } = default!;

    private IJSObjectReference? _drafts;
    private string? _draftKey;
    private Dictionary<string, string?> _initial = [];
    private bool _unsaved;
    private Dictionary<string, string?>? _written;
    private bool _saved;
    private bool _refill;

    protected SaveForm Form { get; } = new();

    /// <summary>Each field's failure, by its request field name (<c>note</c>, <c>evidence.kind</c>).</summary>
    protected FieldErrors Errors => Form.Errors;

    /// <summary>Whether the last save met someone else's change: <see cref="Card"/> is then the deal as it is now.</summary>
    protected bool Conflict { get; private set; }

    /// <summary>
    /// Saves with <paramref name="save"/> as the signed-in person (re-checked in the database first); once committed, shows
    /// <paramref name="said"/> of the result and closes the dialog with it.
    /// </summary>
    protected async Task SaveAsync<T>(Func<Actor, Task<T>> save, Func<T, string> said)
        where T : notnull
    {
        T? saved = default;
        var committed = await Form.RunAsync(
            async () => saved = await save(await CurrentUser.ActorAsync()), Snackbar, denied => Denied.Show(Snackbar, MudDialog, denied), ShowCurrentAsync);
        if (committed)
        {
            await ForgetDraftAsync();
            Snackbar.Add(said(saved!), Severity.Success, SavedOptions(saved!));
            MudDialog.Close(DialogResult.Ok(saved));
        }
    }

    /// <summary>More for the committed save's snackbar (the checkpoint dialog's Undo, <see cref="Corrections"/>); nothing by default.</summary>
    protected virtual Action<SnackbarOptions>? SavedOptions(object saved) => null;

    /// <summary>Nothing was written: show what is there now; the fields keep what was typed.</summary>
    private async Task ShowCurrentAsync()
    {
        Conflict = true;
        Card = await Unavailable.CurrentCardAsync(Queries, Card, Snackbar);
        OnCurrentShown();
    }

    /// <summary>After a conflict, once <see cref="Card"/> holds what is there now: a dialog whose choices follow the card redraws them.</summary>
    protected virtual void OnCurrentShown()
    {
    }

    /// <summary>
    /// This dialog's name in its draft key: the dialog's type by default; a dialog opened on one factor names the factor too,
    /// so a reason typed for Power never comes back in the Need dialog.
    /// </summary>
    protected virtual string DraftName => GetType().Name;

    /// <summary>The key of this dialog's draft: person, deal and dialog (drafts.js adds its prefix).</summary>
    public static string DraftKey(Guid personId, Guid dealId, string dialog) => $"{personId:N}:{dealId:N}:{dialog}";

    /// <summary>Once open: notes the fields as they started, and offers the draft back if this browser keeps one.</summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_refill && _drafts is not null && _draftKey is not null)
        {
            // After the render that put the server's fields back: what was typed but not yet heard goes in on top.
            _refill = false;
            await _drafts.InvokeVoidAsync("refill", _draftKey);
            return;
        }

        if (!firstRender || !RendererInfo.IsInteractive || await CurrentUser.SignedInIdAsync() is not { } personId)
        {
            return;
        }

        _initial = SaveForm.Texts(this);
        _draftKey = DraftKey(personId, Card.Id, DraftName);
        try
        {
            _drafts = await JS.InvokeAsync<IJSObjectReference>("import", "./drafts.js");
            var draft = await _drafts.InvokeAsync<DialogDraft?>("read", _draftKey);
            await _drafts.InvokeVoidAsync("watch", _draftKey);
            if (draft is not null && (draft.Fields.Count > 0 || draft.Inputs is { Count: > 0 }))
            {
                Form.Restore(this, draft.Fields);
                _refill = draft.Inputs is { Count: > 0 };
                Report(true);
                Snackbar.Add(Ui.DialogDraftRestored.Current, Severity.Info, config =>
                {
                    config.Action = Ui.DiscardDraft.Current;
                    config.ActionColor = Color.Primary;
                    config.OnClick = _ => InvokeAsync(DiscardDraftAsync);
                }, key: _draftKey);
                StateHasChanged();
            }
        }
        catch (JSException)
        {
            // No storage here: the dialog works without drafts.
        }
    }

    /// <summary>Before each render after a change: errors of changed fields go; the typed text is kept as the draft.</summary>
    protected override bool ShouldRender()
    {
        Form.Track(this);
        // While the typed text is going back in (_refill), the fields are not yet what the draft holds: nothing to write.
        if (_drafts is not null && _draftKey is not null && !_saved && !_refill)
        {
            var typed = SaveForm.Texts(this).Where(t => t.Value != _initial.GetValueOrDefault(t.Key)).ToDictionary();
            var unsaved = typed.Values.Any(v => !string.IsNullOrWhiteSpace(v));
            // One call to the browser per change of the typed text, not per render.
            if ((unsaved || _unsaved) && (_written is null || !typed.OrderBy(t => t.Key).SequenceEqual(_written.OrderBy(t => t.Key))))
            {
                _ = unsaved ? _drafts.InvokeVoidAsync("write", _draftKey, typed).AsTask() : _drafts.InvokeVoidAsync("remove", _draftKey).AsTask();
                _written = unsaved ? typed : null;
            }

            Report(unsaved);
        }

        return true;
    }

    /// <summary>"Discard" on the offer: the fields as the dialog opened them, and no draft.</summary>
    private async Task DiscardDraftAsync()
    {
        Form.Restore(this, _initial);
        await ForgetDraftAsync();
        _saved = false; // discarded, not saved: what is typed from here on is a new draft
        StateHasChanged();
    }

    private async Task ForgetDraftAsync()
    {
        // Saved: the renders while the dialog closes must not write the saved text back as a draft.
        _saved = true;
        _written = null;
        Report(false);
        if (_drafts is not null && _draftKey is not null)
        {
            await _drafts.InvokeVoidAsync("remove", _draftKey);
        }
    }

    private void Report(bool unsaved)
    {
        _unsaved = unsaved;
        Circuit.Unsaved(this, unsaved);
    }

    /// <summary>Closed: the circuit no longer holds this dialog's text (the browser keeps the draft, if any).</summary>
    public async ValueTask DisposeAsync()
    {
        Circuit.Unsaved(this, false);
        if (_drafts is not null)
        {
            try
            {
                if (_draftKey is not null)
                {
                    await _drafts.InvokeVoidAsync("unwatch", _draftKey);
                }

                await _drafts.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The page is gone.
            }
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// A draft as drafts.js keeps it: the dialog's typed fields by name (<c>_summary</c>) as the server last heard them,
    /// what was typed into its text boxes by box (<c>activity-summary</c>; written by the browser on each input, so text
    /// never handed to the server is kept too), and when it was last written.
    /// </summary>
    public sealed record DialogDraft(Dictionary<string, string?> Fields, DateTimeOffset SavedAt, Dictionary<string, string?>? Inputs = null);
}
