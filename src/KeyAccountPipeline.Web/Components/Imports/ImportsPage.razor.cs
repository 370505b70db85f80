using KeyAccountPipeline.Data.Imports;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Web.Auth;
using KeyAccountPipeline.Web.Components.Shared;
using KeyAccountPipeline.Web.Texts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace KeyAccountPipeline.Web.Components.Imports;

/// <summary>
/// A team's deals brought in from a file (issue 16): download the template, upload an .xlsx or .csv, check the columns'
/// fields, read the preview (every row checked, each error beside its cell), then import the valid rows with a progress bar
/// and a way to cancel. Everything goes through <see cref="ImportService"/> as the signed-in person, who is re-read at each
/// step (a manager demoted meanwhile is refused by the service). Nothing is read before the circuit is live.
/// </summary>
public sealed partial class ImportsPage : IDisposable
{
    [Inject] private ImportService Imports { get; set; } = default!;

    [Inject] private CurrentUser CurrentUser { get; set; } = default!;

    private ImportPreview? _preview;
    private IReadOnlyList<ImportSummary>? _imports;
    private ImportMatchChoice? _matches;
    private ImportProgress? _progress;
    private ImportOutcome? _outcome;
    private CancellationTokenSource? _commit;

    /// <summary>The name of the file being read, while it is.</summary>
    private string? _reading;

    /// <summary>Why the last file was refused, shown beside the upload.</summary>
    private string? _fileError;

    private string? _mappingError;
    private string? _commitError;
    private bool _mapping;

    /// <summary>The mapping table's key: raised to draw its selects anew after a refused change.</summary>
    private int _mappingDrawn;

    /// <summary>The template in the reader's language: the cookie's twin of <c>GET /api/imports/template.xlsx</c>.</summary>
    private const string TemplateHref = "imports/template.xlsx";

    /// <summary>The rows with errors of import <paramref name="id"/>: the cookie's twin of <c>GET /api/imports/{id}/errors.xlsx</c>.</summary>
    private static string ErrorsHref(Guid id) => $"imports/{id}/errors.xlsx";

    private bool Committing => _progress is not null && _outcome is null;

    private bool CanUpload => _reading is null && !Committing;

    private bool CanChange => CanUpload && !_mapping && _outcome is null && _preview?.Status == ImportStatus.Previewed;

    private double ProgressValue => _progress is { Total: > 0 } p ? 100.0 * p.Done / p.Total : 0;

    protected override async Task OnInitializedAsync()
    {
        if (RendererInfo.IsInteractive)
        {
            await LoadListAsync();
        }
    }

    private async Task LoadListAsync()
    {
        try
        {
            _imports = await Imports.ListAsync(await CurrentUser.ActorAsync());
        }
        catch (AccessDeniedException)
        {
            _imports = [];
        }
    }

    /// <summary>
    /// Reads the chosen file into the service. The browser's stream is allowed one byte over the limit, so that the service's
    /// own rule refuses a file of the limit plus one; a larger file the browser refuses before sending a byte.
    /// </summary>
    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        var file = e.File;
        _fileError = null;
        _mappingError = null;
        _commitError = null;
        _reading = file.Name;
        try
        {
            await using var content = file.OpenReadStream(maxAllowedSize: ImportFiles.MaxBytes + 1);
            Show(await Imports.UploadAsync(content, file.Name, await CurrentUser.ActorAsync()));
        }
        catch (DomainException refused)
        {
            _fileError = FieldErrors.Wording(refused);
        }
        catch (IOException) when (file.Size > ImportFiles.MaxBytes + 1)
        {
            // Refused by the browser's stream before a byte was sent: the same words the API's refusal uses.
            _fileError = RuleTexts.ImportUploadTooLarge(ImportFiles.MaxBytes / (1024 * 1024)).Current;
        }
        catch (Exception error) when (Refusal(error) is { } text)
        {
            _fileError = text;
        }
        finally
        {
            _reading = null;
        }

