using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// A manager's review draft on the server (issue 15 §5, decision 0031-drafts): what is typed for a review survives a
/// reload and a second device until the review is held or the draft discarded, and is nobody else's to read. Runs once
/// on SQLite and once on PostgreSQL.
/// </summary>
public abstract class ReviewDraftTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private const string Draft = "/api/reviews/draft";

    [Fact]
    public async Task ADraftSavedOnOneDeviceIsReadOnAnotherOfTheSameManagerAndByNobodyElse()
    {
        using var laptop = app.ClientFor(app.Manager);
        await laptop.DeleteAsync(Draft);
        var (first, second) = (await NewDealAsync(laptop), await NewDealAsync(laptop));
        var saved = await laptop.SendOkAsync(HttpMethod.Put, Draft, new
        {
            since = PipelineApp.StartDate.AddDays(-14),
            note = "Two deals to push before the quarter ends",
            attendees = new[] { app.Manager.Id, app.Rep.Id },
            notes = new[] { new { dealId = first, note = "Power 3 confirmed: the COO signs" }, new { dealId = second, note = "客户要求下周报价" } },
            actionItems = new[] { new { dealId = first, ownerId = app.Rep.Id, text = "Book the site visit", dueOn = PipelineApp.StartDate.AddDays(7) } },
        });
        Assert.NotNull(saved["savedAt"]);

        // A second sign-in of the same manager: another device.
        using var phone = app.CreateClient();
        phone.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.SignInAsync(app.Manager.Email, PipelineApp.Password));
        var read = await phone.GetJsonAsync(Draft);
        Assert.Equal("Two deals to push before the quarter ends", read["note"]!.GetValue<string>());
        Assert.Equal(PipelineApp.StartDate.AddDays(-14).ToString("yyyy-MM-dd"), read["since"]!.GetValue<string>());
        Assert.Equal(["Power 3 confirmed: the COO signs", "客户要求下周报价"], read["notes"]!.AsArray().Select(n => n!["note"]!.GetValue<string>()));
        Assert.Equal(first, read["notes"]![0]!["dealId"]!.GetValue<Guid>());
        Assert.Equal("Book the site visit", Assert.Single(read["actionItems"]!.AsArray())!["text"]!.GetValue<string>());
        Assert.Equal([app.Manager.Id, app.Rep.Id], read["attendees"]!.AsArray().Select(a => a!.GetValue<Guid>()));

        // Another manager (the admin) reads their own draft, empty; a rep is refused.
        var others = await app.ClientFor(app.Admin).GetJsonAsync(Draft);
        Assert.Null(others["savedAt"]);
        Assert.Empty(others["notes"]!.AsArray());
        Assert.DoesNotContain("COO", others.ToJsonString(), StringComparison.Ordinal);
        var rep = await app.ClientFor(app.Rep).GetAsync(Draft);
        Assert.Equal(HttpStatusCode.Forbidden, rep.StatusCode);
        Assert.DoesNotContain("COO", await rep.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecondSaveReplacesTheDraftAndDiscardDeletesIt()
    {
        using var manager = app.ClientFor(app.Manager);
        var deal = await NewDealAsync(manager);
        await manager.SendOkAsync(HttpMethod.Put, Draft, new { notes = new[] { new { dealId = deal, note = "First words" } } });
        await manager.SendOkAsync(HttpMethod.Put, Draft, new { notes = new[] { new { dealId = deal, note = "First words, then more" } } });
        Assert.Equal("First words, then more", (await manager.GetJsonAsync(Draft))["notes"]![0]!["note"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync(Draft)).StatusCode);

        var after = await manager.GetJsonAsync(Draft);
        Assert.Null(after["savedAt"]);
        Assert.Empty(after["notes"]!.AsArray());
        Assert.Equal(0, await app.QueryAsync(db => db.ReviewDrafts.CountAsync(d => d.PersonId == app.Manager.Id)));
    }

    [Fact]
    public async Task HoldingTheReviewClearsTheHoldersDraftOnly()
    {
        using var manager = app.ClientFor(app.Manager);
        using var admin = app.ClientFor(app.Admin);
        var deal = await NewDealAsync(manager);
        await manager.SendOkAsync(HttpMethod.Put, Draft, new { notes = new[] { new { dealId = deal, note = "On track" } } });
        await admin.SendOkAsync(HttpMethod.Put, Draft, new { note = "The admin's own draft" });

        await manager.PostOkAsync("/api/reviews", new
        {
            heldOn = PipelineApp.StartDate, attendees = new[] { app.Manager.Id }, notes = new[] { new { dealId = deal, note = "On track" } },
        });

        Assert.Null((await manager.GetJsonAsync(Draft))["savedAt"]);
        Assert.Equal("The admin's own draft", (await admin.GetJsonAsync(Draft))["note"]!.GetValue<string>());
        await admin.DeleteAsync(Draft);
    }

    [Theory]
    [InlineData("note", "notes[0].note")]
    [InlineData("control", "notes[0].note")]
    [InlineData("action", "actionItems[0].text")]
    public async Task ABadDraftIsRefusedNamingTheFieldAndNothingIsWritten(string bad, string field)
    {
        using var manager = app.ClientFor(app.Manager);
        var deal = await NewDealAsync(manager);
        await manager.SendOkAsync(HttpMethod.Put, Draft, new { note = "Kept" });
        object body = bad switch
        {
            "note" => new { notes = new[] { new { dealId = deal, note = new string('长', Domain.Limits.Note + 1) } } },
            "control" => new { notes = new[] { new { dealId = deal, note = "a\u0000b" } } },
            _ => new { actionItems = new[] { new { dealId = deal, ownerId = app.Rep.Id, text = new string('x', Domain.Limits.ActionText + 1), dueOn = PipelineApp.StartDate } } },
        };

        await (await manager.PutAsJsonAsync(Draft, body)).AssertFieldErrorAsync(field);

        Assert.Equal("Kept", (await manager.GetJsonAsync(Draft))["note"]!.GetValue<string>());
    }

    private async Task<Guid> NewDealAsync(HttpClient client) =>
        (await client.PostOkAsync("/api/deals", app.NewDealBody($"Draft Logistics {Guid.NewGuid():N}")))["id"]!.GetValue<Guid>();
}

public sealed class SqliteReviewDraftTests(SqliteApp app) : ReviewDraftTests<SqliteApp>(app);

public sealed class PostgresReviewDraftTests(PostgresApp app) : ReviewDraftTests<PostgresApp>(app);
