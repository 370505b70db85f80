using FluentValidation;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KeyAccountPipeline.Data.Deals;

// Corrections of checkpoint changes (METHOD.md, "Corrections are not regressions"; docs/decisions/0030-corrections.md).
public sealed partial class DealService
{
    /// <summary>
    /// Corrects the checkpoint change <paramref name="changeId"/> of deal <paramref name="id"/> as <see cref="Deal.CorrectCheckpoint"/>
    /// rules, within <see cref="CorrectionWindow"/> of its recording, and answers the deal's card after the correction.
    /// </summary>
    /// <exception cref="ValidationException">No version.</exception>
    /// <exception cref="NotFoundException">No such deal, or no such change on it.</exception>
    /// <exception cref="AccessDeniedException">Someone other than the change's recorder, or who may not work on the deal.</exception>
    /// <exception cref="DealConflictException">A stale version; a closed deal; a change already corrected, a correction, not its factor's
    /// latest change, or past its window.</exception>
    /// <exception cref="DomainException">On <c>level</c>: off the ladder, unchanged, or below the change's from-level.</exception>
    public async Task<DealCard> CorrectCheckpointAsync(Guid id, Guid changeId, CorrectionRequest input, Actor actor,
        CancellationToken cancellationToken = default)
    {
        await correctionRules.ValidateAndThrowAsync(input, cancellationToken);
        var (_, card) = await ChangeAsync(db => db.Deals.Include(d => d.Checkpoints), id, input.Version, actor, (deal, by, now, playbook) =>
        {
            var correction = deal.CorrectCheckpoint(playbook, changeId, input.Level, by, now, correctionWindow);
            logger.LogInformation("Checkpoint change {ChangeId} on deal {DealId} corrected to {Factor} {FromLevel} -> {ToLevel} by {ActorId}",
                changeId, id, correction.Factor, correction.FromLevel, correction.ToLevel, by);
            return correction;
        }, cancellationToken, withCard: true);
        return card!;
    }
}
