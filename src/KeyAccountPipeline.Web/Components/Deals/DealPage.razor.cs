using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Time;
using KeyAccountPipeline.Web.Auth;
using KeyAccountPipeline.Web.Components.Shared;
using KeyAccountPipeline.Web.Texts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KeyAccountPipeline.Web.Components.Deals;

/// <summary>
/// One deal, read top to bottom like a supply station: where it stands, what is left, the five
/// ladders, and everything that happened. Every change opens a dialog; after it the page re-reads. It
/// also re-reads when anyone else changes the deal (or the playbook), on any app instance.
/// </summary>
public partial class DealPage
{
    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true };

    private Playbook? _playbook;
    private Actor? _actor;

    [Parameter] public Guid Id { get; set; }

    /// <summary>
    /// Read once per visit, when the circuit is live. Not prerendered and carried through the page:
    /// a deal with a year of history would outgrow what the circuit accepts from the browser.
    /// </summary>
    private DealPageState? State { get; set; }

    [Inject] private DealQueries Queries { get; set; } = default!;

    [Inject] private DealService Service { get; set; } = default!;

    [Inject] private PlaybookStore Playbooks { get; set; } = default!;

    [Inject] private CurrentUser CurrentUser { get; set; } = default!;

    [Inject] private OrgCalendar Calendar { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private DealCard Card => State!.Detail!.Card;

    private bool IsClosed => Card.Status is DealStatus.Won or DealStatus.Lost;

    /// <summary>Reps change only their own deals; managers and admins any (Actor's rules, enforced again by DealService).</summary>
    private bool CanWork => _actor?.MayWorkOn(Card.Owner.Id) == true;

    private bool CanRecord => CanWork && !IsClosed;

    private string PageTitle => State?.Detail is { } detail
        ? $"{detail.Card.Customer} · {detail.Card.Title} · {Ui.AppName}"
        : $"{Ui.DealNotFoundTitle} · {Ui.AppName}";

    protected override async Task OnParametersSetAsync()
    {
        _playbook = await Playbooks.CurrentAsync();
        _actor ??= await CurrentUser.ActorAsync();
        if (RendererInfo.IsInteractive && State?.Id != Id)
        {
            await LoadAsync();
        }
    }

    /// <summary>The page's one read (<see cref="DealQueries.DealPageAsync"/>): a rep's action items are only their own.</summary>
    private async Task LoadAsync()
    {
        var view = await Queries.DealPageAsync(Id, _actor is { MayReadReviews: false } rep ? rep.Id : null);
        State = new DealPageState(Id, view);
    }

    /// <summary>
    /// Someone changed this deal or the playbook. The page behind an open dialog shows it at once; the dialog
    /// keeps what it was opened with, and meets the change as a conflict if it saves. The echo of a save this page
    /// has already shown (its own, or one it read anyway) finds the deal's stamp unchanged and reads nothing more.
    /// </summary>
    private async Task ShowChangesAsync(DealChanges changes)
    {
        if (State is null)
        {
            return;
        }

        if (changes.Everything)
        {
            _playbook = await Playbooks.CurrentAsync();
        }
        else if (State.View is { } shown && await Queries.StampAsync(Id) == shown.Stamp)
        {
            return;
        }

        await LoadAsync();
    }

    private Task RecordVisitAsync() => ShowAsync(new DialogParameters<VisitDialog>
    {
        { d => d.Card, Card },
        { d => d.Playbook, _playbook! },
    });

    /// <summary>"Power: now 0, needs 3" opens on Power level 3: the level the item names, not the next one up.</summary>
    private Task RecordMissingAsync(MissingItem item) => RecordAsync(item.Factor, item.Required);

    private Task RecordAsync(Factor factor, int? level = null) => ShowAsync(new DialogParameters<CheckpointDialog>
    {
        { d => d.Card, Card },
        { d => d.Playbook, _playbook! },
        { d => d.Factor, factor },
        { d => d.Level, level },
    });

    private Task LogActivityAsync() => ShowAsync(new DialogParameters<ActivityDialog> { { d => d.Card, Card } });

    private Task EditAsync() => ShowAsync(new DialogParameters<EditDealDialog> { { d => d.Card, Card } });

    private Task HoldAsync() => StatusAsync(StatusDialog.StatusChange.Hold);

    private Task ResumeAsync() => StatusAsync(StatusDialog.StatusChange.Resume);

    private Task ReopenAsync() => StatusAsync(StatusDialog.StatusChange.Reopen);

    private Task StatusAsync(StatusDialog.StatusChange change) => ShowAsync(new DialogParameters<StatusDialog>
    {
        { d => d.Card, Card },
        { d => d.Change, change },
    });

    private Task ReassignAsync() => ShowAsync(new DialogParameters<ReassignDialog> { { d => d.Card, Card } });

    private Task CoachAsync() => ShowAsync(new DialogParameters<CoachingDialog> { { d => d.Card, Card } });

    private Task CloseAsync() => ShowAsync(new DialogParameters<CloseDialog> { { d => d.Card, Card } });

    private Task StakeholderAsync(StakeholderView? stakeholder) => ShowAsync(new DialogParameters<StakeholderDialog>
    {
        { d => d.Card, Card },
        { d => d.Stakeholder, stakeholder },
    });

    /// <summary>"Open it" on a draft the page offers (<see cref="DraftNotice.Titles"/>): the dialog, which puts the text back.</summary>
    private Task OpenDraftAsync(string dialog) => dialog switch
    {
        nameof(ActivityDialog) => LogActivityAsync(),
        nameof(VisitDialog) => RecordVisitAsync(),
        nameof(EditDealDialog) => EditAsync(),
        nameof(CloseDialog) => CloseAsync(),
        nameof(ReassignDialog) => ReassignAsync(),
        nameof(CoachingDialog) => CoachAsync(),
        _ => Task.CompletedTask,
    };

    private async Task RemoveStakeholderAsync(StakeholderView stakeholder)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            Ui.RemoveStakeholderNamed.Format(stakeholder.Name), Ui.RemoveStakeholderConfirm.Format(stakeholder.Name),
            yesText: Ui.RemoveStakeholder.Current, cancelText: Ui.Cancel.Current);
        if (confirmed != true)
        {
            return;
        }

        try
        {
            await Service.RemoveStakeholderAsync(Id, stakeholder.Id, await CurrentUser.ActorAsync());
            Snackbar.Add(Ui.StakeholderRemoved.Format(stakeholder.Name), Severity.Success);
        }
        catch (Exception error) when (error is DealConflictException or NotFoundException or AccessDeniedException)
        {
            // Nothing was removed; the page re-reads and shows the deal as it is now.
            Snackbar.Add(Ui.ChangedBySomeoneElse.Current, Severity.Warning);
        }

        await LoadAsync();
    }

    /// <summary>
    /// Opens a dialog and, when it saved, shows the result: one read of the page. A dialog closed without saving changed
    /// nothing, and what others changed meanwhile the page has shown as it was announced.
    /// </summary>
    private async Task ShowAsync<TDialog>(DialogParameters<TDialog> parameters)
        where TDialog : IComponent
    {
        var dialog = await Dialogs.ShowAsync<TDialog>(null, parameters, Options);
        if (await dialog.Result is { Canceled: false })
        {
            await LoadAsync();
        }
    }

    /// <summary>What the page shows; <see cref="View"/> is null when there is no such deal.</summary>
    public sealed record DealPageState(Guid Id, DealPageView? View)
    {
        public DealDetail? Detail => View?.Detail;
    }
}
