using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using KeyAccountPipeline.Web.Infrastructure;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Sessions end when they should (decision 0015): every sign-in is a session on the server. Sign-out ends it, so a copy of
/// the cookie taken before is refused on pages, the CSV, the circuit's connection and the API, and never renewed; a cookie
/// used without pause ends after <c>Auth:AbsoluteLifetimeDays</c> (7); refresh tokens rotate, and an old one used again
/// ends the session; <c>POST /api/auth/signout</c> ends the calling session; disabling, a role change and a password reset
/// end all of the person's sessions at the next request; every API answer says <c>Cache-Control: no-store</c>.
/// </summary>
public abstract class ServerSessionTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    /// <summary>A password a new person may have (the test fixture's own is for people created directly).</summary>
    private const string OwnPassword = "harbour-lantern-2026";

    [Fact]
    public async Task ACookieCopiedBeforeSignOutIsRefusedEverywhereAfterwardsAndNeverRenewed()
    {
        var (browser, copy) = await Sessions.SignInAsync(app, app.Manager.Email, PipelineApp.Password);
        Assert.Equal(HttpStatusCode.OK, (await Sessions.ReplayAsync(app, copy, "/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Sessions.ReplayAsync(app, copy, "/export/board.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Sessions.ReplayAsync(app, copy, Sessions.Negotiate, HttpMethod.Post)).StatusCode);

        await Sessions.SignOutAsync(browser);

        Sessions.AssertSentToSignIn(await Sessions.ReplayAsync(app, copy, "/"));
        Sessions.AssertSentToSignIn(await Sessions.ReplayAsync(app, copy, "/export/board.csv"));
        // The circuit's connection is refused outright (SignalR answers 401 rather than a redirect): no page can start.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Sessions.ReplayAsync(app, copy, Sessions.Negotiate, HttpMethod.Post)).StatusCode);
        var api = await Sessions.ReplayAsync(app, copy, "/api/board");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

        // Past half the sliding 12 hours the server renews a cookie in use; the signed-out one gets only its deletion.
        app.Clock.Advance(TimeSpan.FromHours(7));
        var late = await Sessions.ReplayAsync(app, copy, "/deals/new");
        Sessions.AssertSentToSignIn(late);
        Assert.Null(Sessions.AuthCookie(late));
    }

    [Fact]
    public async Task ACookieUsedWithoutPauseIsRefusedOnceItsAbsoluteLifetimeIsReached()
    {
        var (browser, _) = await Sessions.SignInAsync(app, app.Rep.Email, PipelineApp.Password);
        var end = app.Clock.GetUtcNow() + TimeSpan.FromDays(7);
        var step = TimeSpan.FromHours(5);

        // Every five hours: well inside the sliding 12 hours, so the cookie is renewed again and again (the client keeps it).
        while (app.Clock.GetUtcNow() + step < end)
        {
            app.Clock.Advance(step);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/export/board.csv")).StatusCode);
        }

        app.Clock.Advance(step);
        Sessions.AssertSentToSignIn(await browser.GetAsync("/export/board.csv"));
    }

    [Fact]
    public async Task RefreshTokensEndWithTheirSessionsAbsoluteLifetime()
    {
        var tokens = await Sessions.TokensAsync(app, app.OtherRep.Email, PipelineApp.Password);

        app.Clock.Advance(TimeSpan.FromDays(3));
        tokens = await Sessions.RefreshOkAsync(app, tokens.Refresh);
        app.Clock.Advance(TimeSpan.FromDays(3));
        tokens = await Sessions.RefreshOkAsync(app, tokens.Refresh); // issued on day 6: the token alone would last to day 13

        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Sessions.RefreshAsync(app, tokens.Refresh)).StatusCode);
    }

    [Fact]
    public async Task ARefreshTokenWorksOnceAndAUsedOneSentAgainEndsTheWholeSession()
    {
        var first = await Sessions.TokensAsync(app, app.Rep.Email, PipelineApp.Password);

        var second = await Sessions.RefreshOkAsync(app, first.Refresh);
        var third = await Sessions.RefreshOkAsync(app, second.Refresh);
        Assert.NotEqual(first.Refresh, second.Refresh);
        Assert.NotEqual(second.Refresh, third.Refresh);
        Assert.Equal(HttpStatusCode.OK, (await Sessions.BearerAsync(app, third.Access, "/api/board")).StatusCode);

        // Someone sends a used token again (a thief, or the client after the thief): refused, and the family ends with it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Sessions.RefreshAsync(app, first.Refresh)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Sessions.RefreshAsync(app, third.Refresh)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Sessions.BearerAsync(app, third.Access, "/api/board")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Sessions.BearerAsync(app, first.Access, "/api/board")).StatusCode);
    }

    [Fact]
    public async Task ApiSignOutEndsTheCallingSessionOnly()
    {
        var mine = await Sessions.TokensAsync(app, app.Rep.Email, PipelineApp.Password);
        var elsewhere = await Sessions.TokensAsync(app, app.Rep.Email, PipelineApp.Password);

        var signedOut = await Sessions.BearerAsync(app, mine.Access, "/api/auth/signout", HttpMethod.Post);

        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Sessions.BearerAsync(app, mine.Access, "/api/board")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Sessions.RefreshAsync(app, mine.Refresh)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Sessions.BearerAsync(app, elsewhere.Access, "/api/board")).StatusCode);
        await Sessions.RefreshOkAsync(app, elsewhere.Refresh);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync("/api/auth/signout", null)).StatusCode);
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("role")]
    [InlineData("password")]
    public async Task AnAdminsChangeEndsThePersonsCookieAndTokensAtTheNextRequest(string change)
    {
        var admin = app.ClientFor(app.Admin);
        var email = $"ended.{change}.{Guid.NewGuid():N}@test.cn";
        var id = (await admin.PostOkAsync("/api/users", new { name = "结束 Ended Session", email, role = "rep", password = OwnPassword }))["id"]!.GetValue<Guid>();
        var (browser, _) = await Sessions.SignInAsync(app, email, OwnPassword);
        var tokens = await Sessions.TokensAsync(app, email, OwnPassword);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/export/board.csv")).StatusCode);

        var changed = change switch
        {
            "disable" => await admin.PostAsync($"/api/users/{id}/disable", null),
            "role" => await admin.PutAsJsonAsync($"/api/users/{id}/role", new { role = "manager" }),
            _ => await admin.PostAsJsonAsync($"/api/users/{id}/password", new { password = "another-lantern-2027" }),
        };
        Assert.True(changed.IsSuccessStatusCode, $"{change} answered {(int)changed.StatusCode}: {await changed.Content.ReadAsStringAsync()}");

        // No clock moves: the very next request.
        Sessions.AssertSentToSignIn(await browser.GetAsync("/export/board.csv"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Sessions.RefreshAsync(app, tokens.Refresh)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Sessions.BearerAsync(app, tokens.Access, "/api/board")).StatusCode);
        if (change == "disable")
        {
            // Enabled again, the person signs in afresh: the old sessions stay ended.
            Assert.True((await admin.PostAsync($"/api/users/{id}/enable", null)).IsSuccessStatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await Sessions.RefreshAsync(app, tokens.Refresh)).StatusCode);
            await Sessions.TokensAsync(app, email, OwnPassword);
        }
    }

    [Fact]
    public async Task EveryApiAnswerIncludingErrorsAndEveryCsvDownloadSaysNoStore()
    {
        var anonymous = app.CreateClient();
        var rep = app.ClientFor(app.Rep);
        var answers = new List<(HttpStatusCode Expected, HttpResponseMessage Response)>
        {
            (HttpStatusCode.OK, await rep.GetAsync("/api/board")),
            (HttpStatusCode.OK, await anonymous.PostAsJsonAsync("/api/auth/token", new { email = app.Rep.Email, password = PipelineApp.Password })),
            (HttpStatusCode.Unauthorized, await anonymous.GetAsync("/api/board")),
            (HttpStatusCode.Unauthorized, await anonymous.PostAsJsonAsync("/api/auth/token", new { email = app.Rep.Email, password = "wrong-password-1" })),
            (HttpStatusCode.Forbidden, await rep.GetAsync("/api/users")),
            (HttpStatusCode.NotFound, await rep.GetAsync("/api/nonexistent")),
            (HttpStatusCode.MethodNotAllowed, await rep.DeleteAsync("/api/board")),
            (HttpStatusCode.BadRequest, await rep.PostAsJsonAsync("/api/deals", new { })),
            // The browser's CSV downloads hold the same data under the cookie: a shared computer's cache must not keep them.
            (HttpStatusCode.OK, await (await SignInForm.BrowserAsync(app, app.Rep)).GetAsync("/export/board.csv")),
        };
        await using (var limited = app.WithWebHostBuilder(builder => builder.UseSetting("Auth:RateLimit:SignInPerAddress", "1")))
        {
            var client = limited.CreateClient();
            await client.PostAsJsonAsync("/api/auth/token", new { email = app.Rep.Email, password = "wrong-password-1" });
            answers.Add((HttpStatusCode.TooManyRequests, await client.PostAsJsonAsync("/api/auth/token", new { email = app.Rep.Email, password = "wrong-password-1" })));
        }

        foreach (var (expected, response) in answers)
        {
            var what = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery}";
            Assert.True(expected == response.StatusCode, $"{what} answered {(int)response.StatusCode}, expected {(int)expected}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{what} ({(int)response.StatusCode}) has Cache-Control: {response.Headers.CacheControl}");
        }
    }
}

