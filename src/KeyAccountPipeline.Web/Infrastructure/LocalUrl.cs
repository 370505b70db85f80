using System.Globalization;
using System.Text;

namespace KeyAccountPipeline.Web.Infrastructure;

/// <summary>
/// The one check for every redirect to a URL the caller chose (the language switch, sign-in's returnUrl): only a path on
/// this site is followed, anything else goes to the board.
/// </summary>
public static class LocalUrl
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// True for a path on this site: ASP.NET Core's <c>Url.IsLocalUrl</c> rule (starts with one <c>/</c>, not <c>//</c> or
    /// <c>/\</c>) and, beyond it, no control character anywhere. Browsers drop tab, CR and LF from a URL before they read it,
    /// so <c>/&lt;TAB&gt;/evil.example</c> is <c>//evil.example</c> to them; and a control character cannot go into a
    /// Location header at all (Kestrel throws, a 500).
    /// </summary>
    public static bool IsLocal(string? url) =>
        url is ['/'] or ['/', not ('/' or '\\'), ..] && !url.Any(char.IsControl);

    /// <summary>
    /// <paramref name="url"/> ready for a Location header if it is local (<see cref="IsLocal"/>), else <c>/</c>. Letters
    /// beyond ASCII (a Chinese customer's name in a query) are percent-encoded as UTF-8, because a header holds ASCII only;
    /// a lone surrogate cannot be encoded and also gives <c>/</c>.
    /// </summary>
    public static string OrRoot(string? url)
    {
        if (!IsLocal(url))
        {
            return "/";
        }

        if (Ascii.IsValid(url))
        {
            return url!;
        }

        byte[] utf8;
        try
        {
            utf8 = StrictUtf8.GetBytes(url!);
        }
        catch (EncoderFallbackException)
        {
            return "/";
        }

        var encoded = new StringBuilder(utf8.Length * 3);
        foreach (var b in utf8)
        {
            _ = b < 0x80 ? encoded.Append((char)b) : encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return encoded.ToString();
    }
}
