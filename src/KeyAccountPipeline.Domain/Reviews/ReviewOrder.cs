namespace KeyAccountPipeline.Domain.Reviews;

/// <summary>What the meeting's order needs to know of one deal's changes in the window.</summary>
public interface IReviewedDeal
{
    int Regressions { get; }

    bool NewlyStalled { get; }

    decimal AnnualValue { get; }

    string Customer { get; }
}

/// <summary>The order of the meeting: regressions first, then newly stalled deals, then the rest by annual value.</summary>
public static class ReviewOrder
{
    public static int Rank(IReviewedDeal deal) => deal.Regressions > 0 ? 0 : deal.NewlyStalled ? 1 : 2;

    public static IReadOnlyList<T> Sort<T>(IEnumerable<T> deals)
        where T : IReviewedDeal =>
        deals.OrderBy(d => Rank(d))
            .ThenByDescending(d => d.AnnualValue)
            .ThenBy(d => d.Customer, StringComparer.Ordinal)
            .ToList();
}
