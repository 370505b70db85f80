using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>Who calls: nobody, the deal's owner (a rep), another rep, a manager, an admin.</summary>
public enum Caller
{
    Anonymous,
    RepOnOwnDeal,
    RepOnAnothersDeal,
    Manager,
    Admin,
}

/// <summary>
/// Issue 4's table, call by call: every API endpoint × every kind of caller → the expected status, on both
/// providers. Each case gets its own deal (owned by <see cref="PipelineApp.Rep"/>) in the state the call needs,
/// or for a user endpoint its own person;
/// a refused call (401/403) must leave the database exactly as it was.
/// </summary>
public abstract class AuthorizationMatrixTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private const int Ok = 200, Created = 201, NoContent = 204, Unauthorized = 401, Forbidden = 403;

    /// <summary>Statuses for: anonymous, rep on own deal, rep on another's deal, manager, admin.</summary>
    private static readonly Dictionary<string, int[]> Expected = new()
    {
        ["GET /api/board"] = [Unauthorized, Ok, Ok, Ok, Ok],
        ["GET /api/deals"] = [Unauthorized, Ok, Ok, Ok, Ok],
        ["GET /api/deals/{id}"] = [Unauthorized, Ok, Ok, Ok, Ok],
        ["GET /api/deals/{id}/history"] = [Unauthorized, Ok, Ok, Ok, Ok],
        ["GET /api/deals/{id}/timeline"] = [Unauthorized, Ok, Ok, Ok, Ok],
        ["GET /api/deals/{id}/history.csv"] = [Unauthorized, Ok, Ok, Ok, Ok],
        ["GET /api/export/board.csv"] = [Unauthorized, Ok, Ok, Ok, Ok],
        ["GET /api/insights"] = [Unauthorized, Forbidden, Forbidden, Ok, Ok],
        ["GET /api/playbook"] = [Unauthorized, Ok, Ok, Ok, Ok],
        ["GET /api/playbook/versions"] = [Unauthorized, Ok, Ok, Ok, Ok],
        ["GET /api/playbook/edit"] = [Unauthorized, Forbidden, Forbidden, Forbidden, Ok],
        ["PUT /api/playbook"] = [Unauthorized, Forbidden, Forbidden, Forbidden, Ok],
        ["GET /api/people"] = [Unauthorized, Ok, Ok, Ok, Ok],
        ["GET /api/accounts"] = [Unauthorized, Ok, Ok, Ok, Ok],
        ["POST /api/deals"] = [Unauthorized, Created, Forbidden, Created, Created],
        ["PUT /api/deals/{id}"] = [Unauthorized, Ok, Forbidden, Ok, Ok],
        ["POST /api/deals/{id}/checkpoints"] = [Unauthorized, Ok, Forbidden, Ok, Ok],
        ["POST /api/deals/{id}/activities"] = [Unauthorized, Ok, Forbidden, Ok, Ok],
        ["POST /api/deals/{id}/stakeholders"] = [Unauthorized, Created, Forbidden, Created, Created],
        ["PUT /api/deals/{id}/stakeholders/{sid}"] = [Unauthorized, Ok, Forbidden, Ok, Ok],
        ["DELETE /api/deals/{id}/stakeholders/{sid}"] = [Unauthorized, NoContent, Forbidden, NoContent, NoContent],
        ["POST /api/deals/{id}/close"] = [Unauthorized, Ok, Forbidden, Ok, Ok],
        ["POST /api/deals/{id}/reopen"] = [Unauthorized, Ok, Forbidden, Ok, Ok],
        ["POST /api/deals/{id}/hold"] = [Unauthorized, Ok, Forbidden, Ok, Ok],
        ["POST /api/deals/{id}/resume"] = [Unauthorized, Ok, Forbidden, Ok, Ok],
        ["POST /api/deals/{id}/owner"] = [Unauthorized, Forbidden, Forbidden, Ok, Ok],
        ["POST /api/deals/{id}/coaching"] = [Unauthorized, Forbidden, Forbidden, Created, Created],
        ["GET /api/users"] = [Unauthorized, Forbidden, Forbidden, Forbidden, Ok],
        ["POST /api/users"] = [Unauthorized, Forbidden, Forbidden, Forbidden, Created],
        ["PUT /api/users/{id}/role"] = [Unauthorized, Forbidden, Forbidden, Forbidden, Ok],
        ["POST /api/users/{id}/disable"] = [Unauthorized, Forbidden, Forbidden, Forbidden, Ok],
        ["POST /api/users/{id}/enable"] = [Unauthorized, Forbidden, Forbidden, Forbidden, Ok],
        ["POST /api/users/{id}/password"] = [Unauthorized, Forbidden, Forbidden, Forbidden, NoContent],
        // Review records are for managers and admins (issue 12 §3); a rep's own action items stay open to them.
        ["GET /api/review/changes"] = [Unauthorized, Forbidden, Forbidden, Ok, Ok],
        ["POST /api/reviews"] = [Unauthorized, Forbidden, Forbidden, Created, Created],
        ["GET /api/reviews/{id}"] = [Unauthorized, Forbidden, Forbidden, Ok, Ok],
        ["GET /api/action-items"] = [Unauthorized, Ok, Ok, Ok, Ok],
        // The action item is the rep's: its owner or a manager closes it.
        ["POST /api/action-items/{id}/done"] = [Unauthorized, Ok, Forbidden, Ok, Ok],
    };

    public static TheoryData<string, Caller> Cases()
    {
        var data = new TheoryData<string, Caller>();
        foreach (var endpoint in Expected.Keys)
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                data.Add(endpoint, caller);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryEndpointAnswersEachCallerAsTheRulesSay(string endpoint, Caller caller)
    {
        var deal = await PrepareAsync(endpoint);
        var before = await SnapshotAsync();

        var response = await ClientFor(caller).SendAsync(await RequestAsync(endpoint, deal, caller));

        var expected = Expected[endpoint][(int)caller];
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == (int)response.StatusCode, $"{endpoint} as {caller}: expected {expected}, got {(int)response.StatusCode} {body}");
        if (expected is Unauthorized or Forbidden)
        {
            Assert.Equal(before, await SnapshotAsync());
        }
    }

    [Fact]
    public void TheMatrixCoversEveryApiEndpoint()
    {
        var mapped = new List<string>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = endpoint.RoutePattern.RawText ?? string.Empty;
            if (!route.StartsWith("/api/", StringComparison.Ordinal) || route.StartsWith("/api/auth/", StringComparison.Ordinal))
            {
                continue; // signing in is for anonymous callers by design
            }

            route = route.Replace("{id:guid}", "{id}", StringComparison.Ordinal).Replace("{stakeholderId:guid}", "{sid}", StringComparison.Ordinal).TrimEnd('/');
            mapped.AddRange((endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method => $"{method} {route}"));
        }

        mapped.Sort(StringComparer.Ordinal);

        Assert.Equal(mapped, Expected.Keys.Order(StringComparer.Ordinal).ToList());
    }

    private HttpClient ClientFor(Caller caller) => caller switch
    {
        Caller.Anonymous => app.CreateClient(),
        Caller.RepOnOwnDeal => app.ClientFor(app.Rep),
        Caller.RepOnAnothersDeal => app.ClientFor(app.OtherRep),
        Caller.Manager => app.ClientFor(app.Manager),
        _ => app.ClientFor(app.Admin),
    };

    private sealed record PreparedDeal(Guid Id, int Version, Guid? StakeholderId);

    /// <summary>A deal owned by the rep, in the state the call needs (closed to reopen, on hold to resume, with a stakeholder).</summary>
    private async Task<PreparedDeal> PrepareAsync(string endpoint)
    {
        if (endpoint.Contains("/api/users/{id}", StringComparison.Ordinal))
        {
            // A person of the case's own in place of a deal: disabling or promoting a fixture person would change the other cases.
            var person = await app.ClientFor(app.Admin).PostOkAsync("/api/users",
                new { name = "Matrix Person", email = $"matrix.{Guid.NewGuid():N}@test.cn", role = "rep", password = PipelineApp.Password });
            return new PreparedDeal(person["id"]!.GetValue<Guid>(), 0, null);
        }

        var manager = app.ClientFor(app.Manager);
        var card = await manager.PostOkAsync("/api/deals", new
        {
            customer = $"Matrix Logistics {Guid.NewGuid():N}",
            industry = "Retail",
            title = "Cold chain",
            serviceLine = "transport",
            ownerId = app.Rep.Id,
            annualValue = 1_000_000m,
            targetCloseDate = new DateOnly(2027, 3, 31),
        });
        var id = card["id"]!.GetValue<Guid>();
        if (endpoint is "GET /api/reviews/{id}" or "POST /api/action-items/{id}/done")
        {
            // A review of the deal with an action item for the rep, in place of the deal.
            var review = await manager.PostOkAsync("/api/reviews", new
            {
                heldOn = PipelineApp.StartDate, attendees = new[] { app.Manager.Id },
                actionItems = new[] { new { dealId = id, ownerId = app.Rep.Id, text = "Send the quote", dueOn = PipelineApp.StartDate.AddDays(30) } },
            });
            return new PreparedDeal(endpoint.StartsWith("GET", StringComparison.Ordinal) ? review["id"]!.GetValue<Guid>() : review["actionItems"]![0]!["id"]!.GetValue<Guid>(), 0, null);
        }

        Guid? stakeholder = null;
        if (endpoint.Contains("{sid}", StringComparison.Ordinal))
        {
            stakeholder = (await manager.PostOkAsync($"/api/deals/{id}/stakeholders", new { name = "Chen Hao", role = "decisionMaker" }))["id"]!.GetValue<Guid>();
        }
        else if (endpoint.EndsWith("/reopen", StringComparison.Ordinal))
        {
            card = await manager.PostOkAsync($"/api/deals/{id}/close", new { outcome = "lost", reason = "price", version = 1 });
        }
        else if (endpoint.EndsWith("/resume", StringComparison.Ordinal))
        {
            card = await manager.PostOkAsync($"/api/deals/{id}/hold", new { reason = "Customer restructuring", version = 1 });
        }

        return new PreparedDeal(id, card["version"]!.GetValue<int>(), stakeholder);
    }

    private async Task<HttpRequestMessage> RequestAsync(string endpoint, PreparedDeal deal, Caller caller)
    {
        var parts = endpoint.Split(' ');
        var url = parts[1].Replace("{id}", deal.Id.ToString(), StringComparison.Ordinal)
            .Replace("{sid}", deal.StakeholderId?.ToString(), StringComparison.Ordinal);
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
            "POST /api/deals/{id}/activities" => new { kind = "call", summary = "Weekly call" },
            "POST /api/deals/{id}/stakeholders" or "PUT /api/deals/{id}/stakeholders/{sid}" => new { name = "Liu Fang", role = "influencer" },
            "POST /api/deals/{id}/close" => new { outcome = "won", reason = "relationship", version = deal.Version },
            "POST /api/deals/{id}/reopen" or "POST /api/deals/{id}/resume" => new { note = "Back on", version = deal.Version },
            "POST /api/deals/{id}/hold" => new { reason = "Budget freeze", version = deal.Version },
            "POST /api/deals/{id}/owner" => new { ownerId = caller == Caller.RepOnAnothersDeal ? app.OtherRep.Id : app.Manager.Id, version = deal.Version },
            "POST /api/deals/{id}/coaching" => new { text = "Meet the CFO before the tender" },
            "PUT /api/playbook" => await app.ClientFor(app.Admin).GetJsonAsync("/api/playbook/edit"), // saved unchanged, as a new version
            "POST /api/users" => new { name = "Matrix New Person", email = $"matrix.new.{Guid.NewGuid():N}@test.cn", role = "manager", password = PipelineApp.Password },
            "PUT /api/users/{id}/role" => new { role = "manager" },
            "POST /api/users/{id}/password" => new { password = "matrix-secret-2026" },
            "POST /api/reviews" => new { heldOn = PipelineApp.StartDate, attendees = new[] { app.Manager.Id }, notes = new[] { new { dealId = deal.Id, note = "On track" } } },
            _ => null,
        };
        return new HttpRequestMessage(new HttpMethod(parts[0]), url) { Content = body is null ? null : JsonContent.Create(body) };
    }

    /// <summary>Row counts of everything a call could write, the sum of deal versions, and every person's role, state and sign-in.</summary>
    private Task<string> SnapshotAsync() => app.QueryAsync(async db =>
        string.Join(",",
            await db.Deals.CountAsync(), await db.Deals.SumAsync(d => d.Version), await db.Accounts.CountAsync(),
            await db.CheckpointChanges.CountAsync(), await db.Activities.CountAsync(), await db.DealEvents.CountAsync(),
            await db.Stakeholders.CountAsync(), await db.Playbooks.CountAsync(), await db.People.CountAsync(),
            await db.Reviews.CountAsync(), await db.ActionItems.CountAsync(a => a.DoneAt != null),
            string.Join(";", await db.People.OrderBy(p => p.Id).Select(p => $"{p.Role} {p.Active}").ToListAsync()),
            string.Join(";", await db.Users.OrderBy(u => u.Id).Select(u => u.SecurityStamp + u.PasswordHash).ToListAsync())));
}

public sealed class SqliteAuthorizationMatrixTests(SqliteApp app) : AuthorizationMatrixTests<SqliteApp>(app);

public sealed class PostgresAuthorizationMatrixTests(PostgresApp app) : AuthorizationMatrixTests<PostgresApp>(app);
