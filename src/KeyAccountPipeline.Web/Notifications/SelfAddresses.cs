using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>
/// Which URLs are this app itself, so a robot's webhook cannot be aimed back at it (issue 17 "bad input": a robot posting to
/// the app's own API would be a request the app makes against itself with no person behind it). Self is: the authority of
/// <c>Notifications:PublicUrl</c>; the authority of the request being served (the admin's own browser or API call); and any
/// loopback address ("localhost", 127.0.0.0/8, ::1, 0.0.0.0) on a port this app listens on or was reached on.
/// </summary>
public sealed class SelfAddresses(NotificationPublicUrl publicUrl, IServer server, IHttpContextAccessor http)
{
    /// <summary>True when <paramref name="url"/> (absolute) points at this app.</summary>
    public bool IsSelf(Uri url)
    {
        var ports = new HashSet<int>();
        foreach (var own in OwnUrls())
        {
            if (SameAuthority(own, url))
            {
                return true;
            }

            if (IsLoopback(own.Host))
            {
                ports.Add(own.Port);
            }
        }

        return IsLoopback(url.Host) && ports.Contains(url.Port);
    }

    private IEnumerable<Uri> OwnUrls()
    {
        yield return publicUrl.Base;
        if (http.HttpContext?.Request is { Host.HasValue: true } request
            && Uri.TryCreate($"{request.Scheme}://{request.Host.Value}", UriKind.Absolute, out var reached))
        {
            yield return reached;
        }

        foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            // Kestrel lists what it bound ("http://[::]:5000", "http://127.0.0.1:5000"): the port is what matters.
            var parsed = address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal);
            if (Uri.TryCreate(parsed, UriKind.Absolute, out var bound))
            {
                yield return new UriBuilder(bound) { Host = "localhost" }.Uri;
            }
        }
    }

    private static bool SameAuthority(Uri a, Uri b) =>
        string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)));
}

/// <summary>
/// The channels' settings: <c>Notifications:Robots:PerMinute</c> (messages one robot is sent per minute; default 20, the
/// platforms' published limit). The links in their messages come from <see cref="NotificationPublicUrl"/>.
/// </summary>
public sealed record ChannelSettings(int RobotsPerMinute)
{
    public const string PerMinuteKey = "Notifications:Robots:PerMinute";

    /// <exception cref="InvalidOperationException">The setting is present but malformed (named in the message).</exception>
    public static ChannelSettings Read(IConfiguration configuration) =>
        new(Infrastructure.Settings.Int(configuration, PerMinuteKey, 20, 1, 10_000));
}
