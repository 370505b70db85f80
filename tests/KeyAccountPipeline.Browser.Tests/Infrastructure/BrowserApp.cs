using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KeyAccountPipeline.Browser.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel (a real port, real circuits) over a new SQLite database seeded with
/// the demo, and one headless Chromium from the system's packages (scripts/test.sh installs it).
/// </summary>
public class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"kap-browser-{Guid.NewGuid():N}.db");
    private IPlaywright? _playwright;

    public BrowserApp() => UseKestrel(0);

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = default!;

    public HttpClient Api { get; private set; } = default!;

    public SqlCounter Sql { get; } = new();

    /// <summary>Demo people (README): the manager signs in unless a test says otherwise.</summary>
    public const string Manager = "zhao.jianguo@demo.keyaccount.cn";
    public const string Rep = "wang.lei@demo.keyaccount.cn";
    public const string OtherRep = "li.na@demo.keyaccount.cn";
    public const string Admin = "zhou.min@demo.keyaccount.cn";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<string>> _signedIn = new();

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
        Api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TokenAsync(Manager));
        _playwright = await Playwright.CreateAsync();
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium was not found at {chromium}. Run the tests with scripts/test.sh, which installs it, or set CHROMIUM_PATH.");
        }

        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
    }

    /// <summary>
    /// A fresh browser context at projector size, signed in as <paramref name="user"/> (the demo manager by default),
    /// opened on <paramref name="path"/> with a live circuit. Each user signs in through the sign-in page once; later
    /// contexts start from that user's cookies.
    /// </summary>
    public async Task<IPage> OpenAsync(string path, string locale = "en-US", string user = Manager, string password = Data.Seed.DemoSeeder.Password, Device? device = null)
    {
        var state = await _signedIn.GetOrAdd(user, SignInThroughThePageAsync, password);
        var context = await NewContextAsync(locale, state, device);
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

    /// <summary>
    /// A fresh browser context in <paramref name="locale"/>, sized as <paramref name="device"/> (the projector,
    /// <see cref="Device.Projector"/>, when null), optionally starting from a signed-in <paramref name="storageState"/>.
    /// </summary>
    public Task<IBrowserContext> NewContextAsync(string locale = "en-US", string? storageState = null, Device? device = null)
    {
        device ??= Device.Projector;
        return Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = device.Width, Height = device.Height },
            IsMobile = device.Touch,
            HasTouch = device.Touch,
            DeviceScaleFactor = device.Touch ? 2 : 1,
            Locale = locale,
            BaseURL = BaseUrl,
            StorageState = storageState,
        });
    }

    /// <summary>
    /// A browser context on another app (an instance run as a process, <see cref="AppProcess"/>) at <paramref name="baseUrl"/>,
    /// signed in as the demo manager through that app's sign-in page. <paramref name="selfSigned"/>: the address is HTTPS with a
    /// certificate the browser is told to accept (a test's reverse proxy, <see cref="NginxProxy"/>).
    /// </summary>
    public async Task<IBrowserContext> SignedInContextAsync(string baseUrl, bool selfSigned = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
            Locale = "en-US",
            BaseURL = baseUrl,
            IgnoreHTTPSErrors = selfSigned,
        });
        var page = await context.NewPageAsync();
        await SignInAsync(page, Manager, Data.Seed.DemoSeeder.Password);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await page.CloseAsync();
        return context;
    }

    /// <summary>Fills in the sign-in page as a person would and returns the signed-in cookies.</summary>
    private async Task<string> SignInThroughThePageAsync(string email, string password)
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, email, password);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return await context.StorageStateAsync();
    }

    /// <summary>Opens the sign-in page and submits <paramref name="email"/> and <paramref name="password"/>.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>A bearer token for the API, as a client program would get one.</summary>
    public async Task<string> TokenAsync(string email)
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password = Data.Seed.DemoSeeder.Password });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Sign-in as {email} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["accessToken"]!.GetValue<string>();
    }

    /// <summary>An API client of this app signed in with a bearer token as <paramref name="email"/> (the caller disposes it).</summary>
    public async Task<HttpClient> ApiAsAsync(string email)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TokenAsync(email));
        return client;
    }

    /// <summary>
    /// A MudBlazor text field's input by the field's test id, which sits on the input or on its wrapper depending on
    /// MudBlazor's version.
    /// </summary>
    public static ILocator Field(IPage page, string test) => page.Locator($"input[data-test='{test}'], [data-test='{test}'] input").First;

    /// <summary>Navigates and waits until the circuit is live: before that a prerendered page ignores clicks.</summary>
    public static async Task GoAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("html[data-circuit='live']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }

    public Task<JsonNode> PostAsync(string url, object body) => PostAsync(Api, url, body);

    public static async Task<JsonNode> PostAsync(HttpClient api, string url, object body)
    {
        var response = await api.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {url} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>A new deal for one test, with the given levels reached through the API.</summary>
    public Task<JsonNode> DealAsync(string customer, params (string Factor, int Level)[] levels) => DealOfAsync(null, customer, levels);

    /// <summary>A new deal owned by the person with <paramref name="ownerEmail"/> (the first active rep when null).</summary>
    public Task<JsonNode> DealOfAsync(string? ownerEmail, string customer, params (string Factor, int Level)[] levels) =>
        CreateDealAsync(Api, ownerEmail, customer, levels);

    /// <summary>A new deal through <paramref name="api"/> (of any app instance), as <see cref="DealOfAsync"/>.</summary>
    public static async Task<JsonNode> CreateDealAsync(HttpClient api, string? ownerEmail, string customer, params (string Factor, int Level)[] levels)
    {
        var people = JsonNode.Parse(await api.GetStringAsync("/api/people"))!.AsArray();
        // An active rep: other tests add and disable people of their own, and a disabled owner is refused.
        var rep = people.First(p => ownerEmail is null
            ? p!["role"]!.GetValue<string>() == "rep" && p["active"]!.GetValue<bool>()
            : p!["email"]!.GetValue<string>() == ownerEmail)!;
        var card = await PostAsync(api, "/api/deals", new
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
            card = await PostAsync(api, $"/api/deals/{card["id"]}/checkpoints", new
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
        // Every test signs in from 127.0.0.1, more often than the sign-in rate limits allow one address; no clock-driven notifications.
        foreach (var (key, value) in AppProcess.TestSettings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.ConfigureDbContext<KeyAccountPipeline.Data.PipelineDbContext>(options => options.AddInterceptors(Sql));
            ConfigureServices(services);
        });
    }

    /// <summary>For a variant of the app (e.g. on a fake clock).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
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
