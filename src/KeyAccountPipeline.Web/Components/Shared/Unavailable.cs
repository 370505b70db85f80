using KeyAccountPipeline.Web.Infrastructure;
using MudBlazor;

namespace KeyAccountPipeline.Web.Components.Shared;

/// <summary>
/// A save that failed because the database is unavailable (<see cref="DatabaseOutage"/>): the dialog or form stays
/// open with what the person typed, a message says so, and pressing Save again once the database is back saves it.
/// Every dialog's save catches it the same way, after its own cases:
/// <code>catch (Exception error) when (Unavailable.Is(error)) { Unavailable.Show(Snackbar); }</code>
/// </summary>
public static class Unavailable
{
    /// <summary>The same classification the API's 503 uses.</summary>
    public static bool Is(Exception error) => DatabaseOutage.Is(error);

    public static void Show(ISnackbar snackbar) =>
        snackbar.Add(Ui.Ui.DatabaseUnavailableNotSaved.Current, Severity.Error, options =>
        {
            // Long enough to be read; one at a time however often Save is pressed.
            options.VisibleStateDuration = 10_000;
            options.SnackbarVariant = Variant.Filled;
        }, key: "database-unavailable");
}
