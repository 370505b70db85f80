using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using KeyAccountPipeline.Data.Identity;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Nobody learns from sign-in whether an email has an account (decision 0014): an unknown email, a wrong password and a locked
/// account get the same answer, on the API and the sign-in page, and each runs the password hasher once.
/// </summary>
public abstract partial class SignInEnumerationTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    [Fact]
    public async Task AnUnknownEmailAndAWrongPasswordGetTheSameTokenAnswer()
    {
        var unknown = await TokenAsync(app.CreateClient(), $"nobody.{Guid.NewGuid():N}@test.cn", "wrong-password-1");
        var wrong = await TokenAsync(app.CreateClient(), app.OtherRep.Email, "wrong-password-1");

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
        Assert.Equal(wrong, unknown);
    }

    [Fact]
    public async Task AnUnknownEmailAndAWrongPasswordGetTheSameSignInPage()
    {
        var unknown = await PageErrorAsync($"nobody.{Guid.NewGuid():N}@test.cn", "wrong-password-1");
        var wrong = await PageErrorAsync(app.OtherRep.Email, "wrong-password-1");

        Assert.Equal(wrong, unknown);
        Assert.Contains("The email or password is not correct.", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALockedAccountAnswersAsAnUnknownEmailDoesAfterAsManyFailures()
    {
        var email = await NewPersonAsync();
        var nobody = $"nobody.{Guid.NewGuid():N}@test.cn";
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await TokenAsync(app.CreateClient(), email, "wrong-password-1");
            await TokenAsync(app.CreateClient(), nobody, "wrong-password-1");
        }

        // The real account is locked now: its right password is refused, in the words an unknown email gets.
        var locked = await TokenAsync(app.CreateClient(), email, PipelineApp.Password);
        var unknown = await TokenAsync(app.CreateClient(), nobody, PipelineApp.Password);
        Assert.Equal(unknown, locked);
        Assert.Equal(await PageErrorAsync(nobody, PipelineApp.Password), await PageErrorAsync(email, PipelineApp.Password));
    }

    [Fact]
    public async Task EveryFailedSignInRunsThePasswordHasherOnce()
    {
        var counter = new HashCounter();
        await using var counted = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddScoped<IPasswordHasher<PipelineUser>>(provider =>
                new CountingHasher(new PasswordHasher<PipelineUser>(provider.GetRequiredService<IOptions<PasswordHasherOptions>>()), counter))));
        var locked = await NewPersonAsync();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await TokenAsync(counted.CreateClient(), locked, "wrong-password-1");
        }

        foreach (var (email, password) in new[]
                 {
                     ($"nobody.{Guid.NewGuid():N}@test.cn", "wrong-password-1"),
                     (app.OtherRep.Email, "wrong-password-1"),
                     (locked, PipelineApp.Password),
                 })
        {
            counter.Count = 0;
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(counted.CreateClient(), email, password)).Status);
            Assert.Equal(1, counter.Count);
        }
    }

    private async Task<string> NewPersonAsync()
    {
        var email = $"locked.{Guid.NewGuid():N}@test.cn";
        await app.ClientFor(app.Admin).PostOkAsync("/api/users", new { name = "锁定 Locked Person", email, role = "rep", password = PipelineApp.Password });
        return email;
    }

    private static async Task<(HttpStatusCode Status, string? Title, string? Detail)> TokenAsync(HttpClient client, string email, string password)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password });
        var body = await response.ReadJsonAsync();
        return (response.StatusCode, body["title"]?.GetValue<string>(), body["detail"]?.GetValue<string>());
    }

    private async Task<(HttpStatusCode Status, string Error)> PageErrorAsync(string email, string password)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var response = await SignInForm.PostAsync(client, email, password);
        var match = ErrorText().Match(await response.Content.ReadAsStringAsync());
        Assert.True(match.Success, "The sign-in page shows no error: " + await response.Content.ReadAsStringAsync());
        return (response.StatusCode, WebUtility.HtmlDecode(match.Groups[1].Value));
    }

    [GeneratedRegex("data-test=\"sign-in-error\"[^>]*>([^<]*)<")]
    private static partial Regex ErrorText();

    private sealed class HashCounter
    {
        public int Count;
    }

    /// <summary>Counts every hash and verification: the work a sign-in does, without timing it.</summary>
    private sealed class CountingHasher(IPasswordHasher<PipelineUser> inner, HashCounter counter) : IPasswordHasher<PipelineUser>
    {
        public string HashPassword(PipelineUser user, string password)
        {
            Interlocked.Increment(ref counter.Count);
            return inner.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(PipelineUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref counter.Count);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

public sealed class SqliteSignInEnumerationTests(SqliteApp app) : SignInEnumerationTests<SqliteApp>(app);

public sealed class PostgresSignInEnumerationTests(PostgresApp app) : SignInEnumerationTests<PostgresApp>(app);

/// <summary>
/// The rate limits (decision 0014) at low settings of their own: per client address and per account on sign-in, per person on
/// the API; a refused request is 429 with Retry-After (problem+json under /api). The rest of the suite runs unthrottled.
/// </summary>
public abstract class RateLimitTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    [Fact]
    public async Task SignInsFromOneAddressAreLimitedWhateverTheEmail()
    {
        await using var limited = Limited(perAddress: 3);
        var client = limited.CreateClient();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var answer = await client.PostAsJsonAsync("/api/auth/token", new { email = $"someone.{attempt}@test.cn", password = "wrong-password-1" });
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        }

        await AssertTooManyAsync(await client.PostAsJsonAsync("/api/auth/token", new { email = app.Rep.Email, password = PipelineApp.Password }), problem: true);
        await AssertTooManyAsync(await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "whatever" }), problem: true);
        var form = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await AssertTooManyAsync(await SignInForm.PostAsync(form, app.Rep.Email, PipelineApp.Password), problem: false);
    }

    [Fact]
    public async Task SignInsForOneAccountAreLimitedTheSameWhetherItExistsOrNot()
    {
        await using var limited = Limited(perAccount: 2, windowSeconds: 2);
        var client = limited.CreateClient();
        var nobody = $"nobody.{Guid.NewGuid():N}@test.cn";
        foreach (var email in new[] { app.OtherRep.Email, nobody })
        {
            for (var attempt = 1; attempt <= 2; attempt++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/token", new { email, password = "wrong-password-1" })).StatusCode);
            }

            await AssertTooManyAsync(await client.PostAsJsonAsync("/api/auth/token", new { email, password = PipelineApp.Password }), problem: true);
        }

        // The sign-in page counts the same attempts, and says so; another account is not held up.
        var form = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await SignInForm.PostAsync(form, app.OtherRep.Email, PipelineApp.Password);
        await AssertTooManyAsync(page, problem: false);
        Assert.Contains("Too many requests.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/token", new { email = app.Rep.Email, password = PipelineApp.Password })).StatusCode);

        // The window passes: the account signs in again (the limiter keeps real time, not the test clock).
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/token", new { email = app.OtherRep.Email, password = PipelineApp.Password })).StatusCode);
    }

    [Fact]
    public async Task TheApiIsLimitedPerPerson()
    {
        await using var limited = Limited(apiPerPerson: 3);
        var tokens = limited.CreateClient();
        var rep = await BearerAsync(limited, tokens, app.Rep.Email);
        for (var request = 1; request <= 3; request++)
        {
            Assert.Equal(HttpStatusCode.OK, (await rep.GetAsync("/api/people")).StatusCode);
        }

        await AssertTooManyAsync(await rep.GetAsync("/api/people"), problem: true);
        var manager = await BearerAsync(limited, tokens, app.Manager.Email);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/people")).StatusCode);
    }

    private WebApplicationFactory<Program> Limited(int perAddress = 1000, int perAccount = 1000, int apiPerPerson = 1000, int windowSeconds = 60) =>
        app.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Auth:RateLimit:WindowSeconds", windowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Auth:RateLimit:SignInPerAddress", perAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Auth:RateLimit:SignInPerAccount", perAccount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Auth:RateLimit:ApiPerPerson", apiPerPerson.ToString(System.Globalization.CultureInfo.InvariantCulture));
        });

    private static async Task<HttpClient> BearerAsync(WebApplicationFactory<Program> factory, HttpClient tokens, string email)
    {
        var token = await (await tokens.PostAsJsonAsync("/api/auth/token", new { email, password = PipelineApp.Password })).ReadJsonAsync();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token["accessToken"]!.GetValue<string>());
        return client;
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response, bool problem)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 60 }, $"Retry-After: {response.Headers.RetryAfter}");
        if (problem)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(429, (await response.ReadJsonAsync())["status"]!.GetValue<int>());
        }
    }
}

public sealed class SqliteRateLimitTests(SqliteApp app) : RateLimitTests<SqliteApp>(app);

public sealed class PostgresRateLimitTests(PostgresApp app) : RateLimitTests<PostgresApp>(app);
