using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Decision 0007, bounded input at every door: every date inside 2000-01-01 … 2100-12-31, no control characters, no
/// rounded numbers, no timestamp without its offset. Each refusal is a 400 naming the field and writes nothing; the
/// exact inputs of the issue, on SQLite and on PostgreSQL.
/// </summary>
public abstract class BoundedInputTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private readonly HttpClient _manager = app.ClientFor(app.Manager);

    [Theory]
    [InlineData("startedOn", "0001-01-01")]
    [InlineData("startedOn", "1999-12-31")]
    [InlineData("targetCloseDate", "9999-12-31")]
    [InlineData("targetCloseDate", "2101-01-01")]
    [InlineData("targetCloseDate", "0001-01-01")]
    public async Task ADealDateOutsideTheRangeIsRefusedAndNothingIsSaved(string field, string date)
    {
        var customer = $"Date Test Co {Guid.NewGuid():N}";
        var body = NewDeal(customer);
        body["startedOn"] = "2026-01-01";
        body[field] = date;

        var response = await _manager.PostAsync("/api/deals", Json(body));

        var problem = await response.AssertFieldErrorAsync(field);
        Assert.Contains("2000-01-01", problem["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await app.QueryAsync(db => db.Accounts.CountAsync(a => a.Name == customer)));
    }

    [Fact]
    public async Task TheIssuesDealWithStartedOnInYearOneIsRefusedAndTheBoardStaysUp()
    {
        var response = await _manager.PostAsync("/api/deals", ApiClient.RawJson(
            """{"customer":"Date Test Co","industry":"x","title":"t","serviceLine":"transport","annualValue":1,"targetCloseDate":"2027-01-01","startedOn":"0001-01-01"}"""));

        await response.AssertFieldErrorAsync("startedOn");
        Assert.Equal(0, await app.QueryAsync(db => db.Deals.CountAsync(d => d.Account!.Name == "Date Test Co")));
        Assert.Equal(HttpStatusCode.OK, (await _manager.GetAsync("/api/board")).StatusCode);
    }

    [Theory]
    [InlineData("startedOn", "0001-01-01")]
    [InlineData("targetCloseDate", "9999-12-31")]
    public async Task EditingADealToADateOutsideTheRangeIsRefusedAndTheDealIsUnchanged(string field, string date)
    {
        var card = await CreateDealAsync();
        var body = new JsonObject
        {
            ["title"] = "t", ["serviceLine"] = "transport", ["annualValue"] = 1, ["targetCloseDate"] = "2027-01-01",
            ["startedOn"] = PipelineApp.StartDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["version"] = 1,
        };
        body[field] = date;

        var response = await _manager.PutAsync($"/api/deals/{card.Id}", Json(body));

        await response.AssertFieldErrorAsync(field);
        var stored = await app.QueryAsync(db => db.Deals.AsNoTracking().SingleAsync(d => d.Id == card.Id));
        Assert.Equal(1, stored.Version);
        Assert.Equal(new DateOnly(2027, 1, 1), stored.TargetCloseDate);
    }

    [Theory]
    [InlineData("checkpoints", "0001-01-01T00:00:00Z")]
    [InlineData("checkpoints", "1999-12-31T23:59:59Z")]
    [InlineData("activities", "0001-01-01T00:00:00Z")]
    [InlineData("activities", "2101-01-01T00:00:00+00:00")]
    public async Task AnOccurredAtOutsideTheRangeIsRefusedAndNothingIsRecorded(string what, string occurredAt)
    {
        var card = await CreateDealAsync();

        var response = await _manager.PostAsync($"/api/deals/{card.Id}/{what}", Json(Happening(what, occurredAt)));

        await response.AssertFieldErrorAsync("occurredAt");
        Assert.Equal(0, await HappeningsAsync(card.Id));
    }

    [Theory]
    [InlineData("checkpoints")]
    [InlineData("activities")]
    public async Task ATimestampWithoutAnOffsetIsRefusedWhateverTheHostZone(string what)
    {
        var card = await CreateDealAsync();

        var response = await _manager.PostAsync($"/api/deals/{card.Id}/{what}", Json(Happening(what, "2026-06-14T20:00:00")));

        var problem = await response.AssertFieldErrorAsync("occurredAt");
        Assert.Contains("UTC offset", problem["errors"]!["occurredAt"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await HappeningsAsync(card.Id));
    }

    [Fact]
    public async Task ATimestampWithItsOffsetMeansThatInstant()
    {
        var card = await CreateDealAsync();

        await _manager.PostOkAsync($"/api/deals/{card.Id}/activities", Happening("activities", "2026-06-14T20:00:00+08:00"));

        var at = await app.QueryAsync(db => db.Activities.Where(a => a.DealId == card.Id).Select(a => a.OccurredAt).SingleAsync());
        Assert.Equal(new DateTimeOffset(2026, 6, 14, 12, 0, 0, TimeSpan.Zero), at);
    }

    [Theory]
    [InlineData("since=0001-01-01", "since")]
    [InlineData("until=9999-12-31", "until")]
    [InlineData("since=1999-12-31", "since")]
    [InlineData("since=2026-06-01&until=2101-01-01", "until")]
    public async Task TheReviewWindowOutsideTheRangeIsRefused(string query, string field)
    {
        var response = await _manager.GetAsync($"/api/review/changes?{query}");

        await response.AssertFieldErrorAsync(field);
    }

    [Theory]
    [InlineData("heldOn", "0001-01-01")]
    [InlineData("since", "0001-01-01")]
    [InlineData("actionItems[0].dueOn", "9999-12-31")]
    public async Task AReviewWithADayOutsideTheRangeIsRefusedAndNothingIsSaved(string field, string day)
    {
        var card = await CreateDealAsync();
        var today = PipelineApp.StartDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var item = new JsonObject { ["dealId"] = card.Id, ["ownerId"] = app.Rep.Id, ["text"] = "Call the director", ["dueOn"] = today };
        var body = new JsonObject
        {
            ["heldOn"] = today, ["attendees"] = new JsonArray(app.Manager.Id), ["actionItems"] = new JsonArray(item),
        };
        if (field == "actionItems[0].dueOn")
        {
            item["dueOn"] = day;
        }
        else
        {
            body[field] = day;
        }

        var response = await _manager.PostAsync("/api/reviews", Json(body));

        await response.AssertFieldErrorAsync(field);
        Assert.Equal(0, await app.QueryAsync(db => db.ActionItems.CountAsync(a => a.DealId == card.Id)));
    }

    [Theory]
    [InlineData("1.999999999999999999999999999999")]
    [InlineData("1.234")]
    [InlineData("0.001")]
    [InlineData("1e-3")]
    [InlineData("79228162514264337593543950336")]
    public async Task AnAnnualValueWithMoreDecimalsThanFenIsRefusedNotRounded(string value)
    {
        var customer = $"Rounding Co {Guid.NewGuid():N}";

        var response = await _manager.PostAsync("/api/deals", ApiClient.RawJson(
            $$"""{"customer":"{{customer}}","industry":"x","title":"t","serviceLine":"transport","annualValue":{{value}},"targetCloseDate":"2027-01-01"}"""));

        await response.AssertFieldErrorAsync("annualValue");
        Assert.Equal(0, await app.QueryAsync(db => db.Accounts.CountAsync(a => a.Name == customer)));
    }

    [Theory]
    [InlineData("1.50", 1.5)]
    [InlineData("1.5000", 1.5)]
    [InlineData("125e-2", 1.25)]
    [InlineData("12500000.5", 12_500_000.5)]
    public async Task AnAnnualValueThatIsExactInFenIsKept(string value, double expected)
    {
        var response = await _manager.PostAsync("/api/deals", ApiClient.RawJson(
            $$"""{"customer":"Exact Co {{Guid.NewGuid():N}}","industry":"x","title":"t","serviceLine":"transport","annualValue":{{value}},"targetCloseDate":"2027-01-01"}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal((decimal)expected, (await response.ReadJsonAsync())["annualValue"]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("customer", "\u0000")]
    [InlineData("title", "Seven\u0000warehouses")]
    [InlineData("industry", "3C\u001b[31m")]
    [InlineData("region", "South\u007fChina")]
    [InlineData("title", "Two\nlines")]
    public async Task ControlCharactersInADealAreRefusedAndNothingIsSaved(string field, string text)
    {
        var customer = $"Control Co {Guid.NewGuid():N}";
        var body = NewDeal(customer);
        body[field] = field == "customer" ? customer + text : text;

        var response = await _manager.PostAsync("/api/deals", Json(body));

        await response.AssertFieldErrorAsync(field);
        Assert.Equal(0, await app.QueryAsync(db => db.Accounts.CountAsync(a => a.Name.StartsWith(customer))));
    }

    [Theory]
    [InlineData("checkpoints", "note")]
    [InlineData("activities", "summary")]
    public async Task ANulInANoteIsRefusedButTabsAndLineBreaksAreKept(string what, string field)
    {
        var card = await CreateDealAsync();
        var body = Happening(what, null);

        body[field] = "Met the director\u0000";
        await (await _manager.PostAsync($"/api/deals/{card.Id}/{what}", Json(body))).AssertFieldErrorAsync(field);
        Assert.Equal(0, await HappeningsAsync(card.Id));

        body[field] = "Met the director\n\tand the CFO\r\n";
        await _manager.PostOkAsync($"/api/deals/{card.Id}/{what}", body);
        Assert.Equal(1, await HappeningsAsync(card.Id));
    }

    [Fact]
    public async Task ANulInACoachingNoteOrACloseNoteIsRefused()
    {
        var card = await CreateDealAsync();

        await (await _manager.PostAsJsonAsync($"/api/deals/{card.Id}/coaching", new { text = "Ask about the\u0000budget" })).AssertFieldErrorAsync("text");
        await (await _manager.PostAsJsonAsync($"/api/deals/{card.Id}/close", new { outcome = "won", reason = "price", note = "\u0000", version = 1 }))
            .AssertFieldErrorAsync("note");

        var stored = await app.QueryAsync(db => db.Deals.AsNoTracking().Include(d => d.Events).SingleAsync(d => d.Id == card.Id));
        Assert.Equal(1, stored.Version);
        Assert.Single(stored.Events); // created, nothing else
    }

    [Fact]
    public async Task ANulInAPersonsEmailOrTheSignInEmailIsRefused()
    {
        var admin = app.ClientFor(app.Admin);
        var email = $"nul.{Guid.NewGuid():N}@test.cn";

        await (await admin.PostAsJsonAsync("/api/users", new { name = "Nul Person", email = email + "\u0000", role = "rep", password = "harbour-lantern-2026" }))
            .AssertFieldErrorAsync("email");
        await (await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { email = app.Rep.Email + "\u0000", password = PipelineApp.Password }))
            .AssertFieldErrorAsync("email");

        Assert.Equal(0, await app.QueryAsync(db => db.People.CountAsync(p => p.Email.StartsWith(email))));
    }

    /// <summary>The sign-in page: ASP.NET Core's form handling already answers 400 to a NUL, before the page or the database.</summary>
    [Fact]
    public async Task ANulInTheSignInFormsEmailIsRefusedWithoutSigningIn()
    {
        var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var response = await SignInForm.PostAsync(browser, app.Rep.Email + "\u0000", PipelineApp.Password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("kap.auth=", StringComparison.Ordinal));
    }

    private async Task<(Guid Id, int Version)> CreateDealAsync()
    {
        var card = await _manager.PostOkAsync("/api/deals", new
        {
            customer = $"Bounded Co {Guid.NewGuid():N}", industry = "x", title = "t", serviceLine = "transport", annualValue = 1,
            targetCloseDate = "2027-01-01", ownerId = app.Rep.Id, startedOn = "2026-06-01", // before the back-dated rows below
        });
        return (card["id"]!.GetValue<Guid>(), card["version"]!.GetValue<int>());
    }

    /// <summary>The issue's deal: every field valid, so a test changes only the one it is about.</summary>
    private static JsonObject NewDeal(string customer) => new()
    {
        ["customer"] = customer, ["industry"] = "x", ["title"] = "t", ["serviceLine"] = "transport", ["annualValue"] = 1, ["targetCloseDate"] = "2027-01-01",
    };

    private static JsonObject Happening(string what, string? occurredAt) => what == "checkpoints"
        ? new JsonObject { ["factor"] = "need", ["level"] = 1, ["note"] = "Interviewed the contact", ["occurredAt"] = occurredAt, ["version"] = 1 }
        : new JsonObject { ["kind"] = "visit", ["summary"] = "Warehouse visit", ["occurredAt"] = occurredAt };

    private Task<int> HappeningsAsync(Guid dealId) => app.QueryAsync(async db =>
        await db.CheckpointChanges.CountAsync(c => c.DealId == dealId) + await db.Activities.CountAsync(a => a.DealId == dealId));

    private static StringContent Json(JsonNode body) => ApiClient.RawJson(body.ToJsonString());
}

public sealed class SqliteBoundedInputTests(SqliteApp app) : BoundedInputTests<SqliteApp>(app);

public sealed class PostgresBoundedInputTests(PostgresApp app) : BoundedInputTests<PostgresApp>(app);
