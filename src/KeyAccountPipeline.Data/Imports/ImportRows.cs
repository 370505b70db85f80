using System.Globalization;
using FluentValidation;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Time;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Data.Imports;

/// <summary>What one row of a file will do, with the values read from it (null when it has errors).</summary>
internal sealed record RowCheck(ImportRow Row, ImportRowOutcome Outcome, IReadOnlyList<ImportCellError> Errors, Guid? DealId, RowValues? Values);

/// <summary>
/// A row's values as the import writes them. <see cref="Levels"/> holds the factors the row gives (a new deal's others stay
/// at 0; an existing deal's keep their level); <see cref="AsOf"/> is when those levels held.
/// </summary>
internal sealed record RowValues(
    string Customer, string? Industry, string? Region, DealDetails Details, Guid OwnerId, string? ExternalId,
    IReadOnlyDictionary<Factor, int> Levels, DateTimeOffset AsOf, Guid? AccountId);

/// <summary>The rows of one file, checked; the lookups they were checked against, for the commit to go on from.</summary>
internal sealed record ImportCheck(IReadOnlyList<RowCheck> Rows, IDictionary<string, Guid> AccountsByKey)
{
    public int Count(ImportRowOutcome outcome) => Rows.Count(r => r.Outcome == outcome);
}

/// <summary>
/// Checks every row of an imported file by the rules a deal made through the API meets (issue 16 §3): the request's
/// validator (<see cref="CreateDealValidator"/>), DealService's own rules (a new customer's industry, a start not after
/// today), the ladders of the current playbook, the dates of a checkpoint change, an owner who is known and active. What
/// the rows need from the database is read in a few queries for the whole file, never one per row.
/// </summary>
internal sealed class ImportRows(IValidator<CreateDealRequest> createRules, OrgCalendar calendar)
{
    private static readonly CultureInfo English = new("en"), Chinese = new("zh-CN");

