using System.Net.Http.Headers;
using System.Net.Http.Json;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Who calls: nobody, the deal's owner (a rep), another rep, a manager, an admin; and two people whose access was taken
/// away after they signed in, still holding their token or cookie: an admin who was disabled, and an admin who was
/// demoted to rep (decision 0016). Admins, so that any check that is missing shows as a call that went through.
/// </summary>
public enum Caller
{
    Anonymous,
    RepOnOwnDeal,
    RepOnAnothersDeal,
    Manager,
    Admin,
    Disabled,
    JustDemoted,
}

/// <summary>The matrices' cases, and signing the <see cref="Caller"/>s in.</summary>
public static class Callers
{
    /// <summary>Every row × every caller, for a matrix's theory.</summary>
    public static TheoryData<string, Caller> Cases(IEnumerable<string> rows)
    {
        var data = new TheoryData<string, Caller>();
        foreach (var row in rows)
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                data.Add(row, caller);
            }
        }

        return data;
    }

    /// <summary>The fixture person behind a caller; null for <see cref="Caller.Anonymous"/> and the revoked callers, who are people of their own.</summary>
    public static Person? FixturePerson(this PipelineApp app, Caller caller) => caller switch
    {
        Caller.RepOnOwnDeal => app.Rep,
        Caller.RepOnAnothersDeal => app.OtherRep,
        Caller.Manager => app.Manager,
        Caller.Admin => app.Admin,
        _ => null,
    };

    /// <summary>
    /// For <see cref="Caller.Disabled"/> and <see cref="Caller.JustDemoted"/>: a new admin, signed in by
    /// <paramref name="signIn"/> (which returns what the caller then holds: a token, a cookie), then disabled or demoted
    /// by another admin. Null for the other callers.
    /// </summary>
    public static async Task<T?> RevokedAsync<T>(this PipelineApp app, Caller caller, Func<Person, Task<T>> signIn)
        where T : class
    {
        if (caller is not (Caller.Disabled or Caller.JustDemoted))
        {
            return null;
        }

        var person = await app.NewPersonAsync(Role.Admin);
        var held = await signIn(person);
        await app.RevokeAsync(person, disable: caller == Caller.Disabled);
        return held;
    }
}