public sealed class SqliteServerSessionTests(SqliteApp app) : ServerSessionTests<SqliteApp>(app);

public sealed class PostgresServerSessionTests(PostgresApp app) : ServerSessionTests<PostgresApp>(app);

/// <summary>
/// The cookie's check on every request needs the database: when it cannot answer, the request answers 503 with
/// Retry-After (decision 0011), and the person stays signed in — an outage never signs anyone out.
/// </summary>
public abstract class SessionCheckOutageTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp, IDatabaseDownApp
{
    [Fact]
    public async Task AnOutageDuringTheCookieCheckAnswers503AndSignsNobodyOut()
    {
        var (browser, _) = await Sessions.SignInAsync(app, app.Rep.Email, PipelineApp.Password);

        app.Database.Down = true;
        try
        {
            foreach (var path in new[] { "/", "/export/board.csv", "/deals/new" })
            {
                var response = await browser.GetAsync(path);
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path} answered {(int)response.StatusCode} {response.Headers.Location}");
                Assert.Equal(TimeSpan.FromSeconds(DatabaseOutage.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
                Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("kap.auth=", StringComparison.Ordinal)),
                    $"{path} touched the sign-in cookie during the outage");
            }
        }
        finally
        {
            app.Database.Down = false;
        }

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/export/board.csv")).StatusCode);
    }
}

