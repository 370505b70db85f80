using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.People;

namespace KeyAccountPipeline.Data.Imports;

// CONTRACT (lead): signatures agreed between the import helpers; the service helper owns this file and replaces the bodies.

/// <summary>
/// Imports deals and their ladder levels from an .xlsx or .csv file (decision record: docs/decisions, "import").
/// Admins and managers only (<see cref="AccessDeniedException"/> otherwise). Upload keeps the file and answers a preview;
/// nothing touches a deal until <see cref="CommitAsync"/>.
/// </summary>
public sealed class ImportService
{
    /// <summary>Keeps the file and answers its preview with the columns matched automatically.</summary>
    /// <exception cref="DomainException">Field "file": empty, too big, not .xlsx/.csv, no header row, unreadable.</exception>
    public Task<ImportPreview> UploadAsync(Stream content, string fileName, Actor actor, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>The import's preview (or, once committed, its outcome).</summary>
    /// <exception cref="NotFoundException">No such import.</exception>
    public Task<ImportPreview> PreviewAsync(Guid id, Actor actor, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Sets the field of each column (null: left out) and answers the new preview.</summary>
    /// <exception cref="FluentValidation.ValidationException">A field mapped twice, a mapping of the wrong length ("mapping").</exception>
    public Task<ImportPreview> MapAsync(Guid id, IReadOnlyList<ImportField?> mapping, Actor actor, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>
    /// Writes the valid rows, in batches of one transaction each, reporting progress after each batch; cancelling stops
    /// after the current batch (what was committed stays, and the outcome says so). Rows with errors are never written.
    /// </summary>
    public Task<ImportOutcome> CommitAsync(Guid id, ImportCommitRequest request, Actor actor, IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Every import, newest first: who, when, which file, the counts.</summary>
    public Task<IReadOnlyList<ImportSummary>> ListAsync(Actor actor, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>The rows with errors as an .xlsx: the file's own columns and an "error" column, in <paramref name="culture"/>.</summary>
    public Task<byte[]> ErrorsFileAsync(Guid id, System.Globalization.CultureInfo culture, Actor actor, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}

/// <summary>What happens to a row on commit.</summary>
public enum ImportRowOutcome
{
    /// <summary>A new deal.</summary>
    New,

    /// <summary>Updates the deal with the same external id: details and/or levels differ.</summary>
    Update,

    /// <summary>The deal with the same external id already says all of this: nothing to write.</summary>
    Unchanged,

    /// <summary>No external id, and a deal with the same customer and title exists: written only as <see cref="ImportCommitRequest.Matches"/> says.</summary>
    Match,

    /// <summary>At least one cell is wrong: never written.</summary>
    Error,
}

/// <summary>What to do with <see cref="ImportRowOutcome.Match"/> rows; required when there are any.</summary>
public enum ImportMatchChoice
{
    /// <summary>Update the existing deal, as with an external id.</summary>
    Merge,

    /// <summary>Create a new deal beside it.</summary>
    CreateNew,

    /// <summary>Leave the row out.</summary>
    Skip,
}

/// <summary>A cell's (or a row's, when <paramref name="Column"/> is null) problem, in both languages.</summary>
/// <param name="Column">Zero-based column index in the file.</param>
public sealed record ImportCellError(int? Column, ImportField? Field, Domain.Playbooks.Localized Message);

/// <summary>One row of the preview: its outcome, its cells as text, its errors and the deal it updates or matches.</summary>
public sealed record ImportRowPreview(int Number, ImportRowOutcome Outcome, IReadOnlyList<string> Cells, IReadOnlyList<ImportCellError> Errors, Guid? DealId);

/// <summary>The state of an import.</summary>
public enum ImportStatus
{
    Previewed,
    Importing,
    Committed,
    Cancelled,
}

/// <summary>
/// An import as the page and the API show it: the file's columns and their fields, the counts per outcome, and the rows to
/// look at (every row with an error or a match, then the first others, at most <c>ImportService.PreviewRows</c> in all).
/// </summary>
public sealed record ImportPreview(
    Guid Id, string FileName, ImportStatus Status, IReadOnlyList<string> Headers, IReadOnlyList<ImportField?> Mapping,
    int Rows, int New, int Updates, int Unchanged, int Matches, int Errors, IReadOnlyList<ImportRowPreview> Shown, ImportOutcome? Outcome);

/// <summary>The commit's choice for rows that match an existing deal on customer and title.</summary>
public sealed record ImportCommitRequest(ImportMatchChoice? Matches);

/// <summary>Rows written so far of those to write.</summary>
public sealed record ImportProgress(int Done, int Total);

/// <summary>What a commit did. <paramref name="Cancelled"/>: stopped by the person; the counts say what was committed.</summary>
public sealed record ImportOutcome(int Created, int Updated, int Unchanged, int Skipped, int Errors, bool Cancelled);

/// <summary>A kept import for the list: who, when (UTC), which file, its status and counts.</summary>
public sealed record ImportSummary(Guid Id, string FileName, string ImportedBy, DateTimeOffset UploadedAt, ImportStatus Status, int Rows, ImportOutcome? Outcome);
