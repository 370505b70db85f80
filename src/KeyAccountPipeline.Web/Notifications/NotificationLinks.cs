namespace KeyAccountPipeline.Web.Notifications;

/// <summary>
/// Absolute links in messages (an email or a group chat is read outside the app): the setting <c>Notifications:PublicUrl</c>,
/// the address people open the app at, default <see cref="DefaultPublicUrl"/>. Part 3 of issue 17 (events) reads the same key;
/// whichever class the lead keeps, the key and its meaning stay.
/// </summary>
public sealed class NotificationLinks
{
    public const string PublicUrlKey = "Notifications:PublicUrl";

    public const string DefaultPublicUrl = "http://localhost:5000";

    private readonly Uri _base;

    /// <exception cref="ArgumentException"><paramref name="publicUrl"/> is not an absolute http(s) address.</exception>
    public NotificationLinks(Uri publicUrl)
    {
        if (!publicUrl.IsAbsoluteUri || (publicUrl.Scheme != Uri.UriSchemeHttp && publicUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Not an absolute http(s) address: {publicUrl}", nameof(publicUrl));
        }

        // A trailing slash, so an app served under a path ("https://corp.cn/kap") keeps it in every link.
        _base = publicUrl.AbsoluteUri.EndsWith('/') ? publicUrl : new Uri(publicUrl.AbsoluteUri + "/");
    }

    /// <summary>The absolute address of the app's <paramref name="path"/> ("/review", "/deals/{id}").</summary>
    public Uri To(string path) => new(_base, path.TrimStart('/'));
}