    /// <summary>Each field's name in the request the validator checks (camelCase, as its failures name them).</summary>
    private static readonly Dictionary<string, ImportField> RequestFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["customer"] = ImportField.Customer,
        ["industry"] = ImportField.Industry,
        ["region"] = ImportField.Region,
        ["title"] = ImportField.Title,
        ["serviceLine"] = ImportField.ServiceLine,
        ["annualValue"] = ImportField.AnnualValue,
        ["targetCloseDate"] = ImportField.TargetCloseDate,
        ["startedOn"] = ImportField.StartedOn,
    };

    /// <summary>The fields a row cannot do without: a column must be mapped to each.</summary>
    public static readonly IReadOnlyList<ImportField> Required =
        [ImportField.Customer, ImportField.Title, ImportField.OwnerEmail, ImportField.ServiceLine, ImportField.AnnualValue, ImportField.TargetCloseDate];

    private static readonly (ImportField Field, Factor Factor)[] LevelFields =
        [(ImportField.Need, Factor.Need), (ImportField.Power, Factor.Power), (ImportField.Goal, Factor.Goal), (ImportField.Value, Factor.Value),
            (ImportField.Collaboration, Factor.Collaboration)];

    public async Task<ImportCheck> CheckAsync(PipelineDbContext db, ImportTable table, IReadOnlyList<ImportField?> mapping, Playbook playbook,
        CancellationToken cancellationToken)
    {
        var columns = new Dictionary<ImportField, int>();
        for (var i = 0; i < mapping.Count; i++)
        {
            if (mapping[i] is { } field)
            {
                columns.TryAdd(field, i);
            }
        }

        var drafts = table.Rows.Select(row => Read(row, columns, playbook)).ToList();
        var lookup = await LookupAsync(db, drafts, cancellationToken);
        var firstRowOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        var checks = new List<RowCheck>(drafts.Count);
        foreach (var draft in drafts)
        {
            if (draft.ExternalId is { } externalId && !firstRowOfId.TryAdd(externalId, draft.Row.Number))
            {
                draft.Add(ImportField.ExternalId, RuleTexts.ImportExternalIdTwice(externalId, firstRowOfId[externalId]));
            }

            checks.Add(Finish(draft, lookup, playbook));
        }

        return new ImportCheck(checks, lookup.AccountsByKey);
    }

    /// <summary>Reads a row's cells by their fields and checks what needs no database.</summary>
    private Draft Read(ImportRow row, Dictionary<ImportField, int> columns, Playbook playbook)
    {
        var draft = new Draft(row, columns);
        foreach (var field in Required.Where(f => !columns.ContainsKey(f)))
        {
            draft.Errors.Add(new ImportCellError(null, field, RuleTexts.ImportColumnMissing(ImportColumns.Header(field))));
        }

        var serviceLine = draft.Read<ServiceLine>(ImportField.ServiceLine, ImportCells.TryServiceLine);
        var value = draft.Read<decimal>(ImportField.AnnualValue, ImportCells.TryAmount);
        var target = draft.Read<DateOnly>(ImportField.TargetCloseDate, ImportCells.TryDay);
        var started = draft.Read<DateOnly>(ImportField.StartedOn, ImportCells.TryDay);
        draft.Request = new CreateDealRequest(draft.Text(ImportField.Customer), draft.Text(ImportField.Industry), draft.Text(ImportField.Region),
            draft.Text(ImportField.Title), serviceLine, null, value, target, started);
        foreach (var (property, message) in Validate(draft.Request))
        {
            var field = RequestFields.GetValueOrDefault(property, ImportField.Customer);
            if (!draft.HasError(field))
            {
                draft.Add(field, message);
            }
        }

        if (started > calendar.Today && !draft.HasError(ImportField.StartedOn))
        {
            draft.Add(ImportField.StartedOn, RuleTexts.StartNotInFuture);
        }

        draft.OwnerEmail = draft.Text(ImportField.OwnerEmail);
        if (columns.ContainsKey(ImportField.OwnerEmail) && draft.OwnerEmail is null)
        {
            draft.Add(ImportField.OwnerEmail, RuleTexts.ImportOwnerMissing);
        }

        draft.ExternalId = draft.Text(ImportField.ExternalId);
        if (draft.ExternalId is { Length: > Limits.ExternalId } || !Validation.RuleExtensions.IsClean(draft.ExternalId, multiLine: false))
        {
            draft.Add(ImportField.ExternalId, RuleTexts.ImportExternalIdInvalid(Limits.ExternalId));
        }

        foreach (var (field, factor) in LevelFields)
        {
            var ladder = playbook.Factor(factor);
            if (draft.Read<int>(field, ImportCells.TryLevel) is { } level)
            {
                if (level > ladder.MaxLevel)
                {
                    draft.Add(field, RuleTexts.LevelOffLadder(ladder.Name, ladder.MaxLevel, level));
                }
                else
                {
                    draft.Levels[factor] = level;
                }
            }
        }

        draft.AsOf = draft.Read<DateOnly>(ImportField.LevelsAsOf, ImportCells.TryDay);
        if (draft.AsOf is { } asOf && !draft.HasError(ImportField.LevelsAsOf))
        {
            if (!DateLimits.Contains(asOf))
            {
                draft.Add(ImportField.LevelsAsOf, DateLimits.OutOfRange("levelsAsOf"));
            }
            else if (asOf > calendar.Today)
            {
                draft.Add(ImportField.LevelsAsOf, RuleTexts.ImportAsOfInFuture);
            }
        }

        return draft;
    }

    /// <summary>The validator's failures, each in both languages (it words them in the current UI culture).</summary>
    private List<(string Property, Localized Message)> Validate(CreateDealRequest request)
    {
        var english = InCulture(English, () => createRules.Validate(request));
        if (english.IsValid)
        {
            return [];
        }

        var chinese = InCulture(Chinese, () => createRules.Validate(request));
        return [.. english.Errors.Select((e, i) => (e.PropertyName,
            new Localized(i < chinese.Errors.Count ? chinese.Errors[i].ErrorMessage : e.ErrorMessage, e.ErrorMessage)))];
    }

    private static T InCulture<T>(CultureInfo culture, Func<T> run)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return run();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    /// <summary>The rest of a row's checks, against the database's people, accounts and deals; and its outcome.</summary>
    private RowCheck Finish(Draft draft, Lookup lookup, Playbook playbook)
    {
        Person? owner = null;
        if (draft.OwnerEmail is { } email && !draft.HasError(ImportField.OwnerEmail))
        {
            owner = lookup.People.GetValueOrDefault(email.Trim());
            if (owner is null)
            {
                draft.Add(ImportField.OwnerEmail, RuleTexts.ImportOwnerUnknown(email));
            }
            else if (!owner.Active)
            {
                draft.Add(ImportField.OwnerEmail, RuleTexts.ImportOwnerDisabled(email));
            }
        }

        var request = draft.Request!;
        var key = TextKey.Fold(request.Customer);
        Guid? accountId = lookup.AccountsByKey.TryGetValue(key, out var found) ? found : null;
        Deal? deal = null;
        var outcome = ImportRowOutcome.New;
        if (draft.ExternalId is { } externalId && lookup.DealsByExternalId.TryGetValue(externalId, out var byId))
        {
            deal = byId;
            outcome = ImportRowOutcome.Update;
        }
        else if (draft.ExternalId is null && accountId is { } account && request.Title is { } title
            && lookup.DealsByAccountTitle.TryGetValue((account, TextKey.Fold(title)), out var byTitle))
        {
            deal = byTitle;
            outcome = ImportRowOutcome.Match;
        }

        if (deal is null && accountId is null && string.IsNullOrWhiteSpace(request.Industry) && !draft.HasError(ImportField.Customer))
        {
            draft.Add(ImportField.Industry, RuleTexts.NewCustomerNeedsIndustry);
        }

        var startedOn = request.StartedOn ?? deal?.StartedOn ?? calendar.Today;
        if (draft.AsOf is { } asOf && asOf < startedOn && !draft.HasError(ImportField.LevelsAsOf) && !draft.HasError(ImportField.StartedOn))
        {
            draft.Add(ImportField.LevelsAsOf, RuleTexts.ImportAsOfBeforeStart(DealFields.Day(startedOn)));
        }

        if (draft.Errors.Count > 0 || owner is null)
        {
            return new RowCheck(draft.Row, ImportRowOutcome.Error, draft.Errors, deal?.Id, null);
        }

        var details = new DealDetails(request.Title!, request.ServiceLine!.Value, Money.Fen(request.AnnualValue!.Value), request.TargetCloseDate!.Value, startedOn);
        var at = AsOfInstant(draft.AsOf ?? startedOn);
        if (deal is not null && deal.DiffersFromImport(details, owner.Id, draft.Levels))
        {
            CheckUpdate(draft, deal, details, at, lookup, playbook);
        }
        else if (outcome == ImportRowOutcome.Update)
        {
            outcome = ImportRowOutcome.Unchanged;
        }

        var values = new RowValues(request.Customer!.Trim(), request.Industry, request.Region, details, owner.Id, draft.ExternalId, draft.Levels, at, accountId);
        return draft.Errors.Count > 0
            ? new RowCheck(draft.Row, ImportRowOutcome.Error, draft.Errors, deal?.Id, null)
            : new RowCheck(draft.Row, outcome, [], deal?.Id, values);
    }

    /// <summary>What <see cref="Deal.ApplyImport"/> would refuse, found before anything is written.</summary>
    private void CheckUpdate(Draft draft, Deal deal, DealDetails details, DateTimeOffset at, Lookup lookup, Playbook playbook)
    {
        if (deal.IsClosed)
        {
            draft.Errors.Add(new ImportCellError(null, null, deal.Status == DealStatus.Won ? RuleTexts.WonReopenFirst : RuleTexts.LostReopenFirst));
            return;
        }

        if (details.StartedOn != deal.StartedOn && lookup.EarliestRecorded.TryGetValue(deal.Id, out var earliest) && details.StartedOn > earliest)
        {
            draft.Add(ImportField.StartedOn, RuleTexts.StartAfterRecordedWork(DealFields.Day(earliest)));
        }

        var moved = draft.Levels.Where(l => deal.State(l.Key).Level != l.Value).Select(l => l.Key).ToList();
        if (moved.Count > 0 && draft.AsOf is null)
        {
            draft.Add(ImportField.LevelsAsOf, RuleTexts.ImportAsOfNeeded);
            return;
        }

        foreach (var factor in moved)
        {
            if (deal.State(factor).ChangedAt is { } latest && at < latest)
            {
                draft.Add(ImportField.LevelsAsOf, RuleTexts.BeforeLatestChange(playbook.Factor(factor).Name, latest.ToString("u", CultureInfo.InvariantCulture)));
                return;
            }
        }
    }

    /// <summary>
    /// The instant a day's levels are dated: midday in the organisation's zone (as a form's date picker means a day), or now
    /// when that is still to come today, so a level is never dated in the future.
    /// </summary>
    public DateTimeOffset AsOfInstant(DateOnly day)
    {
        var midday = calendar.StartOfDay(day).AddHours(12);
        return midday > calendar.Now ? calendar.Now : midday;
    }

    /// <summary>People by email, accounts by folded name, deals by external id and by account and folded title: a few queries for the whole file.</summary>
    private async Task<Lookup> LookupAsync(PipelineDbContext db, List<Draft> drafts, CancellationToken cancellationToken)
    {
        var people = new Dictionary<string, Person>(StringComparer.OrdinalIgnoreCase);
        foreach (var person in await db.People.AsNoTracking().ToListAsync(cancellationToken))
        {
            people.TryAdd(person.Email, person);
        }

        var keys = drafts.Select(d => TextKey.Fold(d.Request?.Customer)).Where(k => k.Length > 0).Distinct().ToList();
        var accounts = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var account in await db.Accounts.AsNoTracking().Where(a => keys.Contains(a.NameKey)).OrderBy(a => a.Id)
                     .Select(a => new { a.Id, a.NameKey }).ToListAsync(cancellationToken))
        {
            accounts.TryAdd(account.NameKey, account.Id); // the oldest, as DealService matches
        }

        var externalIds = drafts.Select(d => d.ExternalId).OfType<string>().Distinct().ToList();
        var byExternalId = new Dictionary<string, Deal>(StringComparer.Ordinal);
        foreach (var deal in await db.Deals.AsNoTracking().Where(d => d.ExternalId != null && externalIds.Contains(d.ExternalId)).OrderBy(d => d.Id)
                     .ToListAsync(cancellationToken))
        {
            byExternalId.TryAdd(deal.ExternalId!, deal);
        }

        var accountIds = accounts.Values.ToList();
        var byTitle = new Dictionary<(Guid, string), Deal>();
        foreach (var deal in await db.Deals.AsNoTracking().Where(d => accountIds.Contains(d.AccountId)).OrderBy(d => d.Id).ToListAsync(cancellationToken))
        {
            byTitle.TryAdd((deal.AccountId, deal.TitleKey), deal);
        }

        // The earliest recorded day matters only to a deal whose start the file moves later; read for those alone.
        var moving = drafts.Where(d => d.Request?.StartedOn is not null)
            .Select(d => (d.Request!.StartedOn!.Value, Deal: d.ExternalId is { } id ? byExternalId.GetValueOrDefault(id) : null))
            .Where(x => x.Deal is not null && x.Value > x.Deal.StartedOn).Select(x => x.Deal!.Id)
            .Concat(byTitle.Values.Select(d => d.Id)).Distinct().ToList();
        var recorded = await db.CheckpointChanges.AsNoTracking().Where(c => moving.Contains(c.DealId)).Select(c => new { c.DealId, c.OccurredAt })
            .ToListAsync(cancellationToken);
        recorded.AddRange(await db.Activities.AsNoTracking().Where(a => moving.Contains(a.DealId)).Select(a => new { a.DealId, a.OccurredAt })
            .ToListAsync(cancellationToken));
        return new Lookup(people, accounts, byExternalId, byTitle,
            recorded.GroupBy(r => r.DealId).ToDictionary(g => g.Key, g => calendar.LocalDate(g.Min(r => r.OccurredAt))));
    }

    /// <summary>What the rows are checked against; <see cref="EarliestRecorded"/> is the organisation's day of each deal's earliest change or activity.</summary>
    private sealed record Lookup(
        Dictionary<string, Person> People, Dictionary<string, Guid> AccountsByKey, Dictionary<string, Deal> DealsByExternalId,
        Dictionary<(Guid, string), Deal> DealsByAccountTitle, Dictionary<Guid, DateOnly> EarliestRecorded);

    /// <summary>A row being read: its cells by field, the values read so far and the errors found.</summary>
    private sealed class Draft(ImportRow row, Dictionary<ImportField, int> columns)
    {
        public delegate bool TryRead<T>(object? cell, out T value);

        public ImportRow Row => row;

        public List<ImportCellError> Errors { get; } = [];

        public CreateDealRequest? Request { get; set; }

        public string? OwnerEmail { get; set; }

        public string? ExternalId { get; set; }

        public Dictionary<Factor, int> Levels { get; } = [];

        public DateOnly? AsOf { get; set; }

        public bool HasError(ImportField field) => Errors.Any(e => e.Field == field);

        /// <summary>An error on the field's column (none when no column is mapped to it: the error is the row's).</summary>
        public void Add(ImportField field, Localized message) =>
            Errors.Add(new ImportCellError(columns.TryGetValue(field, out var column) ? column : null, field, message));

        private object? Cell(ImportField field) =>
            columns.TryGetValue(field, out var column) && column < row.Cells.Count ? row.Cells[column] : null;

        public string? Text(ImportField field) => ImportCells.Text(Cell(field));

        /// <summary>The cell read as its field needs; null when empty, or when it cannot be read (an error naming the text found).</summary>
        public T? Read<T>(ImportField field, TryRead<T> read)
            where T : struct
        {
            var cell = Cell(field);
            if (ImportCells.Text(cell) is not { } text)
            {
                return null;
            }

            if (read(cell, out var value))
            {
                return value;
            }

            Add(field, RuleTexts.ImportCellUnreadable(ImportColumns.Header(field), text));
            return null;
        }
    }
}