        await LoadListAsync();
    }

    /// <summary>One column's field changed: the service checks the whole mapping and answers the new preview.</summary>
    private async Task MapAsync((int Column, ImportField? Field) change)
    {
        var preview = _preview!;
        var mapping = preview.Mapping.ToArray();
        mapping[change.Column] = change.Field;
        _mapping = true;
        _mappingError = null;
        try
        {
            Show(await Imports.MapAsync(preview.Id, mapping, await CurrentUser.ActorAsync()));
        }
        catch (FluentValidation.ValidationException invalid) when (invalid.Errors.FirstOrDefault() is { } first)
        {
            _mappingError = FieldErrors.Wording(first);
            // Drawn anew from the preview the service holds: the select shows the field that is in force again.
            _mappingDrawn++;
        }
        catch (Exception error) when (Refusal(error) is { } text)
        {
            _mappingError = text;
        }
        finally
        {
            _mapping = false;
        }
    }

    /// <summary>
    /// Writes the valid rows. The service reports after each batch (on this circuit's context: the progress object is made
    /// here); Cancel stops after the current batch and the outcome says what stayed.
    /// </summary>
    private async Task CommitAsync()
    {
        var preview = _preview!;
        _commitError = null;
        _commit = new CancellationTokenSource();
        _progress = new ImportProgress(0, ToImport(preview));
        var progress = new Progress<ImportProgress>(p =>
        {
            _progress = p;
            StateHasChanged();
        });
        try
        {
            _outcome = await Imports.CommitAsync(preview.Id, new ImportCommitRequest(preview.Matches > 0 ? _matches : null),
                await CurrentUser.ActorAsync(), progress, _commit.Token);
        }
        catch (OperationCanceledException) when (_commit.IsCancellationRequested)
        {
            // Cancelled between batches: what the import holds now says what was written.
            _outcome = await OutcomeAfterCancelAsync(preview.Id);
        }
        catch (Exception error) when (Refusal(error) is { } text)
        {
            _commitError = text;
        }
        finally
        {
            _progress = null;
            _commit.Dispose();
            _commit = null;
        }

        // The preview stays as it was shown (what was imported); the list says the import's new status.
        await LoadListAsync();
    }

    private async Task<ImportOutcome> OutcomeAfterCancelAsync(Guid id)
    {
        var now = await Imports.PreviewAsync(id, await CurrentUser.ActorAsync());
        return now.Outcome ?? new ImportOutcome(0, 0, 0, 0, now.Errors, Cancelled: true);
    }

    private void CancelImport() => _commit?.Cancel();

    /// <summary>A past import opened again: a previewed one can still be mapped and imported; a committed one shows its outcome.</summary>
    private async Task OpenAsync(Guid id)
    {
        _fileError = null;
        try
        {
            Show(await Imports.PreviewAsync(id, await CurrentUser.ActorAsync()));
        }
        catch (Exception error) when (Refusal(error) is { } text)
        {
            _fileError = text;
        }
    }

    private void Show(ImportPreview preview)
    {
        _preview = preview;
        _outcome = preview.Outcome;
        _commitError = null;
        if (preview.Matches == 0)
        {
            _matches = null;
        }
    }

    private void StartOver()
    {
        _preview = null;
        _outcome = null;
        _matches = null;
        _fileError = null;
    }

    /// <summary>
    /// What the page says when the service refuses or cannot answer: its rule's words, "not allowed", gone, or the database
    /// being unavailable. Null for a fault the page cannot explain (it goes to the app's error boundary).
    /// </summary>
    private static string? Refusal(Exception error) => error switch
    {
        DomainException rule => FieldErrors.Wording(rule),
        ImportConflictException conflict => conflict.Text.Current,
        AccessDeniedException denied => denied.Text.Current,
        NotFoundException => Ui.ImportGone.Current,
        _ when Unavailable.Is(error) => Ui.DatabaseUnavailableNotSaved.Current,
        _ => null,
    };

    /// <summary>The rows the commit writes: new ones, updates, and matching ones unless they are skipped.</summary>
    private int ToImport(ImportPreview preview) =>
        preview.New + preview.Updates + (_matches is ImportMatchChoice.Merge or ImportMatchChoice.CreateNew ? preview.Matches : 0);

    private bool CanCommit(ImportPreview preview) =>
        CanChange && ToImport(preview) > 0 && (preview.Matches == 0 || _matches is not null);

    /// <summary>Every row already says what its deal says: re-importing the same file changes nothing.</summary>
    private static bool NothingToChange(ImportPreview preview) =>
        preview.Unchanged > 0 && preview.New + preview.Updates + preview.Matches + preview.Errors == 0;

    /// <summary>"120 ready, 3 with errors, 2 will update existing deals, 1 unchanged" (the parts that are not zero; ready always).</summary>
    private static string Summary(ImportPreview preview)
    {
        var parts = new List<string> { Ui.ReadyCount.Format(preview.New + preview.Updates + preview.Matches) };
        if (preview.Errors > 0)
        {
            parts.Add(Ui.ErrorCount.Format(preview.Errors));
        }

        if (preview.Updates > 0)
        {
            parts.Add(Ui.UpdateCount.Format(preview.Updates));
        }

        if (preview.Matches > 0)
        {
            parts.Add(Ui.MatchCount.Format(preview.Matches));
        }

        if (preview.Unchanged > 0)
        {
            parts.Add(Ui.UnchangedCount.Format(preview.Unchanged));
        }

        return string.Join(Ui.ListSeparator.Current, parts);
    }

    private static IEnumerable<(ImportRowOutcome Outcome, int Count)> Counts(ImportPreview preview) =>
        new[]
        {
            (ImportRowOutcome.New, preview.New), (ImportRowOutcome.Update, preview.Updates), (ImportRowOutcome.Unchanged, preview.Unchanged),
            (ImportRowOutcome.Match, preview.Matches), (ImportRowOutcome.Error, preview.Errors),
        }.Where(c => c.Item2 > 0);

    private static string Result(ImportOutcome outcome) => outcome.Cancelled
        ? Ui.CancelledResult.Format(outcome.Created + outcome.Updated, outcome.Created, outcome.Updated, outcome.Unchanged)
        : Ui.ImportedResult.Format(outcome.Created, outcome.Updated, outcome.Unchanged);

    public void Dispose()
    {
        // Leaving the page mid-import stops it after the current batch, as Cancel does.
        _commit?.Cancel();
    }
}
