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
    private const string BusyActivityCountField = "signals.busyActivityCount";
    private const string BusyWindowDaysField = "signals.busyWindowDays";
    private const string RegressionWindowDaysField = "signals.regressionWindowDays";

    private readonly FieldErrors _errors = new();
    private readonly FieldFocus _fields = new();
    private ElementReference _summary;
    private bool _focusSummary;
    private string? _focusField;
    private bool _unchanged;
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
        _unchanged = false;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusSummary)
        {
            _focusSummary = false;
            if (_errors.Count > 0)
            {
                await _summary.FocusAsync();
            }
        }

        if (_focusField is { } field)
        {
            _focusField = null;
            await _fields.FocusAsync(field);
        }
    }

    /// <summary>From the error summary to the field: its factor's tab first (only the shown tab's inputs exist), then focus after the render.</summary>
    private void GoTo(string field)
    {
        if (FactorIndex(field) is { } index)
        {
            _activeFactor = index;
        }

        _focusField = field;
    }

    /// <summary>Where a message belongs, in front of it in the summary ("Power: ", "Stage 3: ", "Signal settings: "); the rules' own texts often name it already.</summary>
    private string Where(string field)
    {
        if (FactorIndex(field) is { } index && index < Factors.Count && Factors[index] is { } factor)
        {
            return Ui.ErrorAt.Format(Name(factor));
        }

        if (Position(field, StagesField) is { } stage)
        {
            return Ui.ErrorAt.Format(Ui.StageNumber.Format(stage + 1));
        }

        return field.StartsWith(SignalsField, StringComparison.Ordinal) ? Ui.ErrorAt.Format(Ui.SignalSettings.Current) : string.Empty;
    }

    private static int? FactorIndex(string field) => Position(field, FactorsField);

    /// <summary>The index in <c>list[3]...</c>, or null when <paramref name="field"/> is not inside <paramref name="list"/>.</summary>
    private static int? Position(string field, string list) =>
        field.StartsWith(list + "[", StringComparison.Ordinal) && field.IndexOf(']', list.Length) is var end and > 0
            && int.TryParse(field.AsSpan(list.Length + 1, end - list.Length - 1), out var index)
            ? index : null;

    private string TabTitle(FactorDocument factor, int index) =>
        _errors.HasWithin($"factors[{index}]") ? $"{Name(factor)} · {Ui.HasProblems.Current}" : Name(factor);

    private static string Name(FactorDocument factor) =>
        Ui.IsChinese ? factor.Name?.Zh ?? factor.Key ?? string.Empty : factor.Name?.En ?? factor.Key ?? string.Empty;

    private async Task SaveAsync()
    {
        _errors.Clear();
        _conflict = null;
        _unchanged = false;
        _focusSummary = true;
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
            // The service saves no version that says the same as the current one; the page tells so instead of "saved as".
            _unchanged = saved.Version == document.Version;
            if (!_unchanged)
            {
                Snackbar.Add(Ui.PlaybookSaved.Format(saved.Version), Severity.Success);
            }
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
