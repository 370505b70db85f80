using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace KeyAccountPipeline.Browser.Tests.Infrastructure;

/// <summary>
/// The built app (KeyAccountPipeline.Web.dll, copied beside the caller) as a process of its own on PostgreSQL, as each
/// of several instances behind a reverse proxy runs: two of these share nothing but the database. Each gets its own
/// HOME, so no file-system key ring is common to them either: what one instance's cookie needs on another comes from
/// the database. Also used by the live benchmark (bench/KeyAccountPipeline.BrowserBenchmarks).
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly DirectoryInfo _home;
    private readonly ConcurrentQueue<string> _output = new();

    private AppProcess(Process process, DirectoryInfo home, string baseUrl)
    {
        _process = process;
        _home = home;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>The app's process (its memory is read from /proc by the scale benchmark).</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// What every app of the browser tests runs with: rate limits far above what the tests send from 127.0.0.1 (all of them
    /// sign in from there); and no clock-driven notifications (the weekly digest, the stall and due-date scan), which would
    /// ring the demo people's bells at moments no test chose. The events people cause are recorded as in production.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> TestSettings = new Dictionary<string, string>
    {
        ["Auth:RateLimit:SignInPerAddress"] = "1000000",
        ["Auth:RateLimit:SignInPerAccount"] = "1000000",
        ["Auth:RateLimit:ApiPerPerson"] = "1000000",
        ["Notifications:Digest:Enabled"] = "false",
        ["Notifications:Events:ScanMinutes"] = "0",
    };

    /// <summary>The last lines the app wrote, for a failure message.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>
    /// Starts an instance on <paramref name="connectionString"/> and waits until /health answers 200.
    /// <paramref name="settings"/>: more settings as environment variables (e.g. <c>Database__MaxPoolSize</c>).
    /// </summary>
    public static Task<AppProcess> StartAsync(string name, string connectionString, bool seedDemo, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string?>
        {
            // Development serves the build's static web assets (CSS, scripts) from their source folders, as `dotnet run` does.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Pipeline"] = connectionString,
            ["Seed__Demo"] = seedDemo ? "true" : "false",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in TestSettings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return StartAsync(name, AppContext.BaseDirectory, environment);
    }

    /// <summary>
    /// Starts the app (the KeyAccountPipeline.Web.dll beside the tests) in <paramref name="workingDirectory"/> with
    /// <paramref name="environment"/> added to this process's variables (a null value removes one), and waits until
    /// /health answers 200.
    /// </summary>
    public static async Task<AppProcess> StartAsync(string name, string workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        var port = FreePort();
        var home = Directory.CreateTempSubdirectory($"kap-{name}-");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "KeyAccountPipeline.Web.dll"));
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["HOME"] = home.FullName;
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new AppProcess(process, home, $"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, line) => app.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => app.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilHealthyAsync(name);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    private async Task WaitUntilHealthyAsync(string name)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Instance {name} exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Instance {name} was not healthy within {StartTimeout}:\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200)
        {
            _output.TryDequeue(out _);
        }
    }

    /// <summary>A port free on 127.0.0.1 just now.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Ends the instance at once, as a crash or a lost machine would: no shutdown, its circuits gone with it.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        _home.Delete(recursive: true);
    }
}
