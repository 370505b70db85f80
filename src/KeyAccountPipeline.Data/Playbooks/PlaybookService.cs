using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Data.Playbooks;

/// <summary>
/// Saving a new playbook version: who may, which rules it must meet, and what every instance hears afterwards.
/// The API and the editor page both save through <see cref="SaveAsync"/>, so they are held to the same rules.
/// </summary>
public sealed class PlaybookService(PlaybookRepository repository, PlaybookStore store, PipelineChanges changes)
{
    /// <summary>How many deals a refusal names before it says "and N more".</summary>
    private const int DealsNamed = 10;

    /// <summary>
    /// Saves <paramref name="edited"/> as the version after <paramref name="expectedVersion"/> and makes it
    /// the current one. Refused with <see cref="PlaybookConflictException"/> when <paramref name="expectedVersion"/>
    /// is no longer the current version (also when another admin saves the same version at the same moment),
    /// and with <see cref="PlaybookValidationException"/> when a rule is broken or a ladder would end
    /// below a level some deal stands on. A playbook that says exactly what <paramref name="expectedVersion"/> says
    /// (texts compared as stored, trimmed) is not saved again: the current version is returned as it is, so its
    /// <see cref="Playbook.Version"/> equals <paramref name="expectedVersion"/>. Only an admin may save (<see cref="AccessDeniedException"/>), checked
    /// here so the API and the editor page are held to the same rule.
    /// </summary>
    public async Task<Playbook> SaveAsync(Playbook edited, int expectedVersion, Actor author, CancellationToken cancellationToken = default)
    {
        author.Ensure(author.MayEditPlaybook, RuleTexts.OnlyAdminsEditPlaybook);
        // One read: the latest version is both what the edit must be based on and what an unchanged edit answers.
        var latest = await repository.LatestAsync(cancellationToken);
        var current = latest.Version;
        if (expectedVersion != current)
        {
            throw Conflict(current);
        }

        PlaybookRules.Validate(edited);
        var normalized = edited.Normalized();
        if (PlaybookRepository.SameContent(normalized, latest))
        {
            // Nothing changed: a new version would only add a row that says the same and move every open editor's version on.
            return latest;
        }

        var playbook = normalized with { Version = current + 1 };
        await RefuseLaddersBelowDealsAsync(playbook, cancellationToken);

        if (!await repository.AddAsync(playbook, author.Id, cancellationToken))
        {
            // Another save over the same version passed the check above first.
            throw Conflict(await repository.LatestVersionAsync(cancellationToken));
        }

        store.Saved(playbook);
        await changes.PublishAsync(PipelineChange.Playbook, CancellationToken.None);
        return playbook;
    }

    /// <summary>Stores METHOD.md's playbook as version 1 when the database has none, and forgets what was held in memory.</summary>
    public async Task EnsureDefaultAsync(CancellationToken cancellationToken = default)
    {
        await repository.EnsureDefaultAsync(cancellationToken);
        store.Clear();
    }

    private static PlaybookConflictException Conflict(int current) => new(current, RuleTexts.PlaybookChanged(current));

    /// <summary>
    /// A ladder may not end below a level a deal stands on, open or closed: its history and card would
    /// point at a checkpoint that no longer exists. The deal's owner lowers the level first.
    /// </summary>
    private async Task RefuseLaddersBelowDealsAsync(Playbook playbook, CancellationToken cancellationToken)
    {
        var above = await repository.DealsAboveAsync(playbook.TopLevels, cancellationToken);
        if (above.Count == 0)
        {
            return;
        }

        var errors = playbook.Factors
            .Select((factor, index) => (factor, index, deals: above.GetValueOrDefault(factor.Key)))
            .Where(x => x.deals is not null)
            .Select(x => AboveTheLadder(x.index, x.factor, x.deals!))
            .ToList();
        throw new PlaybookValidationException(errors);
    }

    private static FieldError AboveTheLadder(int index, FactorDefinition factor, IReadOnlyList<DealAboveLadder> deals)
    {
        var named = deals.Take(DealsNamed).Select(d => $"{d.Customer} · {d.Title}").ToList();
        var rest = deals.Count - named.Count;
        return new($"factors[{index}].levels", RuleTexts.DealsAboveLadder(deals.Count, factor.Name, factor.MaxLevel, named, rest));
    }
}
