using KeyAccountPipeline.Domain;
using MudBlazor;

namespace KeyAccountPipeline.Web.Components.Shared;

/// <summary>
/// A dialog whose save the server refused for the signed-in person's role (their role changed, or the deal was
/// reassigned while the dialog was open): say so and close, nothing was written.
/// </summary>
public static class Denied
{
    public static void Show(ISnackbar snackbar, IMudDialogInstance dialog, AccessDeniedException denied)
    {
        snackbar.Add(denied.Text.Current, Severity.Error);
        dialog.Cancel();
    }
}
