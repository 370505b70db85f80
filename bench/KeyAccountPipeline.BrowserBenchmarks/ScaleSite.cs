using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Benchmarks;
using KeyAccountPipeline.Browser.Tests.Infrastructure;

namespace KeyAccountPipeline.BrowserBenchmarks;

/// <summary>
/// The built app (Release, Production settings) as a process of its own on a database that scripts/bench-scale.sh seeded
/// (KAP_BENCH_POSTGRES + <c>--database</c>), signed in to the API as the seed's first bench manager.
/// </summary>
internal sealed class ScaleSite : IBoardSite, IAsyncDisposable
{
    /// <summary>Production, as deployed (the build output's static assets are served all the same: AppFolder.UseBuildOutputAssets).</summary>
    private static readonly Dictionary<string, string> Production = new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
    };

    private readonly AppProcess _app;
    private readonly string _token;

    private ScaleSite(AppProcess app, string token)
    {
        _app = app;
        _token = token;
    }

    public string BaseUrl => _app.BaseUrl;

    public int ProcessId => _app.ProcessId;

    public string? StorageState { get; set; }

    public static async Task<ScaleSite> StartAsync(string name, string database)
    {
        var server = Environment.GetEnvironmentVariable("KAP_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("KAP_BENCH_POSTGRES is not set: run scripts/bench-scale.sh, which starts a throwaway PostgreSQL and seeds it.");
        var app = await AppProcess.StartAsync(name, $"{server};Database={database}", seedDemo: false, Production);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            var token = await LiveBench.PostAsync(client, "/api/auth/token", new { email = ScaleRun.ManagerEmail(1), password = ScaleRun.Password });
            return new ScaleSite(app, token["accessToken"]!.GetValue<string>());
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public HttpClient ApiClient()
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return client;
    }

    /// <summary>The open deals on the board, by the API.</summary>
    public async Task<int> OpenDealsAsync()
    {
        using var http = ApiClient();
        var board = JsonNode.Parse(await http.GetStringAsync("/api/board"))!;
        return board["columns"]!.AsArray().Sum(c => c!["count"]!.GetValue<int>());
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