/// <summary>
/// README's role table (decisions 0004, 0018), call by call, with a bearer token: every API endpoint × every kind of caller → the expected status,
/// on both providers. Each case gets its own deal (owned by <see cref="PipelineApp.Rep"/>) in the state the call needs,
/// or for a user endpoint its own person; a refused call (401/403) must leave the database exactly as it was. A disabled
/// or just-demoted person's token is refused like no token at all (401): they must sign in again (decision 0016).
/// Review records are for managers and admins (decision 0017). Pages and files: <see cref="PageAuthorizationMatrixTests{TApp}"/>.
/// </summary>
public abstract class AuthorizationMatrixTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private const int Ok = 200, Created = 201, NoContent = 204, Unauthorized = 401, Forbidden = 403;

    /// <summary>Statuses for: anonymous, rep on own deal, rep on another's deal, manager, admin, disabled, just demoted.</summary>
    private static readonly Dictionary<string, int[]> Expected = new()
    {
        ["GET /api/board"] = [Unauthorized, Ok, Ok, Ok, Ok, Unauthorized, Unauthorized],
        ["GET /api/deals"] = [Unauthorized, Ok, Ok, Ok, Ok, Unauthorized, Unauthorized],
        ["GET /api/deals/{id}"] = [Unauthorized, Ok, Ok, Ok, Ok, Unauthorized, Unauthorized],
        ["GET /api/deals/{id}/history"] = [Unauthorized, Ok, Ok, Ok, Ok, Unauthorized, Unauthorized],
        ["GET /api/deals/{id}/timeline"] = [Unauthorized, Ok, Ok, Ok, Ok, Unauthorized, Unauthorized],
        ["GET /api/deals/{id}/history.csv"] = [Unauthorized, Ok, Ok, Ok, Ok, Unauthorized, Unauthorized],
        ["GET /api/export/board.csv"] = [Unauthorized, Ok, Ok, Ok, Ok, Unauthorized, Unauthorized],
        ["GET /api/insights"] = [Unauthorized, Forbidden, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        ["GET /api/playbook"] = [Unauthorized, Ok, Ok, Ok, Ok, Unauthorized, Unauthorized],
        ["GET /api/playbook/versions"] = [Unauthorized, Ok, Ok, Ok, Ok, Unauthorized, Unauthorized],
        ["GET /api/playbook/edit"] = [Unauthorized, Forbidden, Forbidden, Forbidden, Ok, Unauthorized, Unauthorized],
        ["PUT /api/playbook"] = [Unauthorized, Forbidden, Forbidden, Forbidden, Ok, Unauthorized, Unauthorized],
        ["GET /api/people"] = [Unauthorized, Ok, Ok, Ok, Ok, Unauthorized, Unauthorized],
        ["GET /api/accounts"] = [Unauthorized, Ok, Ok, Ok, Ok, Unauthorized, Unauthorized],
        ["POST /api/deals"] = [Unauthorized, Created, Forbidden, Created, Created, Unauthorized, Unauthorized],
        ["PUT /api/deals/{id}"] = [Unauthorized, Ok, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        ["POST /api/deals/{id}/checkpoints"] = [Unauthorized, Ok, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        // Only the change's recorder corrects it (the subject's change is the owning rep's own): not another rep, nor a manager or admin.
        ["POST /api/deals/{id}/checkpoints/{cid}/correct"] = [Unauthorized, Ok, Forbidden, Forbidden, Forbidden, Unauthorized, Unauthorized],
        ["POST /api/deals/{id}/activities"] = [Unauthorized, Ok, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        ["POST /api/deals/{id}/visits"] = [Unauthorized, Ok, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        ["POST /api/deals/{id}/stakeholders"] = [Unauthorized, Created, Forbidden, Created, Created, Unauthorized, Unauthorized],
        ["PUT /api/deals/{id}/stakeholders/{sid}"] = [Unauthorized, Ok, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        ["DELETE /api/deals/{id}/stakeholders/{sid}"] = [Unauthorized, NoContent, Forbidden, NoContent, NoContent, Unauthorized, Unauthorized],
        ["POST /api/deals/{id}/close"] = [Unauthorized, Ok, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        ["POST /api/deals/{id}/reopen"] = [Unauthorized, Ok, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        ["POST /api/deals/{id}/hold"] = [Unauthorized, Ok, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        ["POST /api/deals/{id}/resume"] = [Unauthorized, Ok, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        ["POST /api/deals/{id}/owner"] = [Unauthorized, Forbidden, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        // Action items are given by managers and admins, on the deal page as in a review (issue 15).
        ["POST /api/deals/{id}/action-items"] = [Unauthorized, Forbidden, Forbidden, Created, Created, Unauthorized, Unauthorized],
        ["POST /api/deals/{id}/coaching"] = [Unauthorized, Forbidden, Forbidden, Created, Created, Unauthorized, Unauthorized],
        ["GET /api/users"] = [Unauthorized, Forbidden, Forbidden, Forbidden, Ok, Unauthorized, Unauthorized],
        ["POST /api/users"] = [Unauthorized, Forbidden, Forbidden, Forbidden, Created, Unauthorized, Unauthorized],
        ["PUT /api/users/{id}/role"] = [Unauthorized, Forbidden, Forbidden, Forbidden, Ok, Unauthorized, Unauthorized],
        ["POST /api/users/{id}/disable"] = [Unauthorized, Forbidden, Forbidden, Forbidden, Ok, Unauthorized, Unauthorized],
        ["POST /api/users/{id}/enable"] = [Unauthorized, Forbidden, Forbidden, Forbidden, Ok, Unauthorized, Unauthorized],
        ["POST /api/users/{id}/unlock"] = [Unauthorized, Forbidden, Forbidden, Forbidden, Ok, Unauthorized, Unauthorized],
        ["POST /api/users/{id}/password"] = [Unauthorized, Forbidden, Forbidden, Forbidden, NoContent, Unauthorized, Unauthorized],
        // Review records (the meeting's notes, attendees, what changed since) are for managers and admins (decision 0017).
        ["GET /api/review/changes"] = [Unauthorized, Forbidden, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        ["POST /api/reviews"] = [Unauthorized, Forbidden, Forbidden, Created, Created, Unauthorized, Unauthorized],
        ["GET /api/reviews/{id}"] = [Unauthorized, Forbidden, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        // A review draft is its manager's own (decision 0031-drafts): no id, so nobody addresses another's.
        ["GET /api/reviews/draft"] = [Unauthorized, Forbidden, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        ["PUT /api/reviews/draft"] = [Unauthorized, Forbidden, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        ["DELETE /api/reviews/draft"] = [Unauthorized, Forbidden, Forbidden, NoContent, NoContent, Unauthorized, Unauthorized],
        // A rep lists their own action items, without the review they came from; everyone's is for managers (decision 0017).
        ["GET /api/action-items"] = [Unauthorized, Ok, Ok, Ok, Ok, Unauthorized, Unauthorized],
        ["GET /api/action-items?owner=all"] = [Unauthorized, Forbidden, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        // The action item is the rep's: its owner or a manager closes it.
        ["POST /api/action-items/{id}/done"] = [Unauthorized, Ok, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        // Importing deals from a file (issue 16) creates and changes anyone's deals: managers and admins.
        ["GET /api/imports"] = [Unauthorized, Forbidden, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        ["POST /api/imports"] = [Unauthorized, Forbidden, Forbidden, Created, Created, Unauthorized, Unauthorized],
        ["GET /api/imports/template.xlsx"] = [Unauthorized, Forbidden, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        ["GET /api/imports/{id}"] = [Unauthorized, Forbidden, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        ["PUT /api/imports/{id}/mapping"] = [Unauthorized, Forbidden, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        ["POST /api/imports/{id}/commit"] = [Unauthorized, Forbidden, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        ["GET /api/imports/{id}/errors.xlsx"] = [Unauthorized, Forbidden, Forbidden, Ok, Ok, Unauthorized, Unauthorized],
        // The delivery log and its resend are for admins (issue 17 §5, decision 0037-notifications-outbox).
        ["GET /api/deliveries"] = [Unauthorized, Forbidden, Forbidden, Forbidden, Ok, Unauthorized, Unauthorized],
        ["POST /api/deliveries/{id}/resend"] = [Unauthorized, Forbidden, Forbidden, Forbidden, NoContent, Unauthorized, Unauthorized],
        // A person's own notifications and settings (issue 17, decision 0034-notifications-inbox): no id, so nobody names another's.
        ["GET /api/notifications"] = [Unauthorized, Ok, Ok, Ok, Ok, Unauthorized, Unauthorized],
        ["POST /api/notifications/read"] = [Unauthorized, Ok, Ok, Ok, Ok, Unauthorized, Unauthorized],
        ["GET /api/me/notification-settings"] = [Unauthorized, Ok, Ok, Ok, Ok, Unauthorized, Unauthorized],
        ["PUT /api/me/notification-settings"] = [Unauthorized, Ok, Ok, Ok, Ok, Unauthorized, Unauthorized],
        ["POST /api/me/email/confirmation"] = [Unauthorized, Ok, Ok, Ok, Ok, Unauthorized, Unauthorized],
        // Notification channels (issue 17 §4) hold the mail server's password and the robots' secrets: admins only.
        ["GET /api/channels"] = [Unauthorized, Forbidden, Forbidden, Forbidden, Ok, Unauthorized, Unauthorized],
        ["POST /api/channels"] = [Unauthorized, Forbidden, Forbidden, Forbidden, Created, Unauthorized, Unauthorized],
        ["PUT /api/channels/{id}"] = [Unauthorized, Forbidden, Forbidden, Forbidden, Ok, Unauthorized, Unauthorized],
        ["POST /api/channels/{id}/test"] = [Unauthorized, Forbidden, Forbidden, Forbidden, Ok, Unauthorized, Unauthorized],
        // Ends the calling session only (decision 0015); a revoked person's token has no session left to end.
        ["POST /api/auth/signout"] = [Unauthorized, NoContent, NoContent, NoContent, NoContent, Unauthorized, Unauthorized],
    };

    public static TheoryData<string, Caller> Cases() => Callers.Cases(Expected.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryEndpointAnswersEachCallerAsTheRulesSay(string endpoint, Caller caller)
    {
        var deal = await app.PrepareAsync(endpoint);
        // Signing out ends the token's session: a token of the case's own, so the caller's shared one goes on working.
        var client = await ClientForAsync(caller, ownToken: endpoint == "POST /api/auth/signout");
        var before = await app.SnapshotAsync();

        var response = await client.SendAsync(await RequestAsync(endpoint, deal, caller));

        var expected = Expected[endpoint][(int)caller];
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == (int)response.StatusCode, $"{endpoint} as {caller}: expected {expected}, got {(int)response.StatusCode} {body}");
        if (expected is Unauthorized or Forbidden)
        {
            Assert.Equal(before, await app.SnapshotAsync());
        }
    }

    [Fact]
    public void TheMatrixCoversEveryApiEndpoint()
    {
        var mapped = new List<string>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = endpoint.RoutePattern.RawText ?? string.Empty;
            if (!route.StartsWith("/api/", StringComparison.Ordinal) || route is "/api/auth/token" or "/api/auth/refresh")
            {
                continue; // signing in is for anonymous callers by design
            }

            route = route.Replace("{id:guid}", "{id}", StringComparison.Ordinal).Replace("{stakeholderId:guid}", "{sid}", StringComparison.Ordinal)
                .Replace("{changeId:guid}", "{cid}", StringComparison.Ordinal).TrimEnd('/');
            mapped.AddRange((endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method => $"{method} {route}"));
        }

        mapped.Sort(StringComparer.Ordinal);

        // A row with a query is one more case of its endpoint.
        Assert.Equal(mapped, Expected.Keys.Select(row => row.Split('?')[0]).Distinct().Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// A client with the caller's bearer token (the shared one, or with <paramref name="ownToken"/> a fresh one); a revoked
    /// caller's token was issued before the revocation.
    /// </summary>
    private async Task<HttpClient> ClientForAsync(Caller caller, bool ownToken)
    {
        var fixturePerson = app.FixturePerson(caller);
        if (fixturePerson is not null && !ownToken)
        {
            return app.ClientFor(fixturePerson);
        }

        var client = app.CreateClient();
        var token = fixturePerson is not null
            ? await app.SignInAsync(fixturePerson.Email, PipelineApp.Password)
            : await app.RevokedAsync(caller, person => app.SignInAsync(person.Email, PipelineApp.Password));
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>An import field as the API names it (camelCase).</summary>
    internal static string ApiName(KeyAccountPipeline.Data.Imports.ImportField field) => char.ToLowerInvariant(field.ToString()[0]) + field.ToString()[1..];

    private async Task<HttpRequestMessage> RequestAsync(string endpoint, PreparedDeal deal, Caller caller)
    {
        var parts = endpoint.Split(' ');
        var url = parts[1].Replace("{id}", deal.Id.ToString(), StringComparison.Ordinal)
            .Replace("{sid}", deal.StakeholderId?.ToString(), StringComparison.Ordinal).Replace("{cid}", deal.ChangeId?.ToString(), StringComparison.Ordinal);
        object? body = endpoint switch
        {
            "POST /api/deals" => new
            {
                customer = $"Matrix New {Guid.NewGuid():N}", industry = "Retail", title = "Warehousing", serviceLine = "warehousing",
                ownerId = app.Rep.Id, annualValue = 500_000m, targetCloseDate = new DateOnly(2027, 6, 30),
            },
            "PUT /api/deals/{id}" => new
            {
                title = "Cold chain, two cities", serviceLine = "transport", annualValue = 1_200_000m,
                targetCloseDate = new DateOnly(2027, 3, 31), startedOn = new DateOnly(2026, 6, 1), version = deal.Version,
            },
            "POST /api/deals/{id}/checkpoints" => new { factor = "need", level = 1, note = "Stated request on file", version = deal.Version },
            "POST /api/deals/{id}/checkpoints/{cid}/correct" => new { version = deal.Version },
            "POST /api/deals/{id}/activities" => new { kind = "call", summary = "Weekly call" },
            "POST /api/deals/{id}/visits" => new { kind = "visit", note = "Met the owner", checkpoints = new[] { new { factor = "power", level = 3 } }, version = deal.Version },
            "POST /api/deals/{id}/stakeholders" or "PUT /api/deals/{id}/stakeholders/{sid}" => new { name = "Liu Fang", role = "influencer" },
            "POST /api/deals/{id}/close" => new { outcome = "won", reason = "relationship", version = deal.Version },
            "POST /api/deals/{id}/reopen" or "POST /api/deals/{id}/resume" => new { note = "Back on", version = deal.Version },
            "POST /api/deals/{id}/hold" => new { reason = "Budget freeze", version = deal.Version },
            "POST /api/deals/{id}/owner" => new { ownerId = caller == Caller.RepOnAnothersDeal ? app.OtherRep.Id : app.Manager.Id, version = deal.Version },
            "POST /api/deals/{id}/coaching" => new { text = "Meet the CFO before the tender" },
            "POST /api/deals/{id}/action-items" => new { ownerId = app.Rep.Id, text = "Book the site visit", dueOn = PipelineApp.StartDate.AddDays(30) },
            "PUT /api/playbook" => await app.ClientFor(app.Admin).GetJsonAsync("/api/playbook/edit"), // saved unchanged: 200, no new version
            "POST /api/users" => new { name = "Matrix New Person", email = $"matrix.new.{Guid.NewGuid():N}@test.cn", role = "manager", password = PipelineApp.Password },
            "PUT /api/users/{id}/role" => new { role = "manager" },
            "POST /api/users/{id}/password" => new { password = "matrix-secret-2026" },
            "POST /api/channels" or "PUT /api/channels/{id}" => new
            {
                kind = "weCom", name = "Matrix group", enabled = true, everyone = true, version = deal.Version,
                webhookUrl = "http://127.0.0.1:9/cgi-bin/webhook/send?key=matrix",
            },
            "PUT /api/reviews/draft" => new { note = "Matrix draft", notes = new[] { new { dealId = deal.Id, note = "Half-written" } } },
            "PUT /api/imports/{id}/mapping" => new { mapping = MatrixSubjects.ImportColumns.Select((f, i) => i == 1 ? null : ApiName(f)) },
            "POST /api/imports/{id}/commit" => new { },
            "POST /api/notifications/read" => new { all = true },
            "PUT /api/me/notification-settings" => new
            {
                choices = new Dictionary<string, string[]> { ["weeklyDigest"] = ["weCom"] },
                language = "zh-CN",
                version = app.FixturePerson(caller) is { } person ? (await app.ClientFor(person).GetJsonAsync("/api/me/notification-settings"))["version"]!.GetValue<int>() : 0,
            },
            "POST /api/reviews" => new { heldOn = PipelineApp.StartDate, attendees = new[] { app.Manager.Id }, notes = new[] { new { dealId = deal.Id, note = "On track" } } },
            _ => null,
        };
        if (endpoint == "POST /api/imports")
        {
            return new HttpRequestMessage(HttpMethod.Post, url) { Content = app.ImportForm() };
        }

        return new HttpRequestMessage(new HttpMethod(parts[0]), url) { Content = body is null ? null : JsonContent.Create(body) };
    }
}

public sealed class SqliteAuthorizationMatrixTests(SqliteApp app) : AuthorizationMatrixTests<SqliteApp>(app);

public sealed class PostgresAuthorizationMatrixTests(PostgresApp app) : AuthorizationMatrixTests<PostgresApp>(app);
