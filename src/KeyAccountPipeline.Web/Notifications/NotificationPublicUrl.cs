using KeyAccountPipeline.Web.Infrastructure;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>
/// Where people reach the app from outside (setting <c>Notifications:PublicUrl</c>, default "http://localhost:5000"): links
/// in emails, group messages and the digest are absolute, since an email or a group chat has no page to be relative to. An
/// app served under a path ("https://corp.example.cn/kap") keeps it in every link. Every part of the notifications reads
/// this one value (issue 17); a value that is not an absolute http(s) address stops the app at start naming the setting.
/// </summary>
/// <param name="Base">The absolute http(s) base, always ending in "/".</param>
public sealed record NotificationPublicUrl(Uri Base)
{
    public const string Key = "Notifications:PublicUrl";

    public const string Default = "http://localhost:5000";

    /// <summary>Reads <see cref="Key"/> (empty or absent: <see cref="Default"/>).</summary>
    /// <exception cref="InvalidOperationException">The value is not an absolute http(s) address without a query (named in the message).</exception>
    public static NotificationPublicUrl Read(IConfiguration configuration)
    {
        var text = configuration[Key];
        text = string.IsNullOrWhiteSpace(text) ? Default : text.Trim();
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && IsAllowed(uri)
            ? For(uri)
            : throw Settings.Invalid(Key, text, "an absolute http or https address, such as https://pipeline.example.cn");
    }

    /// <summary>The public address <paramref name="url"/>, with the trailing slash a relative link needs.</summary>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute http(s) address without a query.</exception>
    public static NotificationPublicUrl For(Uri url) => IsAllowed(url)
        ? new NotificationPublicUrl(new Uri(url.AbsoluteUri.TrimEnd('/') + "/"))
        : throw new ArgumentException($"Not an absolute http(s) address without a query: {url}", nameof(url));

    /// <summary>The absolute address of the app's <paramref name="path"/> ("/deals/{id}", "review"; a leading slash is ignored) under <see cref="Base"/>.</summary>
    public Uri Link(string path) => new(Base, path.TrimStart('/'));

    private static bool IsAllowed(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(url.Query) && string.IsNullOrEmpty(url.Fragment);
}
