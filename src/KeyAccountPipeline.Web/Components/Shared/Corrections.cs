using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Web.Auth;
using KeyAccountPipeline.Web.Texts;
using MudBlazor;

namespace KeyAccountPipeline.Web.Components.Shared;

/// <summary>
/// Correcting a slip from a page (docs/decisions/0030-corrections.md): the timeline's Correct menu and the Undo on the snackbar a
/// checkpoint save raises. One for the app: each call is given the circuit's signed-in person and snackbar. Every correction goes through <see cref="DealService.CorrectCheckpointAsync"/>, and the
/// page re-reads on the change announcement like after any save. A refusal (window passed, a later change, someone else's
/// change, a stale version) is said in a snackbar in the domain's words; nothing is written.
/// </summary>
public sealed class Corrections(DealService service, DealQueries queries, PlaybookStore playbooks, CorrectionWindow window, TimeProvider time)
{
    /// <summary>How long the snackbar's Undo stays: the window, but no longer than a snackbar should cover the page.</summary>
    private static readonly TimeSpan UndoShownFor = TimeSpan.FromSeconds(12);

    /// <summary>
    /// Whether <paramref name="actor"/> may correct <paramref name="change"/> now: their own ordinary change, not corrected, the latest of its
    /// factor (<paramref name="isLatest"/>, from <see cref="LatestOfEachFactor"/>), within the window. The domain checks it again on save.
    /// </summary>
    public bool MayCorrect(Actor actor, CheckpointView change, bool isLatest) =>
        isLatest && change.By.Id == actor.Id && change.Corrects is null && change.CorrectedBy is null && window.IsOpen(change.RecordedAt, time.GetUtcNow());

    /// <summary>The ids of the latest change of each factor in <paramref name="history"/> (by recording time, as the domain orders them).</summary>
    public static IReadOnlySet<Guid> LatestOfEachFactor(IEnumerable<CheckpointView> history) =>
        history.GroupBy(c => c.Factor).Select(g => g.MaxBy(Recorded)!.Id).ToHashSet();

    private static (DateTimeOffset, DateTimeOffset, Guid) Recorded(CheckpointView change) => (change.RecordedAt, change.OccurredAt, change.Id);

    /// <summary>
    /// The options of a checkpoint save's snackbar: an Undo that takes the person's latest change of <paramref name="factor"/> on the
    /// deal back to where it stood. <paramref name="saved"/> is the card the save answered (its version is the one the undo edits).
    /// </summary>
    public Action<SnackbarOptions> UndoOption(DealCard saved, Factor factor, ISnackbar snackbar, CurrentUser user) => options =>
    {
        options.Action = Ui.UndoAction.Current;
        options.ActionColor = Color.Inherit;
        options.ActionVariant = Variant.Text; // a filled action drew white on white-ish (axe color-contrast)
        options.VisibleStateDuration = (int)Math.Min(UndoShownFor.TotalMilliseconds, window.Length.TotalMilliseconds);
        options.OnClick = _ => UndoLatestAsync(saved, factor, snackbar, user);
    };

    /// <summary>Corrects <paramref name="changeId"/>, a change of <paramref name="factor"/> on the deal <paramref name="card"/> shows, to
    /// <paramref name="level"/> (null: back to its from-level), editing the card's version.</summary>
    /// <returns>True when the correction was saved.</returns>
    public async Task<bool> CorrectAsync(DealCard card, Factor factor, Guid changeId, int? level, ISnackbar snackbar, CurrentUser user)
    {
        try
        {
            var saved = await service.CorrectCheckpointAsync(card.Id, changeId, new CorrectionRequest(level, card.Version), await user.ActorAsync());
            var playbook = await playbooks.CurrentAsync();
            snackbar.Add(Ui.CorrectionSaved.Format(playbook.Factor(factor).Name.Current, saved.Levels[factor]), Severity.Success);
            return true;
        }
        catch (Exception error) when (Refusal(error) is { } why)
        {
            snackbar.Add(why.Current, Severity.Warning);
        }
        catch (Exception error) when (Unavailable.Is(error))
        {
            Unavailable.Show(snackbar);
        }

        return false;
    }

    private async Task UndoLatestAsync(DealCard saved, Factor factor, ISnackbar snackbar, CurrentUser user)
    {
        var actor = await user.ActorAsync();
        var history = await queries.HistoryAsync(saved.Id) ?? [];
        var latest = history.Where(c => c.Factor == factor).MaxBy(Recorded);
        if (latest is null || !MayCorrect(actor, latest, isLatest: true))
        {
            snackbar.Add(Ui.CorrectionGone.Current, Severity.Warning);
            return;
        }

        await CorrectAsync(saved, factor, latest.Id, null, snackbar, user);
    }

    /// <summary>What a refused correction says, in the domain's words; null for a failure that is not a refusal.</summary>
    private static Localized? Refusal(Exception error) => error switch
    {
        DealConflictException conflict => conflict.Text,
        AccessDeniedException denied => denied.Text,
        DomainException rule => rule.Text,
        NotFoundException => Ui.CorrectionGone,
        _ => null,
    };
}
