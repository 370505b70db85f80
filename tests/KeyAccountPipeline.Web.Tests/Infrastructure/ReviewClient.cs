using System.Globalization;
using System.Text.Json.Nodes;

namespace KeyAccountPipeline.Web.Tests.Infrastructure;

/// <summary>Reading the review's window as a client would.</summary>
public static class ReviewClient
{
    /// <summary><c>GET /api/review/changes</c> from <paramref name="since"/> to <paramref name="until"/> (none: today).</summary>
    public static Task<JsonNode> ReviewChangesAsync(this HttpClient client, DateOnly since, DateOnly? until)
    {
        var query = $"since={since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
            + (until is { } end ? $"&until={end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : string.Empty);
        return client.GetJsonAsync($"/api/review/changes?{query}");
    }

    /// <summary>The deal's part of the review, or null when the review does not list it.</summary>
    public static JsonNode? ReviewedDeal(this JsonNode changes, Guid id) =>
        changes["deals"]!.AsArray().FirstOrDefault(d => d!["card"]!["id"]!.GetValue<Guid>() == id);
}
