using System.Net;
using System.Text.RegularExpressions;
using KeyAccountPipeline.Domain.People;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KeyAccountPipeline.Web.Tests.Infrastructure;

/// <summary>The browser's sign-in: the form with its antiforgery token, and a client that keeps the cookie it sets.</summary>
public static partial class SignInForm
{
    /// <summary>Posts the sign-in form as a browser would, after reading the page for its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string email, string password, string? returnUrl = null)
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

    /// <summary>A client with <paramref name="person"/>'s sign-in cookie and no bearer token; redirects are not followed.</summary>
    public static async Task<HttpClient> BrowserAsync(PipelineApp app, Person person)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signedIn = await PostAsync(client, person.Email, PipelineApp.Password);
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"Signing in as {person.Email} answered {(int)signedIn.StatusCode}.");
        return client;
    }

    public static string AntiforgeryToken(string html) =>
        TokenInput().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token in the page.");

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
