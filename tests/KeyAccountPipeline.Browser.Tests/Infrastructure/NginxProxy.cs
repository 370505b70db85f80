using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using KeyAccountPipeline.Web.Components.Tests.Infrastructure;

namespace KeyAccountPipeline.Browser.Tests.Infrastructure;

/// <summary>
/// Debian's nginx (/usr/sbin/nginx; scripts/test.sh installs it) running the repository's own configuration,
/// deploy/nginx/keyaccountpipeline.conf, in front of app instances: the file as README "Behind a reverse proxy" quotes it,
/// with only its addresses changed to the instances' ports, a port of its own on 127.0.0.1 and a self-signed certificate.
/// Everything it writes (pid, logs, temp files) goes to a directory of its own. Its access log names the instance that
/// answered each request (<see cref="LastUpstream"/>).
/// </summary>
public sealed partial class NginxProxy : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nginx";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly DirectoryInfo _dir;

    private NginxProxy(Process process, DirectoryInfo dir, int port)
    {
        _process = process;
        _dir = dir;
        BaseUrl = $"https://127.0.0.1:{port}";
    }

    /// <summary>The proxy's address, as a browser opens it (HTTPS, self-signed).</summary>
    public string BaseUrl { get; }

    /// <summary>The configuration in the repository that the README quotes.</summary>
    public static string ConfigurationFile => Path.Combine(RepositoryFolder.Root(), "deploy", "nginx", "keyaccountpipeline.conf");

    private string ErrorLog => File.Exists(Path.Combine(_dir.FullName, "error.log")) ? File.ReadAllText(Path.Combine(_dir.FullName, "error.log")) : string.Empty;

    public static async Task<NginxProxy> StartAsync(params AppProcess[] instances)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"nginx was not found at {Binary}. Run the tests with scripts/test.sh, which installs it (apt-get install nginx).");
        }

        var dir = Directory.CreateTempSubdirectory("kap-nginx-");
        // nginx's workers run as 'nobody' when it is started as root, and must reach their temp folders in here.
        if (!OperatingSystem.IsWindows())
        {
            dir.UnixFileMode |= UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        }

        var (https, http) = (AppProcess.FreePort(), AppProcess.FreePort());
        var (certificate, key) = SelfSignedCertificate(dir.FullName);
        var site = Path.Combine(dir.FullName, "keyaccountpipeline.conf");
        await File.WriteAllTextAsync(site, Configure(await File.ReadAllTextAsync(ConfigurationFile), instances.Select(i => new Uri(i.BaseUrl).Authority).ToList(), https, http, certificate, key));
        var main = Path.Combine(dir.FullName, "nginx.conf");
        await File.WriteAllTextAsync(main, $$"""
            worker_processes 1;
            pid {{dir.FullName}}/nginx.pid;
            error_log {{dir.FullName}}/error.log info;
            events { worker_connections 256; }
            http {
                log_format upstreams '$request_method $uri $status $upstream_addr';
                access_log {{dir.FullName}}/access.log upstreams;
                client_body_temp_path {{dir.FullName}}/body;
                proxy_temp_path {{dir.FullName}}/proxy;
                fastcgi_temp_path {{dir.FullName}}/fastcgi;
                uwsgi_temp_path {{dir.FullName}}/uwsgi;
                scgi_temp_path {{dir.FullName}}/scgi;
                include {{site}};
            }
            """);

        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-e", Path.Combine(dir.FullName, "error.log"), "-p", dir.FullName, "-c", main, "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }

        var proxy = new NginxProxy(Process.Start(start) ?? throw new InvalidOperationException("nginx did not start."), dir, https);
        try
        {
            await proxy.WaitUntilListeningAsync(https);
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }

        return proxy;
    }

    /// <summary>
    /// The site file with the instances' addresses, the listening ports and the certificate put in. Each thing replaced must
    /// be there as many times as expected, so a change to the file that this would silently miss fails the test instead.
    /// </summary>
    internal static string Configure(string text, IReadOnlyList<string> upstreams, int httpsPort, int httpPort, string certificate, string key)
    {
        var next = 0;
        text = Replace(text, UpstreamServer(), upstreams.Count, _ => $"server {upstreams[next++]}");
        text = Replace(text, ListenHttps(), 1, _ => $"listen 127.0.0.1:{httpsPort} ssl;");
        text = Replace(text, ListenHttp(), 1, _ => $"listen 127.0.0.1:{httpPort};");
        text = Replace(text, Certificate(), 1, _ => $"ssl_certificate {certificate};");
        return Replace(text, CertificateKey(), 1, _ => $"ssl_certificate_key {key};");
    }

    private static string Replace(string text, Regex pattern, int expected, MatchEvaluator replacement)
    {
        var found = pattern.Matches(text).Count;
        return found == expected
            ? pattern.Replace(text, replacement)
            : throw new InvalidOperationException($"{ConfigurationFile}: expected {expected} match(es) of /{pattern}/, found {found}; adjust NginxProxy to the file.");
    }

    /// <summary>
    /// The instance that answered the last request through the proxy whose path starts with <paramref name="pathPrefix"/>
    /// (the last one nginx tried, when it moved on from a failed one); null when there was none.
    /// </summary>
    public AppProcess? LastUpstream(string pathPrefix, params AppProcess[] instances)
    {
        var log = Path.Combine(_dir.FullName, "access.log");
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var line = new StreamReader(stream).ReadToEnd().Split('\n')
            .LastOrDefault(l => l.Split(' ') is [_, var path, ..] && path.StartsWith(pathPrefix, StringComparison.Ordinal));
        var upstream = line?.Split(' ', 4)[3].Split(',').Last().Trim();
        return instances.SingleOrDefault(i => new Uri(i.BaseUrl).Authority == upstream);
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        var until = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()}\n{ErrorLog}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>A certificate for 127.0.0.1 that nobody trusts: the browser context is told to accept it.</summary>
    private static (string Certificate, string Key) SelfSignedCertificate(string dir)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var (certificatePath, keyPath) = (Path.Combine(dir, "proxy.pem"), Path.Combine(dir, "proxy.key"));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    [GeneratedRegex(@"server\s+[\w.\-]+:\d+")]
    private static partial Regex UpstreamServer();

    [GeneratedRegex(@"listen\s+443\s+ssl;")]
    private static partial Regex ListenHttps();

    [GeneratedRegex(@"listen\s+80;")]
    private static partial Regex ListenHttp();

    [GeneratedRegex(@"ssl_certificate\s+\S+;")]
    private static partial Regex Certificate();

    [GeneratedRegex(@"ssl_certificate_key\s+\S+;")]
    private static partial Regex CertificateKey();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _dir.Delete(recursive: true);
    }
}
