using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Generated hostile requests against every write endpoint of the API (no input may produce a 5xx; a 2xx means committed): valid bodies with
/// one to three fields replaced by wrong types, extreme numbers and dates, control characters, huge strings, nulls,
/// unknown enum names or nested junk; whole bodies of junk; malformed JSON. No answer may be a 5xx, and an answer that
/// is not a 2xx must leave the database as it was. The seed is fixed, so a failure names the request that reproduces it.
/// </summary>
public abstract class FuzzTests<TApp>(TApp app, ITestOutputHelper output) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private const int Seed = 20261130;
    private const int Requests = 1_000;

    private static readonly string[] Strings =
    [
        "", " ", "\u0000", "a\u0000b", "\u001b[31mred", "\u007f", "\u0085", "\t", "line\nbreak", "\u202eevil", "😀", "ＴＣＬ华星", "%", "_", "\\",
        "'; DROP TABLE \"Deals\"; --", "<script>alert(1)</script>", "null", "true", "0", "-1", "NaN", "Infinity", new string('长', 5_000),
        new string('a', 70_000), "x@y", "a\u0000@b.cn",
    ];

    private static readonly string[] Numbers =
    [
        "0", "-0", "-1", "1", "1.5", "0.001", "1.999999999999999999999999999999", "1e308", "-1e308", "1e-400", "1e400", "2147483648", "-2147483649",
        "9223372036854775807", "9223372036854775808", "79228162514264337593543950335", "79228162514264337593543950336", "1000000000000.01", "3.0",
    ];

    private static readonly string[] Dates =
    [
        "0001-01-01", "9999-12-31", "1999-12-31", "2000-01-01", "2100-12-31", "2101-01-01", "2026-02-30", "2026-13-01", "26-06-15", "2026-06-15",
        "2026-11-29T20:00:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00-14:00",
        "2026-06-15T10:00:00+08:00", "2026-06-14T00:00:00Z", "2026-06-15T10:00:00+25:00", "2026-06-15T10:00:00.1234567890123Z", "yesterday",
    ];

    private static readonly string[] Names =
    [
        "won", "WON", "Won", "lost", "transport", "Transport", "warehousing", "need", "power", "collaboration", "visit", "meeting", "decisionMaker",
        "vetoHolder", "agreed", "rep", "manager", "admin", "Admin", "price", "other", "xyz", "0", "1", "discover", "commit",
    ];

    private static readonly string[] Junk =
    [
        "null", "true", "false", "[]", "{}", "[null]", "{\"a\":[1,{\"b\":[null,true,\"x\"]}],\"c\":{}}", "[\"\\u0000\"]", "{\"$type\":\"System.Object\"}",
        "{\"__proto__\":{\"admin\":true}}", string.Concat(Enumerable.Repeat("[", 60)) + string.Concat(Enumerable.Repeat("]", 60)),
    ];

    private static readonly string[] Malformed =
    [
        "", "{", "}", "[1,2", "{\"a\":}", "{\"a\" 1}", "'single'", "{\"a\":1,}", "\u0000", "{\"title\":\"\\ud800\"}", "{\"note\":\"\\udfff x\"}",
        "{\"customer\":\"a\\u0000\"}", "{\"a\":\"unterminated}", "NaN", "{\"a\":01}", "{\"a\":.5}", "{\"a\":1e}", "\"\\u12\"", "{\"a\":\"\\x41\"}",
        "{\"annualValue\":1,\"annualValue\":2}", "\uFEFF{}", string.Concat(Enumerable.Repeat("[", 1_000)) + string.Concat(Enumerable.Repeat("]", 1_000)), "{\"a\":[" + new string('1', 10_000) + "]}",
    ];

    [Fact]
    public async Task HostileRequestsNeverAnswer5xxAndWriteNothingUnlessTheyAnswer2xx()
    {
        var random = new Random(Seed);
        var admin = app.ClientFor(app.Admin);
        var anonymous = app.CreateClient();
        var world = await World.CreateAsync(app, admin);
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        var (before, versions) = await SnapshotAsync(world.Deals);

        for (var i = 0; i < Requests && failures.Count < 20; i++)
        {
            var endpoint = world.Endpoints[random.Next(world.Endpoints.Count)];
            var (url, body) = endpoint(random, versions);
            var content = Body(random, body);
            var request = new HttpRequestMessage(url.Method, url.Path) { Content = content };
            var client = url.Path.StartsWith("/api/auth/", StringComparison.Ordinal) ? anonymous : admin;

            var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            (var after, versions) = await SnapshotAsync(world.Deals);
            var sent = content is null ? "(no body)" : Shorten(await content.ReadAsStringAsync());
            if (status >= 500)
            {
                failures.Add($"#{i} {url.Method} {url.Path} {sent} → {status}: {Shorten(await response.Content.ReadAsStringAsync())}");
            }
            else if (status is < 200 or >= 300 && after != before)
            {
                failures.Add($"#{i} {url.Method} {url.Path} {sent} → {status} but the database changed:\n  before {before}\n  after  {after}");
            }

            before = after;
        }

        output.WriteLine($"{Requests} requests in {clock.Elapsed}: {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}");
        Assert.True(failures.Count == 0, $"Seed {Seed}, {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}:\n" + string.Join("\n", failures));
        Assert.True(statuses.Where(s => s.Key is >= 200 and < 300).Sum(s => s.Value) > 0, "No request succeeded: the generator only tests the first door.");
        Assert.True(statuses.Where(s => s.Key == 400).Sum(s => s.Value) > Requests / 2, "Too few refusals: the generator is not hostile enough.");
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(5), $"{Requests} requests took {clock.Elapsed}.");
    }

    /// <summary>The body to send: the template with one to three hostile changes, junk instead of it, or malformed text.</summary>
    private static StringContent? Body(Random random, JsonObject? template)
    {
        var roll = random.NextDouble();
        if (template is null && roll < 0.8)
        {
            return null;
        }

        if (roll < 0.06)
        {
            return ApiClient.RawJson(Malformed[random.Next(Malformed.Length)]);
        }

        if (roll < 0.14 || template is null)
        {
            return ApiClient.RawJson(Hostile(random)?.ToJsonString() ?? "null");
        }

        for (var changes = random.Next(1, 4); changes > 0; changes--)
        {
            Mutate(random, template);
        }

        return ApiClient.RawJson(template.ToJsonString());
    }

    /// <summary>Replaces, removes or adds one member somewhere in the body (nested objects and arrays included).</summary>
    private static void Mutate(Random random, JsonNode node)
    {
        while (true)
        {
            switch (node)
            {
                case JsonObject obj when obj.Count > 0 && random.NextDouble() < 0.85:
                    var key = obj.ElementAt(random.Next(obj.Count)).Key;
                    if (obj[key] is JsonObject or JsonArray && random.NextDouble() < 0.6)
                    {
                        node = obj[key]!;
                        continue;
                    }

                    if (random.NextDouble() < 0.15)
                    {
                        obj.Remove(key);
                    }
                    else
                    {
                        obj[key] = Hostile(random);
                    }

                    return;
                case JsonObject obj:
                    obj["unexpected" + random.Next(3)] = Hostile(random);
                    return;
                case JsonArray array when array.Count > 0:
                    var index = random.Next(array.Count);
                    if (array[index] is JsonObject or JsonArray && random.NextDouble() < 0.6)
                    {
                        node = array[index]!;
                        continue;
                    }

                    array[index] = Hostile(random);
                    return;
                case JsonArray array:
                    array.Add(Hostile(random));
                    return;
                default:
                    return;
            }
        }
    }

    private static JsonNode? Hostile(Random random) => random.Next(7) switch
    {
        0 => JsonValue.Create(Strings[random.Next(Strings.Length)]),
        1 => JsonNode.Parse(Numbers[random.Next(Numbers.Length)]),
        2 => JsonValue.Create(Dates[random.Next(Dates.Length)]),
        3 => JsonValue.Create(Names[random.Next(Names.Length)]),
        4 => JsonNode.Parse(Junk[random.Next(Junk.Length)]),
        5 => random.Next(3) switch { 0 => JsonValue.Create(Guid.Empty), 1 => JsonValue.Create(SomeGuid(random)), _ => JsonValue.Create("not-a-guid") },
        _ => null,
    };

    /// <summary>A made-up id, from the seeded generator so a failing run repeats exactly.</summary>
    private static Guid SomeGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + $"… ({text.Length} chars)" : text;

    /// <summary>What a write could change, in one line: counts, versions and the rows a refused request might touch in place.</summary>
    private Task<(string Text, Versions Versions)> SnapshotAsync(IReadOnlyList<Guid> deals) => app.QueryAsync(async db =>
    {
        var text = new StringBuilder();
        var counts = await db.Database.SqlQueryRaw<Counts>(
            """
            SELECT (SELECT COUNT(*) FROM "Deals") AS "Deals", (SELECT COALESCE(SUM("Version"), 0) FROM "Deals") AS "Versions",
                   (SELECT COUNT(*) FROM "Accounts") AS "Accounts", (SELECT COUNT(*) FROM "CheckpointChanges") AS "Checkpoints",
                   (SELECT COUNT(*) FROM "DealEvents") AS "Events", (SELECT COUNT(*) FROM "Activities") AS "Activities",
                   (SELECT COUNT(*) FROM "Reviews") AS "Reviews", (SELECT COUNT(*) FROM "ActionItems") AS "Actions",
                   (SELECT COUNT("DoneAt") FROM "ActionItems") AS "Done", (SELECT COUNT(*) FROM "Playbooks") AS "Playbooks"
            """).ToListAsync();
        var count = counts.Single();
        text.Append(count);
        foreach (var s in await db.Stakeholders.AsNoTracking().OrderBy(s => s.Id).ToListAsync())
        {
            text.Append(CultureInfo.InvariantCulture, $"[{s.Id:N}|{s.Name}|{s.Title}|{s.Department}|{s.Role}|{s.Goal}|{s.VetoStatus}]");
        }

        foreach (var p in await db.People.AsNoTracking().OrderBy(p => p.Id).ToListAsync())
        {
            text.Append(CultureInfo.InvariantCulture, $"[{p.Id:N}|{p.Name}|{p.Email}|{p.Role}|{p.Active}]");
        }

        // Not the failed-attempt counter or the lockout: a refused sign-in counts towards a lockout on purpose.
        foreach (var u in await db.Users.AsNoTracking().OrderBy(u => u.Id).Select(u => new { u.Id, u.Email, u.PasswordHash, u.SecurityStamp }).ToListAsync())
        {
            text.Append(CultureInfo.InvariantCulture, $"[{u.Id:N}|{u.Email}|{u.PasswordHash}|{u.SecurityStamp}]");
        }

        var versions = new Versions(await db.Deals.Where(d => deals.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Version), (int)count.Playbooks);
        return (text.ToString(), versions);
    });

    private sealed record Counts(long Deals, long Versions, long Accounts, long Checkpoints, long Events, long Activities, long Reviews, long Actions, long Done, long Playbooks);

    private sealed record Target(HttpMethod Method, string Path);

    /// <summary>The deals' current versions and the playbook's, read with each snapshot.</summary>
    private sealed record Versions(IReadOnlyDictionary<Guid, int> Deals, int Playbook);

    /// <summary>
    /// The deals, stakeholder, action item and person the requests aim at, and a valid body per endpoint. Most bodies carry
    /// the deal's current version, so a good share of requests gets past the version check to the rules behind it.
    /// </summary>
    private sealed class World
    {
        public required List<Guid> Deals { get; init; }

        public required List<Func<Random, Versions, (Target Url, JsonObject? Body)>> Endpoints { get; init; }

        public static async Task<World> CreateAsync(PipelineApp app, HttpClient admin)
        {
            var deals = new List<Guid>();
            for (var i = 0; i < 3; i++)
            {
                var card = await admin.PostOkAsync("/api/deals", new
                {
                    customer = $"Fuzz Target {i}", industry = "3C", title = "Seven warehouses", serviceLine = "warehousing", annualValue = 1_000_000m,
                    targetCloseDate = "2027-01-01", ownerId = app.Rep.Id,
                });
                deals.Add(card["id"]!.GetValue<Guid>());
            }

            var stakeholder = (await admin.PostOkAsync($"/api/deals/{deals[0]}/stakeholders", new { name = "Director Chen", role = "decisionMaker" }))["id"]!.GetValue<Guid>();
            var review = await admin.PostOkAsync("/api/reviews", new
            {
                heldOn = PipelineApp.StartDate, attendees = new[] { app.Manager.Id },
                actionItems = new[] { new { dealId = deals[0], ownerId = app.Rep.Id, text = "Call the director", dueOn = PipelineApp.StartDate.AddDays(7) } },
            });
            var action = review["actionItems"]![0]!["id"]!.GetValue<Guid>();
            var victim = (await admin.PostOkAsync("/api/users", new { name = "Fuzz Victim", email = $"victim.{Guid.NewGuid():N}@test.cn", role = "rep", password = "harbour-lantern-2026" }))["id"]!.GetValue<Guid>();
            var playbook = (await admin.GetJsonAsync("/api/playbook/edit")).ToJsonString();
            var today = PipelineApp.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

            Guid Deal(Random r) => r.Next(12) == 0 ? SomeGuid(r) : deals[r.Next(deals.Count)];
            (Target, JsonObject?) On(Random r, Versions v, string method, string suffix, Func<int, JsonObject?> body)
            {
                var deal = Deal(r);
                var version = r.Next(4) == 0 ? r.Next(1, 4) : v.Deals.GetValueOrDefault(deal, 1);
                return (new Target(new HttpMethod(method), $"/api/deals/{deal}{suffix}"), body(version));
            }

            return new World
            {
                Deals = deals,
                Endpoints =
                [
                    (r, _) => (new Target(HttpMethod.Post, "/api/deals"), new JsonObject
                    {
                        ["customer"] = "Fuzz New Co", ["industry"] = "3C", ["region"] = "South", ["title"] = "t", ["serviceLine"] = "transport",
                        ["ownerId"] = app.Rep.Id, ["annualValue"] = 12.5m, ["targetCloseDate"] = "2027-01-01", ["startedOn"] = today,
                    }),
                    (r, v) => On(r, v, "PUT", string.Empty, version => new JsonObject
                    {
                        ["title"] = "Edited", ["serviceLine"] = "distribution", ["annualValue"] = 2_000_000m, ["targetCloseDate"] = "2027-06-30",
                        ["startedOn"] = today, ["version"] = version,
                    }),
                    (r, v) => On(r, v, "POST", "/checkpoints", version => new JsonObject
                    {
                        ["factor"] = "need", ["level"] = r.Next(0, 6), ["note"] = "Interviewed the contact",
                        ["evidence"] = new JsonObject { ["kind"] = "meeting", ["detail"] = "Minutes" }, ["occurredAt"] = "2026-06-15T09:00:00+08:00", ["version"] = version,
                    }),
                    (r, v) => On(r, v, "POST", "/activities", _ => new JsonObject { ["kind"] = "visit", ["summary"] = "Visit", ["occurredAt"] = "2026-06-14T10:00:00Z" }),
                    (r, v) => On(r, v, "POST", "/stakeholders", _ => Stakeholder()),
                    (r, _) => (new Target(HttpMethod.Put, $"/api/deals/{deals[0]}/stakeholders/{(r.Next(8) == 0 ? SomeGuid(r) : stakeholder)}"), Stakeholder()),
                    (r, _) => (new Target(HttpMethod.Delete, $"/api/deals/{deals[0]}/stakeholders/{(r.Next(20) == 0 ? stakeholder : SomeGuid(r))}"), null),
                    (r, v) => On(r, v, "POST", "/close", version => new JsonObject { ["outcome"] = "won", ["reason"] = "price", ["note"] = "Signed", ["version"] = version }),
                    (r, v) => On(r, v, "POST", "/reopen", version => new JsonObject { ["note"] = "Back", ["version"] = version }),
                    (r, v) => On(r, v, "POST", "/hold", version => new JsonObject { ["reason"] = "Budget freeze", ["version"] = version }),
                    (r, v) => On(r, v, "POST", "/resume", version => new JsonObject { ["reason"] = "Budget back", ["version"] = version }),
                    (r, v) => On(r, v, "POST", "/owner", version => new JsonObject { ["ownerId"] = r.Next(2) == 0 ? app.Rep.Id : app.OtherRep.Id, ["version"] = version }),
                    (r, v) => On(r, v, "POST", "/coaching", _ => new JsonObject { ["text"] = "Ask about the budget" }),
                    (r, _) => (new Target(HttpMethod.Post, "/api/reviews"), new JsonObject
                    {
                        ["heldOn"] = today, ["since"] = "2026-06-01", ["note"] = "Weekly", ["attendees"] = new JsonArray(app.Manager.Id, app.Rep.Id),
                        ["notes"] = new JsonArray(new JsonObject { ["dealId"] = deals[1], ["note"] = "Push the director" }),
                        ["actionItems"] = new JsonArray(new JsonObject { ["dealId"] = deals[1], ["ownerId"] = app.Rep.Id, ["text"] = "Call", ["dueOn"] = today }),
                    }),
                    (r, _) => (new Target(HttpMethod.Post, $"/api/action-items/{(r.Next(3) == 0 ? action : SomeGuid(r))}/done"), null),
                    (r, _) => (new Target(HttpMethod.Post, "/api/users"), new JsonObject
                    {
                        ["name"] = "Fuzz Person", ["email"] = $"fuzz.{r.Next()}@test.cn", ["role"] = "rep", ["password"] = "harbour-lantern-2026",
                    }),
                    (r, _) => (new Target(HttpMethod.Put, $"/api/users/{victim}/role"), new JsonObject { ["role"] = "manager" }),
                    (r, _) => (new Target(HttpMethod.Post, $"/api/users/{victim}/{(r.Next(2) == 0 ? "disable" : "enable")}"), null),
                    (r, _) => (new Target(HttpMethod.Post, $"/api/users/{victim}/password"), new JsonObject { ["password"] = "another-2026" }),
                    (r, v) =>
                    {
                        var document = JsonNode.Parse(playbook)!.AsObject();
                        document["version"] = v.Playbook;
                        return (new Target(HttpMethod.Put, "/api/playbook"), document);
                    },
                    (r, _) => (new Target(HttpMethod.Post, "/api/auth/token"), new JsonObject { ["email"] = r.Next(2) == 0 ? "nobody@test.cn" : "victim@test.cn", ["password"] = "wrong-password-1" }),
                ],
            };

            static JsonObject Stakeholder() => new()
            {
                ["name"] = "Ms Wu", ["title"] = "CFO", ["department"] = "Finance", ["role"] = "vetoHolder", ["goal"] = "Cost down", ["vetoStatus"] = "contacted",
            };
        }
    }
}

public sealed class SqliteFuzzTests(SqliteApp app, ITestOutputHelper output) : FuzzTests<SqliteApp>(app, output);

public sealed class PostgresFuzzTests(PostgresApp app, ITestOutputHelper output) : FuzzTests<PostgresApp>(app, output);
