namespace KeyAccountPipeline.Web.Components.Admin;

using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Time;
using KeyAccountPipeline.Web.Api;
using KeyAccountPipeline.Web.Auth;
using KeyAccountPipeline.Web.Components.Shared;
using KeyAccountPipeline.Web.Texts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

/// <summary>
/// The admins' playbook editor. It edits the same document the API takes (PUT /api/playbook), runs the same
/// validator, and saves through <see cref="PlaybookService"/>, which checks the actor and every rule; each
/// refusal is shown next to its field by the path the domain names it with.
/// </summary>
public partial class PlaybookPage
{
    private const string FactorsField = "factors";
    private const string StagesField = "stages";
    private const string SignalsField = "signals";

    private readonly FieldErrors _errors = new();
    private Playbook? _playbook;
    private PlaybookDocument? _document;
    private IReadOnlyList<PlaybookVersionInfo> _versions = [];
    private string? _conflict;
    private bool _saving;
    private int _activeFactor;

    [Inject] private PlaybookStore Store { get; set; } = default!;

    [Inject] private PlaybookRepository Repository { get; set; } = default!;

    [Inject] private PlaybookService Playbooks { get; set; } = default!;

    [Inject] private CurrentUser CurrentUser { get; set; } = default!;

    [Inject] private OrgCalendar Calendar { get; set; } = default!;

    [Inject] private FluentValidation.IValidator<PlaybookDocument> Validator { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private List<FactorDocument?> Factors => _document!.Factors!;

    private List<StageDocument?> Stages => _document!.Stages!;

    private SignalsDocument Signals => _document!.Signals!;

    protected override Task OnInitializedAsync() => LoadAsync();

    /// <summary>The current version, fresh: after a save, a conflict, or to drop the changes made here.</summary>
    private async Task LoadAsync()
    {
        _playbook = await Store.CurrentAsync();
        _document = PlaybookDocument.From(_playbook);
        _versions = await Repository.VersionsAsync();
        _errors.Clear();
        _conflict = null;
    }

    private string TabTitle(FactorDocument factor, int index) =>
        _errors.HasWithin($"factors[{index}]") ? $"{Name(factor)} · {Ui.HasProblems.Current}" : Name(factor);

    private static string Name(FactorDocument factor) =>
        Ui.IsChinese ? factor.Name?.Zh ?? factor.Key ?? string.Empty : factor.Name?.En ?? factor.Key ?? string.Empty;

    private async Task SaveAsync()
    {
        _errors.Clear();
        _conflict = null;
        var document = _document!;
        _errors.Add(await Validator.ValidateAsync(document));
        if (_errors.Count > 0)
        {
            return;
        }

        _saving = true;
        try
        {
            var saved = await Playbooks.SaveAsync(document.ToPlaybook(), document.Version!.Value, await CurrentUser.ActorAsync());
            await LoadAsync();
            Snackbar.Add(Ui.PlaybookSaved.Format(saved.Version), Severity.Success);
        }
        catch (PlaybookValidationException error)
        {
            _errors.Add(error);
        }
        catch (DomainException error)
        {
            _errors.Add(error);
        }
        catch (PlaybookConflictException conflict)
        {
            // Nothing was written; the fields keep what was typed so it can be copied over after reloading.
            _conflict = conflict.Text.Current;
        }
        catch (AccessDeniedException denied)
        {
            Snackbar.Add(denied.Text.Current, Severity.Error);
        }
        catch (Exception error) when (Unavailable.Is(error))
        {
            Unavailable.Show(Snackbar);
        }
        finally
        {
            _saving = false;
        }
    }
}
