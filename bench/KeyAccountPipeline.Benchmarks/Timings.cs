using System.Diagnostics;

namespace KeyAccountPipeline.Benchmarks;

/// <summary>Wall-clock samples of one operation, in milliseconds.</summary>
internal sealed class Timings(string name)
{
    private readonly List<double> _samples = [];

    public string Name => name;

    public int Count => _samples.Count;

    public double Median => Percentile(50);

    public double P95 => Percentile(95);

    public double Max => _samples.Max();

    public async Task<T> TimeAsync<T>(Func<Task<T>> operation)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await operation();
        _samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return result;
    }

    /// <summary>Nearest-rank percentile: the smallest sample that at least <paramref name="p"/>% of samples do not exceed.</summary>
    public double Percentile(double p)
    {
        var sorted = _samples.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>
    /// Runs <paramref name="a"/> and <paramref name="b"/> alternately, swapping which goes first every
    /// round, so drift (GC, caches, the machine) hits both the same. Warm-up rounds are not recorded.
    /// </summary>
    public static async Task<(Timings A, Timings B)> InterleaveAsync(string nameA, Func<Task> a, string nameB, Func<Task> b, int warmup, int rounds)
    {
        for (var i = 0; i < warmup; i++)
        {
            await a();
            await b();
        }

        var ta = new Timings(nameA);
        var tb = new Timings(nameB);
        for (var i = 0; i < rounds; i++)
        {
            if (i % 2 == 0)
            {
                await ta.TimeAsync(async () => { await a(); return 0; });
                await tb.TimeAsync(async () => { await b(); return 0; });
            }
            else
            {
                await tb.TimeAsync(async () => { await b(); return 0; });
                await ta.TimeAsync(async () => { await a(); return 0; });
            }
        }

        return (ta, tb);
    }
}
