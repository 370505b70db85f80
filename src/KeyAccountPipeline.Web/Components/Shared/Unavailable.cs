using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Web.Infrastructure;
using KeyAccountPipeline.Web.Texts;
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
        snackbar.Add(Ui.DatabaseUnavailableNotSaved.Current, Severity.Error, options =>
        {
            // Long enough to be read; one at a time however often Save is pressed.
            options.VisibleStateDuration = 10_000;
            options.SnackbarVariant = Variant.Filled;
        }, key: "database-unavailable");

    /// <summary>
    /// The deal's card as it is now, re-read after a conflict so the dialog can show it; when the database is unavailable
    /// the dialog keeps the card it has and says so, instead of failing inside its own error handling.
    /// </summary>
    public static async Task<DealCard> CurrentCardAsync(DealQueries queries, DealCard card, ISnackbar snackbar)
    {
        try
        {
            return await queries.CardAsync(card.Id) ?? card;
        }
        catch (Exception error) when (Is(error))
        {
            Show(snackbar);
            return card;
        }
    }
}
