namespace KeyAccountPipeline.Web.Notifications;

/// <summary>
/// Settings of section <c>Notifications</c> that every part of the notifications reads (issue 17). Other parts keep their own
/// keys under the same section (<c>Notifications:Digest:…</c>); binding ignores them here.
/// </summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>The key of <see cref="PublicUrl"/>, as a message naming a bad value says it.</summary>
    public const string PublicUrlKey = Section + ":" + nameof(PublicUrl);

    /// <summary>
    /// The app's address as people open it (<c>Notifications:PublicUrl</c>, default "http://localhost:5000"): links in emails and
    /// group messages are absolute, built on it ("{PublicUrl}/deals/{id}"). An absolute http(s) URL; a trailing slash is ignored.
    /// </summary>
    public string PublicUrl { get; set; } = "http://localhost:5000";

    /// <summary>The absolute address of <paramref name="path"/> ("/deals/…") under <see cref="PublicUrl"/>.</summary>
    public Uri Link(string path) => new(PublicUrl.TrimEnd('/') + path, UriKind.Absolute);

    /// <summary>Whether <paramref name="url"/> can be <see cref="PublicUrl"/>: absolute, http or https, no query or fragment.</summary>
    public static bool IsValidPublicUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);
}
