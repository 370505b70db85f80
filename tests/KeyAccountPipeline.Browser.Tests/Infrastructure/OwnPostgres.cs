using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace KeyAccountPipeline.Browser.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of the test's own, with default settings (max_connections 100), that the test may stop,
/// start and freeze, never the shared one the other tests use. Like scripts/lib/postgres.sh: the newest
/// /usr/lib/postgresql/*/bin (or PG_BIN), a directory under /tmp, trust auth on 127.0.0.1 only; as root,
/// initdb and pg_ctl run as 'postgres' (they refuse root). Also used by the load benchmark.
/// </summary>
public sealed class OwnPostgres : IAsyncDisposable
{
    private const int SigStop = 19;
    private const int SigCont = 18;

    private readonly string _bin;
    private readonly string _dir;

    private OwnPostgres(string bin, string dir, int port)
    {
        _bin = bin;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The server without a database name: append <c>;Database=…</c>.</summary>
    public string Server => $"Host=127.0.0.1;Port={Port};Username=postgres";

    private string Data => Path.Combine(_dir, "data");

    public static async Task<OwnPostgres> StartAsync()
    {
        var bin = Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } given
            ? given
            : Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                    .Where(d => File.Exists(Path.Combine(d, "initdb")))
                    .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).LastOrDefault()
                : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL's binaries were not found under /usr/lib/postgresql: run the tests with scripts/test.sh, which installs them, or set PG_BIN.");
        }

        var dir = Directory.CreateTempSubdirectory("kap-own-pg-").FullName;
        if (IsRoot)
        {
            await RunAsync("chown", "postgres", dir);
        }

        var postgres = new OwnPostgres(bin, dir, FreePort());
        await postgres.RunAsPostgresAsync(Path.Combine(bin, "initdb"), "-D", postgres.Data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale");
        await postgres.StartServerAsync();
        return postgres;
    }

    /// <summary>Starts the (stopped) server and returns once it accepts connections.</summary>
    public Task StartServerAsync() => RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", Data, "-l", Path.Combine(_dir, "server.log"), "-w",
        "-o", $"-p {Port} -k {_dir} -c listen_addresses=127.0.0.1", "start");

    /// <summary>Stops the server as an operator's restart would ("fast": clients are disconnected).</summary>
    public Task StopServerAsync() => RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", Data, "-m", "fast", "-w", "stop");

    /// <summary>The server stops answering (a hung host): SIGSTOP to the postmaster and every backend.</summary>
    public void Freeze() => Signal(SigStop);

    public void Thaw() => Signal(SigCont);

    private void Signal(int signal)
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(Data, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        // The backends first when freezing (the postmaster cannot restart them meanwhile), the postmaster first when thawing.
        var processes = Children(postmaster).Append(postmaster).ToList();
        if (signal == SigCont)
        {
            processes.Reverse();
        }

        foreach (var pid in processes)
        {
            _ = Kill(pid, signal);
        }
    }

    private static IEnumerable<int> Children(int parent)
    {
        foreach (var stat in Directory.GetDirectories("/proc").Select(d => Path.Combine(d, "stat")))
        {
            string text;
            try
            {
                text = File.ReadAllText(stat);
            }
            catch (IOException)
            {
                continue; // the process ended meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // "pid (name) state ppid ...": the name may hold spaces, so read after its closing parenthesis.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            if (int.TryParse(fields[1], out var ppid) && ppid == parent)
            {
                yield return int.Parse(text[..text.IndexOf(' ')], CultureInfo.InvariantCulture);
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static bool IsRoot => Environment.UserName == "root";

    private Task RunAsPostgresAsync(string program, params string[] arguments) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]) : RunAsync(program, arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            Thaw();
            await RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), "-D", Data, "-m", "immediate", "-w", "stop");
        }
        catch (Exception error) when (error is InvalidOperationException or IOException)
        {
            // Already stopped.
        }

        Directory.Delete(_dir, recursive: true);
    }
}