/// <summary>Every command fails as the driver fails when its server is gone, while <see cref="Down"/> is set.</summary>
public sealed class DatabaseDown : IDbCommandInterceptor
{
    public volatile bool Down;

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        Down ? throw Failure(command) : ValueTask.FromResult(result);

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        Down ? throw Failure(command) : ValueTask.FromResult(result);

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        Down ? throw Failure(command) : ValueTask.FromResult(result);

    private static Exception Failure(DbCommand command) => command is SqliteCommand
        ? new SqliteException("unable to open database file", 14)
        : new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));
}

public interface IDatabaseDownApp
{
    DatabaseDown Database { get; }
}

public sealed class DatabaseDownSqliteApp : SqliteApp, IDatabaseDownApp
{
    public DatabaseDown Database { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Database));
    }
}

public sealed class DatabaseDownPostgresApp : PostgresApp, IDatabaseDownApp
{
    public DatabaseDown Database { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Database));
    }
}

public sealed class SqliteSessionCheckOutageTests(DatabaseDownSqliteApp app) : SessionCheckOutageTests<DatabaseDownSqliteApp>(app);

public sealed class PostgresSessionCheckOutageTests(DatabaseDownPostgresApp app) : SessionCheckOutageTests<DatabaseDownPostgresApp>(app);

/// <summary>A browser's sign-in and a copy of its cookie used elsewhere; an API client's tokens.</summary>
internal static class Sessions
{
    /// <summary>The circuit's first request (SignalR's negotiate for Blazor's hub).</summary>
    public const string Negotiate = "/_blazor/negotiate?negotiateVersion=1";

    /// <summary>Signs in through the form; the client keeps its cookies, and the sign-in cookie is also returned as sent ("kap.auth=…").</summary>
    public static async Task<(HttpClient Browser, string Cookie)> SignInAsync(PipelineApp app, string email, string password)
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await SignInForm.PostAsync(browser, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (browser, AuthCookie(response) ?? throw new InvalidOperationException("The sign-in set no cookie."));
    }

    /// <summary>The sign-in cookie a response sets (name=value), or null when it sets none or only deletes it.</summary>
    public static string? AuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith("kap.auth=", StringComparison.Ordinal) && c.Length > "kap.auth=".Length)
            : null;

    /// <summary>A request from another client that holds only <paramref name="cookie"/>, as a copied cookie would be used.</summary>
    public static async Task<HttpResponseMessage> ReplayAsync(PipelineApp app, string cookie, string path, HttpMethod? method = null)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    /// <summary>"Sign out" from the top bar: the form with its antiforgery token.</summary>
    public static async Task SignOutAsync(HttpClient browser)
    {
        var board = await (await browser.GetAsync("/")).Content.ReadAsStringAsync();
        var response = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignInForm.AntiforgeryToken(board),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{response.RequestMessage!.RequestUri!.PathAndQuery} answered {(int)response.StatusCode}");
        Assert.StartsWith("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    public static async Task<(string Access, string Refresh)> TokensAsync(PipelineApp app, string email, string password)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { email, password });
        return await ReadTokensAsync(response);
    }

    public static Task<HttpResponseMessage> RefreshAsync(PipelineApp app, string refreshToken) =>
        app.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

    public static async Task<(string Access, string Refresh)> RefreshOkAsync(PipelineApp app, string refreshToken) =>
        await ReadTokensAsync(await RefreshAsync(app, refreshToken));

    public static async Task<HttpResponseMessage> BearerAsync(PipelineApp app, string accessToken, string path, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", accessToken);
        return await app.CreateClient().SendAsync(request);
    }

    private static async Task<(string Access, string Refresh)> ReadTokensAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage!.RequestUri!.PathAndQuery} answered {(int)response.StatusCode}: {body}");
        var json = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        return (json["accessToken"]!.GetValue<string>(), json["refreshToken"]!.GetValue<string>());
    }
}
