using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Data.Imports;
using MiniExcelLibs;

namespace KeyAccountPipeline.Benchmarks;

/// <summary>
/// The import benchmark of the import issue (§6): a 10,000-row workbook, as a team's regional Excel file would be,
/// uploaded through <c>POST /api/imports</c> (read, mapped and every row checked: the preview) and committed through
/// <c>POST /api/imports/{id}/commit</c>, on top of the seeded pipeline; then the same file again (every row unchanged),
/// and the same rows as a GB18030 CSV with Chinese headers (preview only). Targets: preview ≤ 10 s, import ≤ 30 s.
/// Run with <c>scripts/bench.sh --import [--rows N]</c>.
/// </summary>
internal static class ImportBench
{
    private static readonly TimeSpan PreviewTarget = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ImportTarget = TimeSpan.FromSeconds(30);

    private static readonly ImportField[] Columns = Enum.GetValues<ImportField>();

    public static async Task<int> RunAsync(HttpClient client, int rows)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var table = Rows(rows, today);
        var workbook = Workbook(table, CultureInfo.GetCultureInfo("en"));
        var csv = GbCsv(table);
        Console.WriteLine($"Import of {rows:N0} rows: .xlsx {workbook.Length / 1024.0:N0} KB, GB18030 .csv {csv.Length / 1024.0:N0} KB");

        var results = new List<(string Step, TimeSpan Took, TimeSpan? Target, string Outcome)>();
        var (id, preview, took) = await UploadAsync(client, workbook, "bench-import.xlsx");
        results.Add(("preview .xlsx (new deals)", took, PreviewTarget, Counts(preview)));
        var (outcome, committed) = await CommitAsync(client, id);
        results.Add(("import (new deals)", committed, ImportTarget, outcome));

        (id, preview, took) = await UploadAsync(client, workbook, "bench-import.xlsx");
        results.Add(("preview .xlsx again (unchanged)", took, PreviewTarget, Counts(preview)));
        (outcome, committed) = await CommitAsync(client, id);
        results.Add(("import again (unchanged)", committed, ImportTarget, outcome));

        (_, preview, took) = await UploadAsync(client, csv, "bench-import.csv");
        results.Add(("preview GB18030 .csv", took, PreviewTarget, Counts(preview)));

        Console.WriteLine();
        Console.WriteLine($"{"step",-34} {"seconds",8} {"target",7}  result");
        var met = true;
        foreach (var (step, time, target, result) in results)
        {
            var ok = target is null || time <= target;
            met &= ok;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{step,-34} {time.TotalSeconds,8:F2} {(target is null ? "" : $"≤{target.Value.TotalSeconds:F0}"),7}  {(ok ? "" : "MISSED ")}{result}"));
        }

        return met ? 0 : 1;
    }

    private static List<object?[]> Rows(int count, DateOnly today)
    {
        var random = new Random(16);
        var lines = new[] { "Warehousing", "Distribution", "Transport", "ContractLogistics" };
        var rows = new List<object?[]>(count);
        for (var i = 1; i <= count; i++)
        {
            var started = today.AddDays(-random.Next(60, 400));
            var asOf = started.AddDays(random.Next(1, 50));
            rows.Add([
                $"导入客户 Import Customer {i % 3000:D4}", "Cold chain", "华东 East", $"Contract {i:D5}", lines[i % lines.Length],
                $"rep{(i % 12) + 1:D2}@bench.keyaccount.cn", 100_000 + (i * 37 % 9_000_000), today.AddDays(random.Next(30, 300)), started,
                random.Next(0, 5), random.Next(0, 5), random.Next(0, 4), random.Next(0, 4), random.Next(0, 3), asOf, $"BENCH-{i:D6}",
            ]);
        }

        return rows;
    }

    private static byte[] Workbook(List<object?[]> rows, CultureInfo culture)
    {
        var headers = Columns.Select(f => ImportColumns.Header(f).For(culture)).ToArray();
        var sheet = rows.Select(row => (IDictionary<string, object?>)headers.Select((h, i) => (h, row[i] is DateOnly d ? d.ToDateTime(TimeOnly.MinValue) : row[i]))
            .ToDictionary(p => p.h, p => p.Item2));
        using var stream = new MemoryStream();
        stream.SaveAs(sheet);
        return stream.ToArray();
    }

    private static byte[] GbCsv(List<object?[]> rows)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var zh = CultureInfo.GetCultureInfo("zh-CN");
        var text = new StringBuilder(string.Join(',', Columns.Select(f => ImportColumns.Header(f).For(zh)))).Append("\r\n");
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(c => c is DateOnly d ? d.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture) : Convert.ToString(c, CultureInfo.InvariantCulture)))
                .Append("\r\n");
        }

        return Encoding.GetEncoding("GB18030").GetBytes(text.ToString());
    }

    private static async Task<(Guid Id, JsonNode Preview, TimeSpan Took)> UploadAsync(HttpClient client, byte[] file, string name)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", name);
        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsync("/api/imports", form);
        var text = await response.Content.ReadAsStringAsync();
        clock.Stop();
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchmarkInvalidException($"POST /api/imports answered {(int)response.StatusCode}: {text[..Math.Min(500, text.Length)]}");
        }

        var preview = JsonNode.Parse(text)!;
        return (preview["id"]!.GetValue<Guid>(), preview, clock.Elapsed);
    }

    private static async Task<(string Outcome, TimeSpan Took)> CommitAsync(HttpClient client, Guid id)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsJsonAsync($"/api/imports/{id}/commit", new { matches = "skip" });
        var text = await response.Content.ReadAsStringAsync();
        clock.Stop();
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchmarkInvalidException($"POST /api/imports/{id}/commit answered {(int)response.StatusCode}: {text[..Math.Min(500, text.Length)]}");
        }

        var outcome = JsonNode.Parse(text)!;
        return ($"created {outcome["created"]}, updated {outcome["updated"]}, unchanged {outcome["unchanged"]}, errors {outcome["errors"]}", clock.Elapsed);
    }

    private static string Counts(JsonNode preview) =>
        $"{preview["rows"]} rows: new {preview["new"]}, updates {preview["updates"]}, unchanged {preview["unchanged"]}, errors {preview["errors"]}";
}
