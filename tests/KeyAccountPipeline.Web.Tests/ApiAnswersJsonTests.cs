using System.Net;
using System.Net.Http.Headers;
using System.Text;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Web.Api;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Decision 0010: under /api nothing redirects or answers HTML. An unknown path, a malformed id, a method or a content type
/// the path does not take, no token, a cookie instead of a token, a role that may not: each a status and
/// application/problem+json, and nothing written.
/// </summary>
public abstract class ApiAnswersJsonTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    [Theory]
    [InlineData("GET", "/api/nonexistent")]
    [InlineData("POST", "/api/nonexistent/deeper")]
    [InlineData("GET", "/api/deals/not-a-guid")]
    [InlineData("GET", "/api/deals/not-a-guid/history")]
    [InlineData("GET", "/api/reviews/123")]
    [InlineData("PUT", "/api/users/not-a-guid/role")]
    public async Task AnUnknownPathOrAMalformedIdAnswers404ProblemJson(string method, string url)
    {
        var response = await app.ClientFor(app.Admin).SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = ApiClient.RawJson("{}") });

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("text/csv")]
    [InlineData("text/html")]
    public async Task AnErrorHasItsProblemBodyWhateverTheClientAccepts(string accept)
    {
        var deal = await CreateDealAsync();
        var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/deals/{deal}/checkpoints")
        {
            Content = ApiClient.RawJson("""{"factor":"need","level":1,"note":"met the buyer","version":99}"""),
        };
        stale.Headers.Accept.ParseAdd(accept);

        var response = await app.ClientFor(app.Admin).SendAsync(stale);

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("POST", "/api/action-items/{unknown}/done", "{}")]
    [InlineData("DELETE", "/api/deals/{deal}/stakeholders/{unknown}", "")]
    [InlineData("POST", "/api/users/{unknown}/disable", "{}")]
    [InlineData("PUT", "/api/users/{unknown}/role", """{"role":"manager"}""")]
    public async Task ARecordThatDoesNotExistAnswers404ProblemJson(string method, string url, string body)
    {
        var deal = await CreateDealAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), url.Replace("{deal}", deal, StringComparison.Ordinal)
            .Replace("{unknown}", Guid.NewGuid().ToString(), StringComparison.Ordinal))
        {
            Content = body.Length == 0 ? null : ApiClient.RawJson(body),
        };

        await AssertProblemAsync(await app.ClientFor(app.Admin).SendAsync(request), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OnlyTheAppsOwnNotFoundIsAnswered404AKeyNotFoundExceptionFromABugStaysA500()
    {
        var handler = app.Services.GetServices<IExceptionHandler>().OfType<ApiExceptionHandler>().Single();

        var bug = Context();
        Assert.False(await handler.TryHandleAsync(bug, new KeyNotFoundException("The given key 'x' was not present in the dictionary."), default));
        Assert.Equal(StatusCodes.Status200OK, bug.Response.StatusCode); // untouched: the exception middleware answers it as a logged 500

        var missing = Context();
        Assert.True(await handler.TryHandleAsync(missing, new NotFoundException("There is no deal 1."), default));
        Assert.Equal(StatusCodes.Status404NotFound, missing.Response.StatusCode);

        DefaultHttpContext Context() => new() { RequestServices = app.Services, Response = { Body = new MemoryStream() } };
    }

    [Fact]
    public async Task AnUnknownPathAnswers404EvenWithoutAToken()
    {
        var response = await Anonymous().GetAsync("/api/nonexistent");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("DELETE", "/api/deals/{id}", "GET, PUT")]
    [InlineData("PATCH", "/api/board", "GET")]
    [InlineData("GET", "/api/deals/{id}/checkpoints", "POST")]
    [InlineData("DELETE", "/api/users", "GET, POST")]
    [InlineData("POST", "/api/deals/{id}/history.csv", "GET")]
    public async Task AMethodThePathDoesNotTakeAnswers405WithAllow(string method, string url, string allowed)
    {
        var deal = await CreateDealAsync();

        var response = await app.ClientFor(app.Admin).SendAsync(new HttpRequestMessage(new HttpMethod(method), url.Replace("{id}", deal, StringComparison.Ordinal)));

        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Equal(allowed.Split(", ").Order(), response.Content.Headers.Allow.Order());
        Assert.NotNull(await app.QueryAsync(db => db.Deals.AsNoTracking().SingleOrDefaultAsync(d => d.Id == Guid.Parse(deal))));
    }

    public static TheoryData<string, string, string> NotJsonBodies => new()
    {
        { "POST", "/api/deals", "text/plain" },
        { "POST", "/api/deals", "application/x-www-form-urlencoded" },
        { "POST", "/api/deals", "multipart/form-data" },
        { "PUT", "/api/deals/{id}", "text/plain" },
        { "POST", "/api/deals/{id}/checkpoints", "application/x-www-form-urlencoded" },
        { "POST", "/api/deals/{id}/activities", "application/xml" },
        { "POST", "/api/users", "text/plain" },
        { "POST", "/api/auth/token", "application/x-www-form-urlencoded" },
        { "POST", "/api/deals", "" }, // a body without any content type
    };

    [Theory]
    [MemberData(nameof(NotJsonBodies))]
    public async Task ABodyThatIsNotJsonAnswers415AndWritesNothing(string method, string url, string contentType)
    {
        var deal = await CreateDealAsync();
        var before = await CountAsync();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("customer=Form+Co&title=t&industry=x"));
        if (contentType.Length > 0)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        var response = await app.ClientFor(app.Admin).SendAsync(new HttpRequestMessage(new HttpMethod(method), url.Replace("{id}", deal, StringComparison.Ordinal)) { Content = content });

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("/api/deals")]
    [InlineData("/api/board")]
    [InlineData("/api/insights")]
    [InlineData("/api/export/board.csv")]
    public async Task WithoutATokenTheApiAnswers401ProblemJsonNotTheSignInPage(string url)
    {
        var response = await Anonymous().GetAsync(url);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnUnreadableTokenAnswers401ProblemJson()
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        await AssertProblemAsync(await client.GetAsync("/api/deals"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ABrowsersSignInCookieIsNotAcceptedByTheApiAndIsNotRedirected()
    {
        var browser = await SignInForm.BrowserAsync(app, app.Admin);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/deals/new")).StatusCode); // the cookie works for pages

        await AssertProblemAsync(await browser.GetAsync("/api/deals"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await browser.GetAsync("/api/nonexistent"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("GET", "/api/insights")]
    [InlineData("GET", "/api/users")]
    [InlineData("POST", "/api/users")]
    [InlineData("GET", "/api/playbook/edit")]
    public async Task ARoleThatMayNotAnswers403ProblemJson(string method, string url)
    {
        var before = await CountAsync();

        var response = await app.ClientFor(app.Rep).SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = method == "GET" ? null : ApiClient.RawJson("""{"name":"Sun Li","email":"sun.li@test.cn","role":"rep","password":"harbour-lantern-2026"}"""),
        });

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("q=%00", "q")]
    [InlineData("q=a%01b", "q")]
    [InlineData("industry=%00", "industry")]
    public async Task AControlCharacterInAFilterAnswers400NamingIt(string query, string field)
    {
        var client = app.ClientFor(app.Rep);

        await (await client.GetAsync($"/api/deals?{query}")).AssertFieldErrorAsync(field);
        await (await client.GetAsync($"/api/export/board.csv?{query}")).AssertFieldErrorAsync(field);
    }

    [Fact]
    public async Task PagesStillSendAnAnonymousBrowserToTheSignInPage()
    {
        var response = await Anonymous().GetAsync("/export/board.csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>
    /// The members the API leaves out when null (Api/OmittedWhenNull.cs): a signal only the numbers that explain its flag,
    /// a timeline entry only the part its type names, a card its <c>dataWarnings</c> only when a stored value was out of range.
    /// </summary>
    [Fact]
    public async Task NullsTheApiLeavesOutAreAbsentNotNull()
    {
        var client = app.ClientFor(app.Admin);
        var deal = await CreateDealAsync();
        var card = await client.PostOkAsync($"/api/deals/{deal}/checkpoints", new { factor = "need", level = 1, note = "met the buyer", version = 1 });
        card = await client.PostOkAsync($"/api/deals/{deal}/checkpoints",
            new { factor = "need", level = 0, note = "the buyer left", version = card["version"]!.GetValue<int>() });
        await client.PostOkAsync($"/api/deals/{deal}/activities", new { kind = "visit", summary = "site visit" });

        var detail = await client.GetJsonAsync($"/api/deals/{deal}");
        var shown = detail["card"]!.AsObject();
        Assert.False(shown.ContainsKey("dataWarnings"));
        var signals = shown["signals"]!.AsArray().Select(s => s!.AsObject()).ToList();
        var regressed = Assert.Single(signals, s => s["flag"]!.GetValue<string>() == "regressed");
        Assert.Equal("need", regressed["factor"]!.GetValue<string>());
        Assert.False(regressed.ContainsKey("allowedDays"));
        Assert.All(signals, s => Assert.All(s, member => Assert.NotNull(member.Value)));

        var timeline = (await client.GetJsonAsync($"/api/deals/{deal}/timeline")).AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Contains(timeline, e => e["type"]!.GetValue<string>() == "activity");
        Assert.All(timeline, e => Assert.Single(new[] { "checkpoint", "activity", "event" }, e.ContainsKey));
        Assert.All(timeline, e => Assert.True(e.ContainsKey(e["type"]!.GetValue<string>()), e.ToJsonString()));
    }

    /// <summary>The status, problem details as JSON (title and the same status inside), and no redirect.</summary>
    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode} {response.Headers.Location} {body}");
        Assert.Null(response.Headers.Location);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()));
    }

    private HttpClient Anonymous() => app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private Task<(int Deals, int People, int Activities)> CountAsync() =>
        app.QueryAsync(async db => (await db.Deals.CountAsync(), await db.People.CountAsync(), await db.Activities.CountAsync()));

    private async Task<string> CreateDealAsync()
    {
        var card = await app.ClientFor(app.Admin).PostOkAsync("/api/deals", new
        {
            customer = $"JSON Always Co {Guid.NewGuid():N}", industry = "3C electronics", title = "Regional DC", serviceLine = "warehousing",
            ownerId = app.Rep.Id, annualValue = 1_000_000m, targetCloseDate = new DateOnly(2026, 12, 31),
        });
        return card["id"]!.GetValue<string>();
    }
}

public sealed class SqliteApiAnswersJsonTests(SqliteApp app) : ApiAnswersJsonTests<SqliteApp>(app);

public sealed class PostgresApiAnswersJsonTests(PostgresApp app) : ApiAnswersJsonTests<PostgresApp>(app);
