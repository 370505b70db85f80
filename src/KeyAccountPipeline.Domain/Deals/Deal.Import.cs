using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Time;

namespace KeyAccountPipeline.Domain.Deals;

/// <summary>
/// A deal brought in from a team's workbook or CRM export (issue 16). Its levels become ordinary checkpoint history, dated
/// when the file says they held and attributed to the importing person, so the stage, the flags and the stall clock are
/// computed as for any deal: an imported level is never a fresh advance dated today (decision record:
/// docs/decisions/0032-import-rows.md).
/// </summary>
public sealed partial class Deal
{
    /// <summary>The note on a level an import raises (or sets on a new deal): "Imported from" and the file's name.</summary>
    public static string ImportNote(string fileName) => Clip($"Imported from {fileName}");

    /// <summary>The reason on a level an import lowers: a regression like any other, its reason "Import:" and the file's name.</summary>
    public static string ImportRegressionReason(string fileName) => Clip($"Import: {fileName}");

    /// <summary>
    /// A new deal from an imported row: created as <see cref="Create"/> does, with <paramref name="externalId"/>, one checkpoint
    /// change per factor above 0 dated <paramref name="levelsAsOf"/>, and one <see cref="DealEventKind.Imported"/> event whose
    /// note is the file's name.
    /// </summary>
    /// <exception cref="DomainException">A level off the ladder, or <paramref name="levelsAsOf"/> in the future or before the start (as <see cref="RecordCheckpoint"/>).</exception>
    public static Deal Import(Guid id, Guid accountId, Guid ownerId, DealDetails details, string? externalId, IReadOnlyDictionary<Factor, int> levels,
        DateTimeOffset levelsAsOf, string fileName, Playbook playbook, Guid actorId, DateTimeOffset now, OrgCalendar calendar)
    {
        var deal = Create(id, accountId, ownerId, details, actorId, now);
        deal.ExternalId = string.IsNullOrWhiteSpace(externalId) ? null : externalId.Trim();
        deal.RecordImportedLevels(levels, levelsAsOf, fileName, playbook, actorId, now, calendar);
        deal._events.Add(new DealEvent(id, DealEventKind.Imported, now, actorId, fileName));
        return deal;
    }

    /// <summary>
    /// An existing deal updated from an imported row: its details and owner where they differ (the ordinary edit and owner
    /// events), each level that differs as a checkpoint change dated <paramref name="levelsAsOf"/> (a lower one a regression with
    /// <see cref="ImportRegressionReason"/>), and one <see cref="DealEventKind.Imported"/> event. Nothing happens when nothing differs.
    /// </summary>
    /// <param name="levels">The factors the file gives; a factor left out keeps its level.</param>
    /// <returns>Whether anything changed.</returns>
    /// <exception cref="DealConflictException">A won or lost deal.</exception>
    /// <exception cref="DomainException">As <see cref="EditDetails"/> and <see cref="RecordCheckpoint"/>.</exception>
    public bool ApplyImport(DealDetails details, Guid ownerId, IReadOnlyDictionary<Factor, int> levels, DateTimeOffset levelsAsOf, string fileName,
        Playbook playbook, Guid actorId, DateTimeOffset now, OrgCalendar calendar, DateOnly? earliestRecordedOn)
    {
        if (!DiffersFromImport(details, ownerId, levels))
        {
            return false;
        }

        EditDetails(details, actorId, now, earliestRecordedOn);
        if (ownerId != OwnerId)
        {
            ChangeOwner(ownerId, actorId, now);
        }

        RecordImportedLevels(levels, levelsAsOf, fileName, playbook, actorId, now, calendar);
        _events.Add(new DealEvent(Id, DealEventKind.Imported, now, actorId, fileName));
        return true;
    }

    /// <summary>Whether an imported row says anything this deal does not: a detail, the owner, or a level the row gives.</summary>
    public bool DiffersFromImport(DealDetails details, Guid ownerId, IReadOnlyDictionary<Factor, int> levels) =>
        DealFields.Between(CurrentDetails, details.Normalized()).Count > 0
        || ownerId != OwnerId
        || levels.Any(l => State(l.Key).Level != l.Value);

    private void RecordImportedLevels(IReadOnlyDictionary<Factor, int> levels, DateTimeOffset asOf, string fileName, Playbook playbook, Guid actorId,
        DateTimeOffset now, OrgCalendar calendar)
    {
        foreach (var factor in Factors.All)
        {
            if (levels.TryGetValue(factor, out var level) && level != State(factor).Level)
            {
                var note = level < State(factor).Level ? ImportRegressionReason(fileName) : ImportNote(fileName);
                RecordCheckpoint(playbook, factor, level, note, null, asOf, actorId, now, calendar);
            }
        }
    }

    private static string Clip(string text) => text.Length <= Limits.Note ? text : text[..Limits.Note];
}
