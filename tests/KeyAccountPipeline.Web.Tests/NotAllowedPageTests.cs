using System.Net;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// A signed-in person who opens a page their role does not allow is shown "not allowed" in the app's layout, answered
/// 403 — not the sign-in page with a "signed out" notice (decision 0017); someone not signed in still goes to sign in.
/// Runs once on SQLite and once on PostgreSQL.
/// </summary>
public abstract class NotAllowedPageTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    public static TheoryData<Role, string> ForbiddenPages() => new()
    {
        { Role.Rep, "/insights" },
        { Role.Rep, "/review" },
        { Role.Rep, "/admin/users" },
        { Role.Rep, "/admin/playbook" },
        { Role.Rep, $"/reviews/{Guid.NewGuid()}/print" },
        { Role.Manager, "/admin/users" },
        { Role.Manager, "/admin/playbook" },
    };

    [Theory]
    [MemberData(nameof(ForbiddenPages))]
    public async Task ASignedInPersonWhoseRoleMayNotOpenThePageIsShownNotAllowedInTheApp(Role role, string path)
    {
        using var browser = await SignInForm.BrowserAsync(app, role == Role.Rep ? app.Rep : app.Manager);

        var first = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/not-allowed", first.Headers.Location!.OriginalString.Split('?')[0]);
        var (status, html) = await FollowAsync(browser, path);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("data-test=\"not-allowed\"", html, StringComparison.Ordinal);
        Assert.Contains("Not allowed", html, StringComparison.Ordinal);
        Assert.Contains($"Your role ({role}) may not open this page.", html, StringComparison.Ordinal);
        Assert.Contains("data-test=\"signed-in\"", html, StringComparison.Ordinal); // the app's layout, with its top bar
        Assert.Contains("data-test=\"back-to-board\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Password", html, StringComparison.Ordinal); // not the sign-in form
        Assert.DoesNotContain("reason=expired", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNotAllowedPageSpeaksChineseToAChineseBrowser()
    {
        using var browser = await SignInForm.BrowserAsync(app, app.Rep);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        var (status, encoded) = await FollowAsync(browser, "/insights");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        var html = WebUtility.HtmlDecode(encoded);
        Assert.Contains("没有权限", html, StringComparison.Ordinal);
        Assert.Contains("回到看板", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/insights")]
    [InlineData("/admin/users")]
    [InlineData("/not-allowed")]
    public async Task SomeoneNotSignedInIsStillSentToSignIn(string path)
    {
        using var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/insights")]
    [InlineData("/review")]
    public async Task AManagerStillOpensTheirPages(string path)
    {
        using var browser = await SignInForm.BrowserAsync(app, app.Manager);

        var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("data-test=\"not-allowed\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>GETs <paramref name="path"/> with a browser client that does not follow redirects, then follows them (at most 3).</summary>
    internal static async Task<(HttpStatusCode Status, string Html)> FollowAsync(HttpClient browser, string path)
    {
        var response = await browser.GetAsync(path);
        for (var hop = 0; hop < 3 && response.StatusCode == HttpStatusCode.Redirect; hop++)
        {
            response = await browser.GetAsync(response.Headers.Location);
        }

        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

public sealed class SqliteNotAllowedPageTests(SqliteApp app) : NotAllowedPageTests<SqliteApp>(app);

public sealed class PostgresNotAllowedPageTests(PostgresApp app) : NotAllowedPageTests<PostgresApp>(app);
