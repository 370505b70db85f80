using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using FluentValidation.Results;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;

namespace KeyAccountPipeline.Data.Imports;

/// <summary>
/// Imports deals and their ladder levels from an .xlsx or .csv file (issue 16; decision record: docs/decisions/0032-import-rows.md).
/// Admins and managers only (<see cref="AccessDeniedException"/> otherwise). Upload keeps the file and answers a preview;
/// nothing touches a deal until <see cref="CommitAsync"/>. Every row is checked by the rules a deal made through the API
/// meets (<see cref="ImportRows"/>), against the database as it is when the preview (or the commit) is made.
/// </summary>
public sealed class ImportService(
    IDbContextFactory<PipelineDbContext> contexts,
    PlaybookStore playbooks,
    OrgCalendar calendar,
    PipelineChanges changes,
    IValidator<CreateDealRequest> createRules,
    IMemoryCache cache,
    ILogger<ImportService> logger)
{
    /// <summary>The most rows a preview shows: every row with an error or a match first, then the others in file order.</summary>
    public const int PreviewRows = 200;

    /// <summary>Rows written per transaction: a batch commits whole or not at all, and cancelling waits for the current one.</summary>
    public const int BatchRows = 500;

    private static readonly JsonSerializerOptions MappingJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    private readonly ImportRows _rows = new(createRules, calendar);

    /// <summary>Keeps the file and answers its preview with the columns matched automatically.</summary>
    /// <exception cref="DomainException">Field "file": empty, too big, not .xlsx/.csv, no header row, unreadable.</exception>
    public async Task<ImportPreview> UploadAsync(Stream content, string fileName, Actor actor, CancellationToken cancellationToken = default)
    {
        EnsureMayImport(actor);
        // One byte over the limit is enough for the reader to refuse the file by its size; the rest is never held.
        var bytes = await ReadCappedAsync(content, ImportFiles.MaxBytes + 1, cancellationToken);
        var name = CleanFileName(fileName);
        var table = ImportFiles.Read(new MemoryStream(bytes, writable: false), name);
        var mapping = ImportColumns.Guess(table.Headers);
        var record = new ImportRecord
        {
            Id = Guid.CreateVersion7(calendar.Now),
            FileName = name,
            ImportedById = actor.Id,
            UploadedAt = calendar.Now,
            Content = bytes,
            Mapping = JsonSerializer.Serialize(mapping, MappingJson),
            Status = ImportStatus.Previewed,
            Rows = table.Rows.Count,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var check = await _rows.CheckAsync(db, table, mapping, await playbooks.CurrentAsync(cancellationToken), cancellationToken);
        Count(record, check);
        db.Imports.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        cache.Set(CacheKey(record.Id), table, TimeSpan.FromMinutes(30));
        logger.LogInformation("Import {ImportId} of {FileName} uploaded by {ActorId}: {Rows} rows, {Errors} with errors",
            record.Id, name, actor.Id, record.Rows, record.Errors);
        return Preview(record, table, mapping, check);
    }

    /// <summary>The import's preview (or, once committed, its outcome).</summary>
    /// <exception cref="NotFoundException">No such import.</exception>
    public async Task<ImportPreview> PreviewAsync(Guid id, Actor actor, CancellationToken cancellationToken = default)
    {
        EnsureMayImport(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await FindAsync(db, id, cancellationToken);
        var table = Table(record);
        var mapping = MappingOf(record);
        if (record.Status != ImportStatus.Previewed)
        {
            return Preview(record, table, mapping, null);
        }

        var check = await _rows.CheckAsync(db, table, mapping, await playbooks.CurrentAsync(cancellationToken), cancellationToken);
        return Preview(record, table, mapping, check);
    }

    /// <summary>Sets the field of each column (null: left out) and answers the new preview.</summary>
    /// <exception cref="FluentValidation.ValidationException">A field mapped twice, a mapping of the wrong length ("mapping").</exception>
    /// <exception cref="ImportConflictException">The import has already run.</exception>
    public async Task<ImportPreview> MapAsync(Guid id, IReadOnlyList<ImportField?> mapping, Actor actor, CancellationToken cancellationToken = default)
    {
        EnsureMayImport(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await FindAsync(db, id, cancellationToken);
        var table = Table(record);
        if (mapping.Count != table.Headers.Count)
        {
            throw Invalid("mapping", RuleTexts.ImportMappingLength(table.Headers.Count, mapping.Count));
        }

        if (mapping.OfType<ImportField>().GroupBy(f => f).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw Invalid("mapping", RuleTexts.ImportFieldTwice(ImportColumns.Header(twice.Key)));
        }

        if (record.Status != ImportStatus.Previewed)
        {
            throw new ImportConflictException(RuleTexts.ImportAlreadyCommitted);
        }

        record.Mapping = JsonSerializer.Serialize(mapping, MappingJson);
        var check = await _rows.CheckAsync(db, table, mapping, await playbooks.CurrentAsync(cancellationToken), cancellationToken);
        Count(record, check);
        await db.SaveChangesAsync(cancellationToken);
        return Preview(record, table, mapping, check);
    }

    /// <summary>
    /// Writes the valid rows, in batches of one transaction each, reporting progress after each batch; cancelling stops
    /// after the current batch (what was committed stays, and the outcome says so). Rows with errors are never written.
    /// Every open board is told once, after the last batch (<see cref="PipelineChange.Anything"/>).
    /// </summary>
    /// <exception cref="FluentValidation.ValidationException">Rows match existing deals and <see cref="ImportCommitRequest.Matches"/> is missing ("matches").</exception>
    /// <exception cref="ImportConflictException">The import has already run (or is running).</exception>
    public async Task<ImportOutcome> CommitAsync(Guid id, ImportCommitRequest request, Actor actor, IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        EnsureMayImport(actor);
        var playbook = await playbooks.CurrentAsync(cancellationToken);
        ImportRecord record;
        ImportCheck check;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            record = await FindAsync(db, id, cancellationToken);
            if (record.Status != ImportStatus.Previewed)
            {
                throw new ImportConflictException(RuleTexts.ImportAlreadyCommitted);
            }

            check = await _rows.CheckAsync(db, Table(record), MappingOf(record), playbook, cancellationToken);
            var matches = check.Count(ImportRowOutcome.Match);
            if (matches > 0 && request.Matches is null)
            {
                throw Invalid("matches", RuleTexts.ImportMatchesNeedChoice(matches));
            }

            // One commit per import, even when two arrive at once: the first to move it on from Previewed runs it.
            var claimed = await db.Imports.Where(i => i.Id == id && i.Status == ImportStatus.Previewed)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ImportStatus.Importing), cancellationToken);
            if (claimed == 0)
            {
                throw new ImportConflictException(RuleTexts.ImportAlreadyCommitted);
            }
        }

        var work = check.Rows.Where(r => r.Outcome is ImportRowOutcome.New or ImportRowOutcome.Update
            || (r.Outcome == ImportRowOutcome.Match && request.Matches != ImportMatchChoice.Skip)).ToList();
        var tally = new Tally
        {
            Unchanged = check.Count(ImportRowOutcome.Unchanged),
            Skipped = request.Matches == ImportMatchChoice.Skip ? check.Count(ImportRowOutcome.Match) : 0,
            Errors = check.Count(ImportRowOutcome.Error),
        };
        var accounts = check.AccountsByKey;
        var cancelled = false;
        try
        {
            foreach (var batch in work.Chunk(BatchRows))
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    cancelled = true;
                    break;
                }

                // A batch, once begun, runs to its commit: the token is checked between batches, never inside one.
                await WriteBatchAsync(record, batch, request.Matches, accounts, playbook, actor, tally);
                progress?.Report(new ImportProgress(tally.Done, work.Count));
            }

            cancelled |= tally.Done < work.Count;
        }
        catch
        {
            await FinishAsync(id, ImportStatus.Cancelled, tally);
            throw;
        }
        finally
        {
            if (tally.Created + tally.Updated > 0)
            {
                // After the commit, and even when the caller has gone: what was saved should show on every open board.
                await changes.PublishAsync(PipelineChange.Anything, CancellationToken.None);
            }
        }

        await FinishAsync(id, cancelled ? ImportStatus.Cancelled : ImportStatus.Committed, tally);
        logger.LogInformation("Import {ImportId} {Status} by {ActorId}: {Created} created, {Updated} updated, {Unchanged} unchanged, {Skipped} skipped, {Errors} with errors",
            id, cancelled ? "cancelled" : "committed", actor.Id, tally.Created, tally.Updated, tally.Unchanged, tally.Skipped, tally.Errors);
        return tally.Outcome(cancelled);
    }

    /// <summary>Every import, newest first: who, when, which file, the counts.</summary>
    public async Task<IReadOnlyList<ImportSummary>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        EnsureMayImport(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Imports.AsNoTracking()
            .Join(db.People, i => i.ImportedById, p => p.Id, (i, p) => new
            {
                i.Id, i.FileName, p.Name, i.UploadedAt, i.Status, i.Rows, i.Created, i.Updated, i.UnchangedWritten, i.Skipped, i.ErrorsLeft,
            })
            .OrderByDescending(i => i.UploadedAt).ThenByDescending(i => i.Id)
            .ToListAsync(cancellationToken);
        return
        [
            .. rows.Select(i => new ImportSummary(i.Id, i.FileName, i.Name, i.UploadedAt, i.Status, i.Rows, i.Status == ImportStatus.Previewed
                ? null
                : new ImportOutcome(i.Created, i.Updated, i.UnchangedWritten, i.Skipped, i.ErrorsLeft, i.Status == ImportStatus.Cancelled))),
        ];
    }

    /// <summary>The rows with errors as an .xlsx: the file's own columns and an "error" column, in <paramref name="culture"/>.</summary>
    /// <exception cref="NotFoundException">No such import.</exception>
    public async Task<byte[]> ErrorsFileAsync(Guid id, CultureInfo culture, Actor actor, CancellationToken cancellationToken = default)
    {
        EnsureMayImport(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await FindAsync(db, id, cancellationToken);
        var table = Table(record);
        var check = await _rows.CheckAsync(db, table, MappingOf(record), await playbooks.CurrentAsync(cancellationToken), cancellationToken);
        var errors = check.Rows.Where(r => r.Outcome == ImportRowOutcome.Error).ToDictionary(r => r.Row.Number,
            r => string.Join("; ", r.Errors.Select(e => e.Column is { } column ? $"{table.Headers[column]}: {e.Message.For(culture)}" : e.Message.For(culture))));
        return ImportWorkbooks.Errors(table, errors, RuleTexts.ImportErrorHeader.For(culture));
    }

    /// <summary>One batch in one transaction: new deals added (change detection off), existing ones loaded and changed, the import's counts kept with them.</summary>
    private async Task WriteBatchAsync(ImportRecord record, RowCheck[] batch, ImportMatchChoice? matches, IDictionary<string, Guid> accounts,
        Playbook playbook, Actor actor, Tally tally)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var updating = batch.Where(r => r.DealId is not null && !(r.Outcome == ImportRowOutcome.Match && matches == ImportMatchChoice.CreateNew))
            .Select(r => r.DealId!.Value).ToList();
        var deals = await db.Deals.Where(d => updating.Contains(d.Id)).ToDictionaryAsync(d => d.Id, CancellationToken.None);
        var added = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var now = calendar.Now;
        int created = 0, updated = 0, unchanged = 0;
        foreach (var row in batch)
        {
            var values = row.Values!;
            if (row.DealId is { } dealId && deals.TryGetValue(dealId, out var deal))
            {
                var earliest = await EarliestRecordedOnAsync(db, deal, values.Details.StartedOn);
                if (deal.ApplyImport(values.Details, values.OwnerId, values.Levels, values.AsOf, record.FileName, playbook, actor.Id, now, calendar, earliest))
                {
                    updated++;
                }
                else
                {
                    unchanged++;
                }

                continue;
            }

            var key = TextKey.Fold(values.Customer);
            if (!accounts.TryGetValue(key, out var accountId) && !added.TryGetValue(key, out accountId))
            {
                var account = new Account(Guid.CreateVersion7(now), values.Customer, values.Industry ?? string.Empty, values.Region ?? string.Empty);
                db.Accounts.Add(account);
                accountId = added[key] = account.Id;
            }

            db.Deals.Add(Deal.Import(Guid.CreateVersion7(now), accountId, values.OwnerId, values.Details, values.ExternalId, values.Levels, values.AsOf,
                record.FileName, playbook, actor.Id, now, calendar));
            created++;
        }

        if (deals.Count > 0)
        {
            // Added deals were tracked whole by Add; only the loaded ones changed in place, which EF must be told to look at.
            db.ChangeTracker.DetectChanges();
        }

        await db.Imports.Where(i => i.Id == record.Id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Created, tally.Created + created)
            .SetProperty(i => i.Updated, tally.Updated + updated)
            .SetProperty(i => i.UnchangedWritten, tally.Unchanged + unchanged), CancellationToken.None);
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved one of the batch's deals after the commit's check: this batch is not written (409, not a fault).
            throw new ImportConflictException(RuleTexts.ImportDealChangedMeanwhile);
        }

        await transaction.CommitAsync(CancellationToken.None);
        foreach (var (key, accountId) in added)
        {
            accounts[key] = accountId;
        }

        tally.Created += created;
        tally.Updated += updated;
        tally.Unchanged += unchanged;
        tally.Done += batch.Length;
    }

    /// <summary>The earliest day recorded on a deal whose start the row moves later (the preview checked it; read again here in the batch's transaction).</summary>
    private async Task<DateOnly?> EarliestRecordedOnAsync(PipelineDbContext db, Deal deal, DateOnly startedOn)
    {
        if (startedOn <= deal.StartedOn)
        {
            return null;
        }

        var instants = await db.CheckpointChanges.AsNoTracking().Where(c => c.DealId == deal.Id).Select(c => c.OccurredAt).ToListAsync(CancellationToken.None);
        instants.AddRange(await db.Activities.AsNoTracking().Where(a => a.DealId == deal.Id).Select(a => a.OccurredAt).ToListAsync(CancellationToken.None));
        return instants.Count == 0 ? null : calendar.LocalDate(instants.Min());
    }

    private async Task FinishAsync(Guid id, ImportStatus status, Tally tally)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await db.Imports.Where(i => i.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Status, status)
            .SetProperty(i => i.CommittedAt, calendar.Now)
            .SetProperty(i => i.Created, tally.Created)
            .SetProperty(i => i.Updated, tally.Updated)
            .SetProperty(i => i.UnchangedWritten, tally.Unchanged)
            .SetProperty(i => i.Skipped, tally.Skipped)
            .SetProperty(i => i.ErrorsLeft, tally.Errors), CancellationToken.None);
    }

    private static void EnsureMayImport(Actor actor) => actor.Ensure(actor.MayImport, RuleTexts.OnlyManagersImport);

    private static async Task<ImportRecord> FindAsync(PipelineDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Imports.SingleOrDefaultAsync(i => i.Id == id, cancellationToken) ?? throw new NotFoundException($"There is no import {id}.");

    /// <summary>The file as read: from the cache while it holds it, else read again from the kept bytes.</summary>
    private ImportTable Table(ImportRecord record) =>
        cache.GetOrCreate(CacheKey(record.Id), entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(30);
            return ImportFiles.Read(new MemoryStream(record.Content, writable: false), record.FileName);
        })!;

    private static string CacheKey(Guid id) => $"import:{id:N}";

    private static IReadOnlyList<ImportField?> MappingOf(ImportRecord record) =>
        JsonSerializer.Deserialize<List<ImportField?>>(record.Mapping, MappingJson) ?? [];

    private static void Count(ImportRecord record, ImportCheck check)
    {
        record.Rows = check.Rows.Count;
        record.New = check.Count(ImportRowOutcome.New);
        record.Updates = check.Count(ImportRowOutcome.Update);
        record.Unchanged = check.Count(ImportRowOutcome.Unchanged);
        record.Matches = check.Count(ImportRowOutcome.Match);
        record.Errors = check.Count(ImportRowOutcome.Error);
    }

    /// <summary>The preview of <paramref name="check"/>; without one (an import that has run), the counts kept with it and no rows.</summary>
    private static ImportPreview Preview(ImportRecord record, ImportTable table, IReadOnlyList<ImportField?> mapping, ImportCheck? check)
    {
        IReadOnlyList<ImportRowPreview> shown = check is null
            ? []
            :
            [
                .. check.Rows.Where(r => r.Outcome is ImportRowOutcome.Error or ImportRowOutcome.Match)
                    .Concat(check.Rows.Where(r => r.Outcome is not (ImportRowOutcome.Error or ImportRowOutcome.Match)))
                    .Take(PreviewRows)
                    .Select(r => new ImportRowPreview(r.Row.Number, r.Outcome, [.. r.Row.Cells.Select(c => ImportCells.Text(c) ?? string.Empty)], r.Errors, r.DealId)),
            ];
        return new ImportPreview(record.Id, record.FileName, record.Status, table.Headers, mapping, record.Rows, record.New, record.Updates,
            record.Unchanged, record.Matches, record.Errors, shown, record.Outcome);
    }

    private static ValidationException Invalid(string field, Localized message) => new([new ValidationFailure(field, message.Current)]);

    /// <summary>The stream's bytes, at most <paramref name="limit"/> of them.</summary>
    private static async Task<byte[]> ReadCappedAsync(Stream content, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await content.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The name without its folders or control characters, clipped to what is kept; "import" when nothing is left.</summary>
    private static string CleanFileName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? string.Empty).Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c) && !char.IsSurrogate(c))]).Trim();
        if (name.Length > Limits.FileName)
        {
            name = name[^Limits.FileName..];
        }

        return name.Length == 0 ? "import" : name;
    }

    /// <summary>What a commit has done so far.</summary>
    private sealed class Tally
    {
        public int Done { get; set; }

        public int Created { get; set; }

        public int Updated { get; set; }

        public int Unchanged { get; set; }

        public int Skipped { get; set; }

        public int Errors { get; set; }

        public ImportOutcome Outcome(bool cancelled) => new(Created, Updated, Unchanged, Skipped, Errors, cancelled);
    }
}

/// <summary>An import that cannot run again (committed, running or cancelled), or a deal changed under its commit: answered as 409.</summary>
public sealed class ImportConflictException(Localized text) : Exception(text.En)
{
    public Localized Text { get; } = text;
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
