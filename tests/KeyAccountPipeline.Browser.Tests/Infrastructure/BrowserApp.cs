using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KeyAccountPipeline.Browser.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel (a real port, real circuits) over a new SQLite database seeded with
/// the demo, and one headless Chromium from the system's packages (scripts/test.sh installs it).
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"kap-browser-{Guid.NewGuid():N}.db");
    private IPlaywright? _playwright;

    public BrowserApp() => UseKestrel(0);

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = default!;

    public HttpClient Api { get; private set; } = default!;

    public SqlCounter Sql { get; } = new();

    /// <summary>Where screenshots go: RESULTS_DIR/screenshots when the test script runs, else beside the tests.</summary>
    public static string Screenshot(string name)
    {
        var folder = Path.Combine(Environment.GetEnvironmentVariable("RESULTS_DIR") ?? Path.Combine(AppContext.BaseDirectory, "TestResults"), "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    public async Task InitializeAsync()
    {
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        Api = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        _playwright = await Playwright.CreateAsync();
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium was not found at {chromium}. Run the tests with scripts/test.sh, which installs it, or set CHROMIUM_PATH.");
        }

        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
    }

    /// <summary>A fresh browser context (own cookies) at projector size, opened on <paramref name="path"/> with a live circuit.</summary>
    public async Task<IPage> OpenAsync(string path, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
            Locale = locale,
            BaseURL = BaseUrl,
        });
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        try
        {
            await GoAsync(page, path);
        }
        catch (TimeoutException error)
        {
            throw new TimeoutException($"{path} did not become interactive. Browser console:\n{string.Join("\n", console)}", error);
        }

        return page;
    }

    /// <summary>Navigates and waits until the circuit is live: before that a prerendered page ignores clicks.</summary>
    public static async Task GoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("html[data-circuit='live']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    public async Task<JsonNode> PostAsync(string url, object body)
    {
        var response = await Api.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {url} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>A new deal for one test, with the given levels reached through the API.</summary>
    public async Task<JsonNode> DealAsync(string customer, params (string Factor, int Level)[] levels)
    {
        var people = JsonNode.Parse(await Api.GetStringAsync("/api/people"))!.AsArray();
        var rep = people.First(p => p!["role"]!.GetValue<string>() == "rep")!;
        var card = await PostAsync("/api/deals", new
        {
            customer,
            industry = "3C electronics",
            region = "South China",
            title = "Regional distribution centre",
            serviceLine = "warehousing",
            ownerId = rep["id"]!.GetValue<Guid>(),
            annualValue = 8_000_000m,
            targetCloseDate = DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(5)),
        });
        foreach (var (factor, level) in levels)
        {
            card = await PostAsync($"/api/deals/{card["id"]}/checkpoints", new
            {
                factor,
                level,
                note = "Confirmed in the weekly call",
                evidence = new { kind = "call", detail = "Call notes" },
                version = card["version"]!.GetValue<int>(),
            });
        }

        return card;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Pipeline", $"Data Source={_database}");
        builder.UseSetting("Seed:Demo", "true");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.ConfigureServices(services => services.ConfigureDbContext<KeyAccountPipeline.Data.PipelineDbContext>(options => options.AddInterceptors(Sql)));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Api?.Dispose();
        await DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
