using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Auth;
using KeyAccountPipeline.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KeyAccountPipeline.Web.Components.Deals;

/// <summary>
/// A dialog that changes one deal (<see cref="Card"/>), saving through <see cref="SaveForm"/>. On a committed save it says
/// so and closes with <c>DialogResult.Ok</c> of what the service returned (the saved card, stakeholder or note); Cancel
/// closes it with nothing. A save refused for the person's role says why and closes (<see cref="Denied"/>); one that met
/// someone else's change shows the deal as it is now above the fields, which keep what was typed: saving again applies
/// on top of it.
/// </summary>
public abstract class DealDialog : ComponentBase
{
    [CascadingParameter] protected IMudDialogInstance MudDialog { get; set; } = default!;

    [Parameter, EditorRequired] public DealCard Card { get; set; } = default!;

    [Inject] protected DealService Service { get; set; } = default!;

    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    [Inject] protected CurrentUser CurrentUser { get; set; } = default!;

    [Inject] private DealQueries Queries { get; set; } = default!;

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
    }
}
