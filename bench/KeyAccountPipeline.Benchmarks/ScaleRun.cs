using System.Globalization;

namespace KeyAccountPipeline.Benchmarks;

/// <summary>
/// What the steps of scripts/bench-scale.sh share (this file is linked into both benchmark projects): the sign-ins the
/// seed gives, and the results file (KAP_BENCH_RESULTS) each step appends its measures to, one tab-separated line each:
/// section, measure, value, target, and "met", "MISSED" or nothing. The last step prints them as one table.
/// </summary>
internal static class ScaleRun
{
    public const string ResultsVariable = "KAP_BENCH_RESULTS";

    public const string Password = "bench-pass-2026";

    /// <summary>The <paramref name="n"/>th extra manager the seed gives a sign-in (1-based).</summary>
    public static string ManagerEmail(int n) => string.Create(CultureInfo.InvariantCulture, $"bench.manager{n:D3}@bench.keyaccount.cn");

    /// <summary>Appends one measure to the results file, when the script set one; <paramref name="met"/> null: nothing to judge.</summary>
    public static void Add(string section, string measure, string value, string target = "", bool? met = null)
    {
        if (Environment.GetEnvironmentVariable(ResultsVariable) is not { Length: > 0 } file)
        {
            return;
        }

        var cells = new[] { section, measure, value, target, met is null ? string.Empty : met.Value ? "met" : "MISSED" }
            .Select(c => c.Replace('\t', ' ').Replace('\n', ' '));
        File.AppendAllText(file, string.Join('\t', cells) + "\n");
    }

    /// <summary>The results as a table; 0 when every judged measure met its target, 1 otherwise, 2 when there are none.</summary>
    public static int PrintSummary(string file)
    {
        var rows = File.Exists(file) ? File.ReadAllLines(file).Select(l => l.Split('\t')).Where(r => r.Length == 5).ToList() : [];
        if (rows.Count == 0)
        {
            Console.WriteLine($"No results in {file}.");
            return 2;
        }

        string[] head = ["", "measure", "value", "target", "met/missed"];
        var widths = Enumerable.Range(0, 5).Select(c => rows.Append(head).Max(r => r[c].Length)).ToArray();
        string Line(string[] r) => string.Join("  ", r.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd();
        Console.WriteLine(Line(head));
        string? section = null;
        foreach (var r in rows)
        {
            Console.WriteLine(Line([r[0] == section ? string.Empty : r[0], r[1], r[2], r[3], r[4]]));
            section = r[0];
        }

        var missed = rows.Count(r => r[4] == "MISSED");
        Console.WriteLine();
        Console.WriteLine(missed == 0 ? "All targets met." : $"{missed} target(s) MISSED.");
        return missed == 0 ? 0 : 1;
    }
}
