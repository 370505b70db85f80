using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KeyAccountPipeline.Web.Tests.Infrastructure;

/// <summary>Small helpers over HttpClient that read the API as a client would: JSON nodes, not server types.</summary>
public static class ApiClient
{
    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty body");

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonNode> SendOkAsync(this HttpClient client, HttpMethod method, string url, object body)
    {
        var response = await client.SendAsync(new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) });
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {url} answered {(int)response.StatusCode}: {json}");
        return JsonNode.Parse(json)!;
    }

    public static Task<JsonNode> PostOkAsync(this HttpClient client, string url, object body) => client.SendOkAsync(HttpMethod.Post, url, body);

    /// <summary>Asserts a 400 problem+json whose errors name <paramref name="field"/>.</summary>
    public static async Task<JsonNode> AssertFieldErrorAsync(this HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400 naming '{field}', got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"Expected an error for '{field}', got: {errors.ToJsonString()}");
        Assert.Contains(errors[field]!.AsArray(), e => e!.GetValue<string>().Length > 0);
        return problem;
    }

    public static string[] Strings(this JsonNode? node) =>
        node?.AsArray().Select(n => n!.GetValue<string>()).ToArray() ?? [];

    public static StringContent RawJson(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
