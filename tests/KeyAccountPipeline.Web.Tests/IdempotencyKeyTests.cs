using System.Net;
using System.Net.Http.Json;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// <c>Idempotency-Key</c> on every POST that creates something: a retry with the same key and body answers the first
/// answer and writes nothing, another body answers 422, a request still in flight 409; keys are per person and kept a day.
/// </summary>
public abstract class IdempotencyKeyTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private const string Header = "Idempotency-Key";

    private readonly HttpClient _manager = app.ClientFor(app.Manager);

    public static TheoryData<string> Creations => ["deal", "checkpoint", "activity", "stakeholder", "coaching", "review"];

    [Theory]
    [MemberData(nameof(Creations))]
    public async Task ARetryWithTheSameKeyAnswersTheFirstAnswerAndWritesNothing(string what)
    {
        var (client, url, body, count) = await CreationAsync(what);
        var key = Guid.NewGuid().ToString();
        var before = await count();

        var first = await SendAsync(client, url, body, key);
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.True(first.IsSuccessStatusCode, $"{what}: {(int)first.StatusCode} {firstBody}");
        var retry = await SendAsync(client, url, body, key);

        Assert.Equal(first.StatusCode, retry.StatusCode);
        Assert.Equal(firstBody, await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal("application/json", retry.Content.Headers.ContentType?.MediaType);
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(before + 1, await count());
    }

    [Theory]
    [MemberData(nameof(Creations))]
    public async Task TheSameKeyWithAnotherBodyAnswers422AndWritesNothing(string what)
    {
        var (client, url, body, count) = await CreationAsync(what);
        var key = Guid.NewGuid().ToString();
        Assert.True((await SendAsync(client, url, body, key)).IsSuccessStatusCode);
        var after = await count();
        var (_, _, other, _) = await CreationAsync(what);

        var response = await SendAsync(client, url, other, key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(Header, (await response.ReadJsonAsync())["detail"]!.GetValue<string>());
        Assert.Equal(after, await count());
    }

    [Fact]
    public async Task AnotherPersonsSameKeyIsTheirOwn()
    {
        var deal = await DealAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { kind = "call", summary = "Called the buyer" };

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(_manager, $"/api/deals/{deal}/activities", body, key)).StatusCode);
        var rep = await SendAsync(app.ClientFor(app.Rep), $"/api/deals/{deal}/activities", body, key);

        Assert.Equal(HttpStatusCode.OK, rep.StatusCode);
        Assert.False(rep.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, await app.QueryAsync(db => db.Activities.CountAsync(a => a.DealId == deal)));
    }

    [Fact]
    public async Task ARefusedRequestIsNotKeptSoItsCorrectedRetryGoesThrough()
    {
        var deal = await DealAsync();
        var key = Guid.NewGuid().ToString();
        var url = $"/api/deals/{deal}/checkpoints";

        var stale = await SendAsync(_manager, url, new { factor = "need", level = 1, note = "Interviewed", version = 7 }, key);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var refused = await SendAsync(_manager, url, new { factor = "need", level = 9, note = "Interviewed", version = 1 }, key);
        await refused.AssertFieldErrorAsync("level");
        var corrected = await SendAsync(_manager, url, new { factor = "need", level = 1, note = "Interviewed", version = 1 }, key);

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal(2, (await corrected.ReadJsonAsync())["version"]!.GetValue<int>());
        Assert.Equal(1, await app.QueryAsync(db => db.CheckpointChanges.CountAsync(c => c.DealId == deal)));
    }

    [Fact]
    public async Task SimultaneousRequestsWithTheSameKeyWriteOnce()
    {
        var deal = await DealAsync();
        var key = Guid.NewGuid().ToString();
        var start = new TaskCompletionSource();
        var requests = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await SendAsync(_manager, $"/api/deals/{deal}/activities", new { kind = "visit", summary = "Visited the DC" }, key);
        })).ToList();

        start.SetResult();
        var responses = await Task.WhenAll(requests);

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Conflict, $"answered {(int)s}"));
        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.All(responses.Where(r => r.StatusCode == HttpStatusCode.Conflict),
            r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
        Assert.Equal(1, await app.QueryAsync(db => db.Activities.CountAsync(a => a.DealId == deal)));
    }

    public static TheoryData<string> BadKeys => [new string('k', 256), "key\u0001with-a-control", "密钥"];

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task AKeyOutsideOneTo255PrintableAsciiCharactersIsRefusedNamingTheHeader(string key)
    {
        var deal = await DealAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/deals/{deal}/activities")
        {
            Content = JsonContent.Create(new { kind = "visit", summary = "Visited" }),
        };
        request.Headers.TryAddWithoutValidation(Header, key);

        var response = await _manager.SendAsync(request);

        await response.AssertFieldErrorAsync(Header);
        Assert.Equal(0, await app.QueryAsync(db => db.Activities.CountAsync(a => a.DealId == deal)));
    }

    [Fact]
    public async Task KeysAreKeptADayThenPurged()
    {
        var deal = await DealAsync();
        var key = Guid.NewGuid().ToString();
        var url = $"/api/deals/{deal}/activities";
        var body = new { kind = "email", summary = "Sent the proposal" };
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(_manager, url, body, key)).StatusCode);

        app.Clock.Advance(TimeSpan.FromHours(23));
        Assert.True((await SendAsync(_manager, url, body, key)).Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await app.QueryAsync(db => db.Activities.CountAsync(a => a.DealId == deal)));

        app.Clock.Advance(TimeSpan.FromHours(2)); // 25 h: the next claim purges the day-old key
        var again = await SendAsync(_manager, url, body, key);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, await app.QueryAsync(db => db.Activities.CountAsync(a => a.DealId == deal)));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string url, object body, string key) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body), Headers = { { Header, key } } });

    private async Task<Guid> DealAsync() =>
        (await _manager.PostOkAsync("/api/deals", app.NewDealBody($"Idempotent Freight {Guid.NewGuid():N}")))["id"]!.GetValue<Guid>();

    /// <summary>A client, a URL and a fresh body that creates one <paramref name="what"/>, and how to count them.</summary>
    private async Task<(HttpClient Client, string Url, object Body, Func<Task<int>> Count)> CreationAsync(string what)
    {
        if (what == "deal")
        {
            return (_manager, "/api/deals", app.NewDealBody($"Idempotent Deal {Guid.NewGuid():N}"), () => app.QueryAsync(db => db.Deals.CountAsync()));
        }

        var deal = await DealAsync();
        var note = $"note {Guid.NewGuid():N}";
        return what switch
        {
            "checkpoint" => (_manager, $"/api/deals/{deal}/checkpoints", new { factor = "need", level = 1, note, version = 1 },
                () => app.QueryAsync(db => db.CheckpointChanges.CountAsync())),
            "activity" => (_manager, $"/api/deals/{deal}/activities", new { kind = "meeting", summary = note },
                () => app.QueryAsync(db => db.Activities.CountAsync())),
            "stakeholder" => (_manager, $"/api/deals/{deal}/stakeholders", new { name = note, role = "vetoHolder", vetoStatus = "contacted" },
                () => app.QueryAsync(db => db.Stakeholders.CountAsync())),
            "coaching" => (_manager, $"/api/deals/{deal}/coaching", new { text = note },
                () => app.QueryAsync(db => db.DealEvents.CountAsync(e => e.Kind == DealEventKind.CoachingNote))),
            "review" => (_manager, "/api/reviews", new
            {
                heldOn = DateOnly.FromDateTime(app.Clock.GetUtcNow().AddHours(8).UtcDateTime),
                attendees = new[] { app.Manager.Id },
                notes = new[] { new { dealId = deal, note } },
                actionItems = new[] { new { dealId = deal, ownerId = app.Rep.Id, text = note, dueOn = PipelineApp.StartDate.AddDays(30) } },
            }, () => app.QueryAsync(db => db.ActionItems.CountAsync())),
            _ => throw new ArgumentOutOfRangeException(nameof(what), what, null),
        };
    }
}

public sealed class SqliteIdempotencyKeyTests(SqliteApp app) : IdempotencyKeyTests<SqliteApp>(app);

public sealed class PostgresIdempotencyKeyTests(PostgresApp app) : IdempotencyKeyTests<PostgresApp>(app);
