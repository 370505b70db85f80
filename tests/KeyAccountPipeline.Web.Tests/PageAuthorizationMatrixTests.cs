using System.Net;
using System.Reflection;
using KeyAccountPipeline.Web.Api;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using static KeyAccountPipeline.Web.Tests.Seen;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>What a person in a browser gets from a page or file address.</summary>
public enum Seen
{
    /// <summary>200, the page (HTML).</summary>
    Page,

    /// <summary>200, a CSV or .xlsx download.</summary>
    Download,

    /// <summary>404, the app's "not found" page (HTML): an address of the right shape that names nothing (an import's file by a deal's id).</summary>
    NotFoundPage,

    /// <summary>302 to the sign-in page.</summary>
    SignIn,

    /// <summary>403, the "not allowed" page in the app's layout (HTML), not a trip to the sign-in page (decision 0017); reached directly or through the app's redirect to it.</summary>
    NotAllowed,

    /// <summary>302 back to the local address the link named (the language switch).</summary>
    Back,

    /// <summary>200, whatever the answer's type (health, the OpenAPI document, a circuit's negotiation).</summary>
    Ok,

    /// <summary>401: a script's request (a circuit's negotiation), which a browser does not send to the sign-in page.</summary>
    Unauthorized,
}

/// <summary>
/// The authorization matrix of everything outside /api, with the browser's sign-in cookie: every routable Blazor page
/// (from the component route table) and every other endpoint the app maps (CSV downloads, the language switch, sign-out,
/// health, the API document, the circuit's negotiation) × every <see cref="Caller"/> → what the person gets, on both
/// providers. A disabled or just-demoted person's cookie no longer holds on their very next request: they are sent to
/// sign in again (decisions 0015, 0016). A signed-in person on a page their role does not allow gets the "not allowed" page
/// with 403 (§3). A refused request leaves the database exactly as it was. A new page or endpoint without a row fails
/// <see cref="TheMatrixCoversEveryPageAndEndpoint"/>.
/// </summary>
public abstract class PageAuthorizationMatrixTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    /// <summary>Where the language switch is asked to go back to.</summary>
    private const string ReturnUrl = "/my/actions";

    /// <summary>What each caller gets: anonymous, rep on own deal, rep on another's deal, manager, admin, disabled, just demoted.</summary>
    private static readonly Dictionary<string, Seen[]> Expected = new()
    {
        ["GET /"] = [SignIn, Page, Page, Page, Page, SignIn, SignIn],
        ["GET /deals/new"] = [SignIn, Page, Page, Page, Page, SignIn, SignIn],
        ["GET /deals/{id}"] = [SignIn, Page, Page, Page, Page, SignIn, SignIn],
        ["GET /my/actions"] = [SignIn, Page, Page, Page, Page, SignIn, SignIn],
        ["GET /not-found"] = [SignIn, Page, Page, Page, Page, SignIn, SignIn],
        ["GET /insights"] = [SignIn, NotAllowed, NotAllowed, Page, Page, SignIn, SignIn],
        ["GET /review"] = [SignIn, NotAllowed, NotAllowed, Page, Page, SignIn, SignIn],
        // A review's record (meeting note, deal notes, attendees) is for managers and admins, printed or not.
        ["GET /reviews/{id}/print"] = [SignIn, NotAllowed, NotAllowed, Page, Page, SignIn, SignIn],
        // Importing deals from a file (issue 16) is for managers and admins; the page's downloads ride on the cookie.
        ["GET /imports"] = [SignIn, NotAllowed, NotAllowed, Page, Page, SignIn, SignIn],
        ["GET /imports/template.xlsx"] = [SignIn, NotAllowed, NotAllowed, Download, Download, SignIn, SignIn],
        ["GET /imports/{id}/errors.xlsx"] = [SignIn, NotAllowed, NotAllowed, NotFoundPage, NotFoundPage, SignIn, SignIn],
        ["GET /admin/users"] = [SignIn, NotAllowed, NotAllowed, NotAllowed, Page, SignIn, SignIn],
        ["GET /admin/playbook"] = [SignIn, NotAllowed, NotAllowed, NotAllowed, Page, SignIn, SignIn],
        ["GET /admin/deliveries"] = [SignIn, NotAllowed, NotAllowed, NotAllowed, Page, SignIn, SignIn],
        ["GET /admin/channels"] = [SignIn, NotAllowed, NotAllowed, NotAllowed, Page, SignIn, SignIn],
        // Where a signed-in person is sent from a page their role does not allow: it always says "not allowed".
        ["GET /not-allowed"] = [SignIn, NotAllowed, NotAllowed, NotAllowed, NotAllowed, SignIn, SignIn],
        // A person's own notifications and their settings (issue 17); the email confirmation link needs no sign-in: its token is the proof.
        ["GET /notifications"] = [SignIn, Page, Page, Page, Page, SignIn, SignIn],
        ["GET /me/notifications"] = [SignIn, Page, Page, Page, Page, SignIn, SignIn],
        ["GET /account/confirm-email"] = [Page, Page, Page, Page, Page, Page, Page],
        ["GET /account/login"] = [Page, Page, Page, Page, Page, Page, Page],
        ["GET /Error"] = [Page, Page, Page, Page, Page, Page, Page],
        ["GET /export/board.csv"] = [SignIn, Download, Download, Download, Download, SignIn, SignIn],
        ["GET /export/deals/{id}/history.csv"] = [SignIn, Download, Download, Download, Download, SignIn, SignIn],
        ["GET /culture/{name}"] = [Back, Back, Back, Back, Back, Back, Back],
        // Signed in or not, sign-out ends at the sign-in page; it needs the page's antiforgery token either way.
        ["POST /account/logout"] = [SignIn, SignIn, SignIn, SignIn, SignIn, SignIn, SignIn],
        ["ANY /health"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["GET /openapi/{documentName}.json"] = [Ok, Ok, Ok, Ok, Ok, Ok, Ok],
        ["GET /scalar/{documentName?}"] = [Page, Page, Page, Page, Page, Page, Page],
        // A page's live connection starts here: only for a person whose sign-in still holds.
        ["ANY /_blazor/negotiate"] = [Unauthorized, Ok, Ok, Ok, Ok, Unauthorized, Unauthorized],
        ["ANY /_blazor/initializers/"] = [SignIn, Ok, Ok, Ok, Ok, SignIn, SignIn],
    };

    /// <summary>The framework's plumbing that no person opens by address, each with where it is covered instead.</summary>
    private static readonly Dictionary<string, string> NotInTheMatrix = new()
    {
        ["ANY /_blazor"] = "the circuit's connection: opened only after a negotiation (in the matrix); foreign origins in SameOriginCircuitTests",
        ["ANY /_blazor/disconnect/"] = "ends a circuit named by its unguessable id; reads and writes no data",
        ["GET /_framework/opaque-redirect"] = "the framework's redirect for enhanced navigation, to a target it protected itself",
        ["GET /scalar/scalar.js"] = "the API reference's own script (Scalar's), public like the reference",
        ["GET /scalar/scalar.aspnetcore.js"] = "the API reference's own script (Scalar's), public like the reference",
        ["GET /scalar/favicon.svg"] = "the API reference's icon (Scalar's)",
        ["GET {**path:file}"] = "static files (published assets, public by design)",
        ["HEAD {**path:file}"] = "static files (published assets, public by design)",
    };

    public static TheoryData<string, Caller> Cases() => Callers.Cases(Expected.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryPageAnswersEachCallerAsTheRulesSay(string endpoint, Caller caller)
    {
        var subject = endpoint.Contains("{id}", StringComparison.Ordinal) ? await app.PrepareAsync(endpoint) : null;
        var browser = await BrowserAsync(caller);
        var request = await RequestAsync(browser, endpoint, subject);
        var before = await app.SnapshotAsync();

        var response = await FollowAsync(browser, await browser.SendAsync(request));

        var expected = Expected[endpoint][(int)caller];
        var seen = await SeenAsync(response);
        Assert.True(expected.ToString() == seen, $"{endpoint} as {caller}: expected {expected}, got {seen}");
        if (expected is NotAllowed or Unauthorized || (expected is SignIn && caller is Caller.Anonymous or Caller.Disabled or Caller.JustDemoted))
        {
            Assert.Equal(before, await app.SnapshotAsync());
        }
    }

    [Fact]
    public void TheMatrixCoversEveryPageAndEndpoint()
    {
        // Pages from the component route table; everything else the app maps outside /api from the endpoints.
        var mapped = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(route => $"GET {Normalize(route.Template)}")
            .ToList();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = endpoint.RoutePattern.RawText ?? string.Empty;
            if (route.StartsWith("/api/", StringComparison.Ordinal) || endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
                || endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not null)
            {
                continue; // the API has its own matrix; pages came from the route table; a static asset is a public file
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
            mapped.AddRange(methods.Count == 0 ? [$"ANY {Normalize(route)}"] : methods.Select(method => $"{method} {Normalize(route)}"));
        }

        var listed = Expected.Keys.Concat(NotInTheMatrix.Keys).ToList();

        Assert.True(mapped.Except(listed).ToList() is [], $"Mapped without a row: {string.Join(", ", mapped.Except(listed))}");
        Assert.True(listed.Except(mapped).ToList() is [], $"Rows for nothing mapped: {string.Join(", ", listed.Except(mapped))}");
    }

    private static string Normalize(string route) =>
        route.Replace("{Id:guid}", "{id}", StringComparison.Ordinal).Replace("{id:guid}", "{id}", StringComparison.Ordinal);

    /// <summary>A browser with the caller's cookie (none for anonymous); a revoked caller signed in before the revocation.</summary>
    private async Task<HttpClient> BrowserAsync(Caller caller)
    {
        if (app.FixturePerson(caller) is { } person)
        {
            return await SignInForm.BrowserAsync(app, person);
        }

        return await app.RevokedAsync(caller, person => SignInForm.BrowserAsync(app, person))
            ?? app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    private static async Task<HttpRequestMessage> RequestAsync(HttpClient browser, string endpoint, PreparedDeal? subject)
    {
        var route = endpoint[(endpoint.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        var url = route
            .Replace("{id}", subject?.Id.ToString(), StringComparison.Ordinal)
            .Replace("{name}", "en", StringComparison.Ordinal)
            .Replace("{documentName}", OpenApiSetup.DocumentName, StringComparison.Ordinal)
            .Replace("{documentName?}", string.Empty, StringComparison.Ordinal);
        return endpoint switch
        {
            "GET /culture/{name}" => new HttpRequestMessage(HttpMethod.Get, $"{url}?returnUrl={Uri.EscapeDataString(ReturnUrl)}"),
            "ANY /_blazor/negotiate" => new HttpRequestMessage(HttpMethod.Post, $"{url}?negotiateVersion=1"),
            "POST /account/logout" => new HttpRequestMessage(HttpMethod.Post, url)
            {
                // The sign-out button's form: the antiforgery token of a page this browser was shown.
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = SignInForm.AntiforgeryToken(await (await browser.GetAsync("/account/login")).Content.ReadAsStringAsync()),
                }),
            },
            _ => new HttpRequestMessage(HttpMethod.Get, url),
        };
    }

    /// <summary>
    /// Follows the browser through the app's own redirects (e.g. to the "not allowed" page), as far as the sign-in page or
    /// the address the link asked to go back to, which are answers in themselves.
    /// </summary>
    private static async Task<HttpResponseMessage> FollowAsync(HttpClient browser, HttpResponseMessage response)
    {
        for (var hop = 0; hop < 3 && response.StatusCode == HttpStatusCode.Redirect
            && response.Headers.Location?.OriginalString is { } location
            && location.StartsWith('/') && !location.StartsWith("/account/login", StringComparison.Ordinal) && location != ReturnUrl; hop++)
        {
            response = await browser.GetAsync(location);
        }

        return response;
    }

    private static async Task<string> SeenAsync(HttpResponseMessage response)
    {
        var type = response.Content.Headers.ContentType?.MediaType;
        var location = response.Headers.Location?.OriginalString ?? string.Empty;
        return (response.StatusCode, type) switch
        {
            (HttpStatusCode.OK, "text/html") => nameof(Page),
            (HttpStatusCode.OK, "text/csv" or "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") => nameof(Download),
            (HttpStatusCode.NotFound, "text/html") => nameof(NotFoundPage),
            (HttpStatusCode.OK, _) => nameof(Ok),
            (HttpStatusCode.Redirect, _) when location.StartsWith("/account/login", StringComparison.Ordinal) => nameof(SignIn),
            (HttpStatusCode.Redirect, _) when location == ReturnUrl => nameof(Back),
            (HttpStatusCode.Forbidden, "text/html") => nameof(NotAllowed),
            (HttpStatusCode.Unauthorized, _) => nameof(Unauthorized),
            _ => $"{(int)response.StatusCode} {type} {location} {Excerpt(await response.Content.ReadAsStringAsync())}",
        };
    }

    private static string Excerpt(string body) => body.Length <= 300 ? body : body[..300];
}

public sealed class SqlitePageAuthorizationMatrixTests(SqliteApp app) : PageAuthorizationMatrixTests<SqliteApp>(app);

public sealed class PostgresPageAuthorizationMatrixTests(PostgresApp app) : PageAuthorizationMatrixTests<PostgresApp>(app);
