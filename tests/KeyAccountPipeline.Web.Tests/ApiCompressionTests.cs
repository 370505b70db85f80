using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using KeyAccountPipeline.Web.Tests.Infrastructure;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// The API's answers are compressed on the wire when the client accepts it (Brotli, else gzip), and read the same once
/// decompressed; the sign-in's answer, which carries a token, never is (BREACH, docs in CompressionSetup).
/// </summary>
public sealed class ApiCompressionTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, deflate, br", "br")]
    public async Task TheBoardTravelsCompressedAndReadsTheSame(string accepted, string expected)
    {
        var client = app.ClientFor(app.Manager);
        for (var i = await CardsAsync(client); i < 10; i++)
        {
            await client.PostOkAsync("/api/deals", app.NewDealBody($"Compressed Freight {i}"));
        }

        var plain = await client.GetByteArrayAsync("/api/board");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/board");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", accepted);
        using var response = await client.SendAsync(request);

        response.EnsureSuccessStatusCode();
        Assert.Equal([expected], response.Content.Headers.ContentEncoding);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length * 4 < plain.Length, $"{compressed.Length} bytes compressed of {plain.Length}");
        Assert.Equal(plain, Decompress(compressed, expected));
    }

    [Fact]
    public async Task WithoutAcceptEncodingTheBoardIsSentAsItIs()
    {
        using var response = await app.ClientFor(app.Manager).GetAsync("/api/board");
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task TheSignInsAnswerWithItsTokenIsNeverCompressed()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token")
        {
            Content = JsonContent.Create(new { email = app.Manager.Email, password = PipelineApp.Password }),
        };
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await client.SendAsync(request);

        response.EnsureSuccessStatusCode();
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("accessToken", await response.Content.ReadAsStringAsync());
    }

    private static async Task<int> CardsAsync(HttpClient client) =>
        (await client.GetJsonAsync("/api/board"))["columns"]!.AsArray().Sum(c => c!["count"]!.GetValue<int>());

    private static byte[] Decompress(byte[] data, string encoding)
    {
        using var input = new MemoryStream(data);
        using Stream reader = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        reader.CopyTo(output);
        return output.ToArray();
    }
}
