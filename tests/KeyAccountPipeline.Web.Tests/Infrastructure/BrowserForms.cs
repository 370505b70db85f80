using System.Net;
using System.Text.RegularExpressions;

namespace KeyAccountPipeline.Web.Tests.Infrastructure;

/// <summary>The browser's sign-in form, posted as a browser would: with the antiforgery token of the page it came from.</summary>
public static partial class BrowserForms
{
    /// <summary>Posts the sign-in form; with a cookie-handling client, the client is signed in afterwards.</summary>
    public static async Task<HttpResponseMessage> PostSignInFormAsync(this HttpClient client, string email, string password, string? returnUrl = null)
    {
        var url = returnUrl is null ? "/account/login" : $"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}";
        var form = await (await client.GetAsync(url)).Content.ReadAsStringAsync();
        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    public static string AntiforgeryToken(string html) =>
        TokenInput().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token in the page.");

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
