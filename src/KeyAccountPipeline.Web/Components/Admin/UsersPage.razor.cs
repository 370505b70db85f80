using KeyAccountPipeline.Data.People;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Time;
using KeyAccountPipeline.Web.Auth;
using KeyAccountPipeline.Web.Components.Shared;
using KeyAccountPipeline.Web.Texts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KeyAccountPipeline.Web.Components.Admin;

/// <summary>
/// The admin's people and sign-ins. Reads go through <see cref="PeopleQueries"/> (short contexts); every change
/// goes through <see cref="UserAccounts"/> in a scope of its own, as the signed-in admin, so its rules hold here too.
/// </summary>
public sealed partial class UsersPage
{
    [Inject] private PeopleQueries PeopleQueries { get; set; } = default!;

    [Inject] private OrgCalendar Calendar { get; set; } = default!;

    [Inject] private CurrentUser CurrentUser { get; set; } = default!;

    [Inject] private IServiceScopeFactory Scopes { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyList<UserView>? _users;
    private Actor? _actor;
    private bool _busy;

    /// <summary>Part of the role selects' keys: raised to draw them anew after a role change is cancelled.</summary>
    private int _selectsDrawn;

    /// <summary>The last change the server refused, shown next to that person's row until the next change.</summary>
    private (Guid PersonId, Localized Text)? _refused;

    protected override async Task OnInitializedAsync()
    {
        _actor = await CurrentUser.ActorAsync();
        await LoadAsync();
    }

    private async Task LoadAsync() => _users = await PeopleQueries.UsersAsync(Calendar.Now);

    /// <summary>
    /// A role picked in the list is asked about first, naming the person and both roles (a slip in a list of people
    /// would otherwise change someone's rights at once); "Cancel" leaves the list showing the old role.
    /// </summary>
    private async Task ChangeRoleAsync(UserView user, Role role)
    {
        if (role == user.Role)
        {
            return;
        }

        var confirmed = await Dialogs.ShowMessageBoxAsync(
            Ui.ChangeRoleTitle.Format(user.Name), Ui.ChangeRoleConfirm.Format(user.Name, user.Role.Name(), role.Name()),
            yesText: Ui.ChangeRoleButton.Current, cancelText: Ui.Cancel.Current);
        if (confirmed == true)
        {
            await ChangeAsync(user, accounts => accounts.ChangeRoleAsync(user.Id, role, _actor!), Ui.RoleChanged.Format(user.Name, role.Name()));
        }
        else
        {
            // The select shows the picked role by now: drawn anew, it shows the saved one again.
            _selectsDrawn++;
        }
    }

    private async Task UnlockAsync(UserView user, DateTimeOffset until)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            Ui.UnlockTitle.Format(user.Name), Ui.UnlockConfirm.Format(user.Name, Display.When(until, Calendar.Zone)),
            yesText: Ui.Unlock.Current, cancelText: Ui.Cancel.Current);
        if (confirmed == true)
        {
            await ChangeAsync(user, accounts => accounts.UnlockAsync(user.Id, _actor!), Ui.PersonUnlocked.Format(user.Name));
        }
    }

    private async Task SetActiveAsync(UserView user, bool active)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            (active ? Ui.EnableTitle : Ui.DisableTitle).Format(user.Name),
            (active ? Ui.EnableConfirm : Ui.DisableConfirm).Format(user.Name),
            yesText: (active ? Ui.Enable : Ui.Disable).Current, cancelText: Ui.Cancel.Current);
        if (confirmed == true)
        {
            await ChangeAsync(user, accounts => accounts.SetActiveAsync(user.Id, active, _actor!),
                (active ? Ui.PersonEnabled : Ui.PersonDisabled).Format(user.Name));
        }
    }

    private async Task ResetPasswordAsync(UserView user)
    {
        var dialog = await Dialogs.ShowAsync<PasswordDialog>(
            Ui.ResetPasswordOf.Format(user.Name), new DialogParameters<PasswordDialog> { { d => d.Person, user } });
        await dialog.Result;
        await LoadAsync();
    }

    /// <summary>Whether <paramref name="user"/> is the only active admin in the list: their row says why it cannot change.</summary>
    private bool IsOnlyActiveAdmin(UserView user) =>
        _users is { } all && user.Active && user.Role == Role.Admin && !all.Any(u => u.Id != user.Id && u.Active && u.Role == Role.Admin);

    /// <summary>
    /// One change of <paramref name="user"/> as the signed-in admin (re-read, in case the role changed meanwhile); a refusal
    /// is shown next to their row. The list is re-read either way.
    /// </summary>
    private async Task ChangeAsync(UserView user, Func<UserAccounts, Task> change, string saved)
    {
        _busy = true;
        _refused = null;
        try
        {
            _actor = await CurrentUser.ActorAsync();
            await Scopes.RunAsync(change);
            Snackbar.Add(saved, Severity.Success);
        }
        catch (DomainException error)
        {
            _refused = (user.Id, error.Text);
            Snackbar.Add(error.Text.Current, Severity.Error);
        }
        catch (AccessDeniedException)
        {
            _refused = (user.Id, Ui.NotAllowed);
            Snackbar.Add(Ui.NotAllowed.Current, Severity.Error);
        }
        catch (NotFoundException)
        {
            Snackbar.Add(Ui.PersonGone.Current, Severity.Warning);
        }
        catch (Exception error) when (Unavailable.Is(error))
        {
            Unavailable.Show(Snackbar);
        }
        finally
        {
            _busy = false;
        }

        await LoadAsync();
    }
}
