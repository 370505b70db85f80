using System.Text.Json.Nodes;
using Npgsql;

namespace KeyAccountPipeline.Benchmarks;

/// <summary>What one table contributed to a query: rows its scans produced, summed over loops.</summary>
internal sealed record TableRead(string Table, long Rows, long Loops, string Access);

/// <summary>A query as PostgreSQL ran it: EXPLAIN (ANALYZE, BUFFERS) summed per table.</summary>
internal sealed record QueryPlan(IReadOnlyList<TableRead> Tables, long SharedBuffers, double ExecutionMs, string Text)
{
    public long RowsRead => Tables.Sum(t => t.Rows);

    public long RowsFrom(string table) => Tables.Where(t => t.Table == table).Sum(t => t.Rows);

    public static async Task<QueryPlan> ExplainAsync(NpgsqlDataSource dataSource, CapturedCommand command)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var json = await RunAsync(connection, "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ", command);
        var text = await RunAsync(connection, "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) ", command);
        var root = JsonNode.Parse(json)!.AsArray()[0]!;
        var plan = root["Plan"]!;
        var reads = new List<TableRead>();
        Walk(plan, reads);
        var tables = reads.GroupBy(r => r.Table)
            .Select(g => new TableRead(g.Key, g.Sum(r => r.Rows), g.Sum(r => r.Loops), string.Join(" + ", g.Select(r => r.Access).Distinct())))
            .OrderByDescending(t => t.Rows).ToList();
        var buffers = (long)plan["Shared Hit Blocks"]! + (long)plan["Shared Read Blocks"]!;
        return new QueryPlan(tables, buffers, (double)root["Execution Time"]!, text);
    }

    private static async Task<string> RunAsync(NpgsqlConnection connection, string prefix, CapturedCommand captured)
    {
        await using var command = new NpgsqlCommand(prefix + captured.Sql, connection);
        foreach (var p in captured.Parameters)
        {
            command.Parameters.Add(p.Clone());
        }

        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    private static void Walk(JsonNode node, List<TableRead> reads)
    {
        if (node["Relation Name"] is { } relation)
        {
            var loops = (long)node["Actual Loops"]!;
            var access = (string)node["Node Type"]!;
            if (node["Index Name"] is { } index)
            {
                access += $" {index}";
            }

            // Actual Rows is the average per loop.
            reads.Add(new TableRead((string)relation!, (long)((double)node["Actual Rows"]! * loops), loops, access));
        }

        foreach (var child in node["Plans"]?.AsArray() ?? [])
        {
            Walk(child!, reads);
        }
    }
}
