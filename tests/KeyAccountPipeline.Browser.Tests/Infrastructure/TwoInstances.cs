using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace KeyAccountPipeline.Browser.Tests.Infrastructure;

/// <summary>
/// Two app processes, A (which seeds the demo) and B, on one new database of the test PostgreSQL (KAP_TEST_POSTGRES,
/// set by scripts/test.sh), as two instances behind a reverse proxy run.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public AppProcess A { get; private set; } = default!;

    public AppProcess B { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        var server = Environment.GetEnvironmentVariable("KAP_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                "KAP_TEST_POSTGRES is not set. Run the tests with scripts/test.sh, which starts a throwaway PostgreSQL, " +
                "or set it to a server's connection string (e.g. Host=127.0.0.1;Port=5432;Username=postgres).");
        }

        var database = $"{server};Database=kap_live_{Guid.NewGuid():N}";
        // A first: it creates, migrates and seeds the database; B then finds it ready.
        A = await AppProcess.StartAsync("a", database, seedDemo: true);
        B = await AppProcess.StartAsync("b", database, seedDemo: false);
    }

    /// <summary>An API client of <paramref name="instance"/>, signed in there with a bearer token as <paramref name="email"/>.</summary>
    public static async Task<HttpClient> ApiAsync(AppProcess instance, string email = BrowserApp.Manager)
    {
        var client = new HttpClient { BaseAddress = new Uri(instance.BaseUrl) };
        var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password = Data.Seed.DemoSeeder.Password });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Sign-in as {email} on {instance.BaseUrl} answered {(int)response.StatusCode}: {text}");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JsonNode.Parse(text)!["accessToken"]!.GetValue<string>());
        return client;
    }

    public async Task DisposeAsync()
    {
        if (B is not null)
        {
            await B.DisposeAsync();
        }

        if (A is not null)
        {
            await A.DisposeAsync();
        }
    }
}
