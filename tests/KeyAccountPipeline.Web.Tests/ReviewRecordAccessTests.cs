using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using KeyAccountPipeline.Web.Tests.Infrastructure;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Review records are for managers and admins (README, decision 0017): a rep gets 403 for a held review, its printable
/// summary and the review's changes, and lists only their own action items — text, due date, deal, done state — with
/// neither the review's id nor the meeting's notes. Runs once on SQLite and once on PostgreSQL.
/// </summary>
public abstract class ReviewRecordAccessTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private const string MeetingNote = "Budget owner is hostile; keep this between managers";
    private const string DealNote = "Rep under-qualified the power factor";
    private const string RepAction = "Book the site visit with the COO";
    private const string OtherRepAction = "Send the revised tariff";

    [Fact]
    public async Task ARepIsRefusedAHeldReviewWhateverItsIdAndTheReviewsChanges()
    {
        var (reviewId, _) = await HoldReviewAsync();
        using var rep = app.ClientFor(app.Rep);

        foreach (var url in new[] { $"/api/reviews/{reviewId}", $"/api/reviews/{Guid.NewGuid()}", "/api/review/changes" })
        {
            var response = await rep.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"GET {url} as a rep: {(int)response.StatusCode} {body}");
            Assert.DoesNotContain(MeetingNote, body, StringComparison.Ordinal);
            Assert.DoesNotContain(reviewId.ToString(), body, StringComparison.OrdinalIgnoreCase);
        }

        using var manager = app.ClientFor(app.Manager);
        var review = await manager.GetJsonAsync($"/api/reviews/{reviewId}");
        Assert.Equal(MeetingNote, review["note"]!.GetValue<string>());
        Assert.Equal(DealNote, review["notes"]![0]!["note"]!.GetValue<string>());
        var changes = await app.ClientFor(app.Admin).GetJsonAsync("/api/review/changes");
        Assert.NotNull(changes["lastReview"]!["id"]);
    }

    [Fact]
    public async Task ARepListsOnlyTheirOwnActionItemsWithoutTheReviewIdOrItsNotes()
    {
        var (reviewId, dealId) = await HoldReviewAsync();
        using var rep = app.ClientFor(app.Rep);

        foreach (var url in new[] { "/api/action-items", "/api/action-items?owner=me", $"/api/action-items?owner={app.Rep.Id}&open=false", $"/api/action-items?dealId={dealId}" })
        {
            var response = await rep.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} as a rep: {(int)response.StatusCode} {body}");
            var items = (await response.ReadJsonAsync()).AsArray();
            var item = Assert.Single(items, a => a!["dealId"]!.GetValue<Guid>() == dealId)!;
            Assert.Equal(RepAction, item["text"]!.GetValue<string>());
            Assert.Equal(PipelineApp.StartDate.AddDays(14), DateOnly.Parse(item["dueOn"]!.GetValue<string>(), CultureInfo.InvariantCulture));
            Assert.True(item["open"]!.GetValue<bool>());
            Assert.Null(item["reviewId"]);
            Assert.All(items, a => Assert.Equal(app.Rep.Id, a!["owner"]!["id"]!.GetValue<Guid>()));
            Assert.DoesNotContain(reviewId.ToString(), body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(MeetingNote, body, StringComparison.Ordinal);
            Assert.DoesNotContain(DealNote, body, StringComparison.Ordinal);
            Assert.DoesNotContain(OtherRepAction, body, StringComparison.Ordinal);
        }

        using var manager = app.ClientFor(app.Manager);
        var all = (await manager.GetJsonAsync($"/api/action-items?owner=all&dealId={dealId}")).AsArray();
        Assert.Equal(2, all.Count);
        Assert.All(all, a => Assert.Equal(reviewId, a!["reviewId"]!.GetValue<Guid>()));
    }

    [Fact]
    public async Task ARepAskingForEveryonesOrAnotherPersonsActionItemsIsAnswered403()
    {
        var (_, dealId) = await HoldReviewAsync();
        using var rep = app.ClientFor(app.Rep);

        foreach (var url in new[] { "/api/action-items?owner=all", $"/api/action-items?owner=all&dealId={dealId}", $"/api/action-items?owner={app.OtherRep.Id}" })
        {
            var response = await rep.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"GET {url} as a rep: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain(OtherRepAction, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ARepMarkingTheirItemDoneIsNotToldTheReviewsId()
    {
        var (reviewId, dealId) = await HoldReviewAsync();
        using var rep = app.ClientFor(app.Rep);
        var itemId = (await rep.GetJsonAsync($"/api/action-items?dealId={dealId}")).AsArray().Single()!["id"]!.GetValue<Guid>();

        var response = await rep.PostAsJsonAsync($"/api/action-items/{itemId}/done", new { });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(reviewId.ToString(), body, StringComparison.OrdinalIgnoreCase);
        Assert.False((await response.ReadJsonAsync())["open"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ARepsBrowserIsShownNotAllowedForTheReviewsPrintableSummary()
    {
        var (reviewId, _) = await HoldReviewAsync();
        using var browser = await SignInForm.BrowserAsync(app, app.Rep);

        var (status, html) = await NotAllowedPageTests<TApp>.FollowAsync(browser, $"/reviews/{reviewId}/print");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("data-test=\"not-allowed\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(MeetingNote, html, StringComparison.Ordinal);
        Assert.DoesNotContain(DealNote, html, StringComparison.Ordinal);
        using var manager = await SignInForm.BrowserAsync(app, app.Manager);
        var shown = await manager.GetAsync($"/reviews/{reviewId}/print");
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
    }

    /// <summary>A review held by the manager on a deal of its own: a meeting note, a deal note, one action item for each rep.</summary>
    private async Task<(Guid ReviewId, Guid DealId)> HoldReviewAsync()
    {
        using var manager = app.ClientFor(app.Manager);
        var deal = await manager.PostOkAsync("/api/deals", app.NewDealBody($"Review Record Logistics {Guid.NewGuid():N}"));
        var dealId = deal["id"]!.GetValue<Guid>();
        var review = await manager.PostOkAsync("/api/reviews", new
        {
            heldOn = PipelineApp.StartDate,
            note = MeetingNote,
            attendees = new[] { app.Manager.Id, app.Rep.Id },
            notes = new[] { new { dealId, note = DealNote } },
            actionItems = new[]
            {
                new { dealId, ownerId = app.Rep.Id, text = RepAction, dueOn = PipelineApp.StartDate.AddDays(14) },
                new { dealId, ownerId = app.OtherRep.Id, text = OtherRepAction, dueOn = PipelineApp.StartDate.AddDays(7) },
            },
        });
        return (review["id"]!.GetValue<Guid>(), dealId);
    }
}

public sealed class SqliteReviewRecordAccessTests(SqliteApp app) : ReviewRecordAccessTests<SqliteApp>(app);

public sealed class PostgresReviewRecordAccessTests(PostgresApp app) : ReviewRecordAccessTests<PostgresApp>(app);
