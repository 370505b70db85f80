using FluentValidation;
using KeyAccountPipeline.Data.Validation;

namespace KeyAccountPipeline.Data.Deals;

/// <summary>
/// Correcting a checkpoint change its caller recorded a moment ago: the level meant (default: back to the level before the change)
/// and the version of the deal the caller read. Which levels a correction may set is the domain's rule (<c>Deal.CorrectCheckpoint</c>).
/// </summary>
public sealed record CorrectionRequest(int? Level, int? Version);

public sealed class CorrectionValidator : AbstractValidator<CorrectionRequest>
{
    public CorrectionValidator()
    {
        RuleFor(r => r.Version).Version();
    }
}
