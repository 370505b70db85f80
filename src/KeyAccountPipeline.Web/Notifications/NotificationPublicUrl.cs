using KeyAccountPipeline.Web.Infrastructure;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>
/// Where people reach the app from outside (setting <c>Notifications:PublicUrl</c>, default "http://localhost:5000"): links
/// in messages are absolute, since an email or a group chat has no page to be relative to. A value that is not an absolute
/// http(s) address stops the app at start with a message naming the setting.
/// </summary>
public sealed record NotificationPublicUrl(Uri Base)
{
    public const string Key = "Notifications:PublicUrl";

    public const string Default = "http://localhost:5000";

    public static NotificationPublicUrl Read(IConfiguration configuration)
    {
        var text = configuration[Key];
        text = string.IsNullOrWhiteSpace(text) ? Default : text.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query))
        {
            throw Settings.Invalid(Key, text, "an absolute http or https address, such as https://pipeline.example.cn");
        }

        // A trailing slash, so a relative link ("account/confirm-email") lands under the base's path.
        return new NotificationPublicUrl(new Uri(uri.AbsoluteUri.TrimEnd('/') + "/"));
    }

    /// <summary>The absolute address of <paramref name="relative"/> (no leading slash) under <see cref="Base"/>.</summary>
    public Uri Link(string relative) => new(Base, relative.TrimStart('/'));
}
