using System.Net.Http.Json;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// The one write path (decision 0020): request bodies bind typed enums by name, and a wrong name still gets 400 naming
/// the field with the allowed names; each rule that used to be worded twice answers with the one message the form shows
/// (RuleTexts), in both languages. Runs once on SQLite and once on PostgreSQL.
/// </summary>
public abstract class WritePathTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private readonly HttpClient _client = app.ClientFor(app.Manager);

    private static DateOnly Today => DateOnly.FromDateTime(PipelineApp.Start.ToOffset(TimeSpan.FromHours(8)).Date);

    public static TheoryData<string, string, string, string> WrongEnumNames => new()
    {
        { "checkpoints", """{"factor":"budget","level":1,"note":"x","version":1}""", "factor", "'budget' is not one of: need, power, goal, value, collaboration." },
        { "checkpoints", """{"factor":1,"level":1,"note":"x","version":1}""", "factor", "Send one of: need, power, goal, value, collaboration." },
        { "checkpoints", """{"factor":"2","level":1,"note":"x","version":1}""", "factor", "'2' is not one of: need, power, goal, value, collaboration." },
        { "checkpoints", """{"factor":"need","level":1,"note":"x","evidence":{"kind":"rumour"},"version":1}""", "evidence.kind", "'rumour' is not one of: visit, call, email, meeting, document, other." },
        { "activities", """{"kind":"lunch","summary":"x"}""", "kind", "'lunch' is not one of: visit, call, email, meeting, other." },
        { "stakeholders", """{"name":"N","role":"boss"}""", "role", "'boss' is not one of: decisionMaker, businessContact, vetoHolder, influencer, other." },
        { "stakeholders", """{"name":"N","role":"vetoHolder","vetoStatus":""}""", "vetoStatus", "'' is not one of: notContacted, contacted, agreed, opposed." },
        { "close", """{"outcome":"draw","reason":"price","version":1}""", "outcome", "'draw' is not one of: won, lost." },
        { "close", """{"outcome":"won","reason":"luck","version":1}""", "reason", "'luck' is not one of: price, capability, relationship, timing, competitor, noDecision, other." },
    };

    [Theory]
    [MemberData(nameof(WrongEnumNames))]
    public async Task AWrongEnumNameIsRefusedListingTheAllowedNamesAndNothingIsWritten(string path, string body, string field, string message)
    {
        var id = (await _client.PostOkAsync("/api/deals", NewDeal($"Enum Co {Guid.NewGuid():N}")))["id"]!.GetValue<Guid>();

        var problem = await (await _client.PostAsync($"/api/deals/{id}/{path}", ApiClient.RawJson(body))).AssertFieldErrorAsync(field);

        Assert.Equal(message, problem["errors"]![field]![0]!.GetValue<string>());
        var detail = await _client.GetJsonAsync($"/api/deals/{id}");
        Assert.Equal(1, detail["card"]!["version"]!.GetValue<int>());
        Assert.Empty(detail["stakeholders"]!.AsArray());
        Assert.Empty((await _client.GetJsonAsync($"/api/deals/{id}/history")).AsArray());
    }

    [Fact]
    public async Task AWrongServiceLineOnANewDealListsTheLinesAndCreatesNothing()
    {
        var before = await app.QueryAsync(db => db.Deals.CountAsync());
        var body = JsonContent.Create(NewDeal($"Line Co {Guid.NewGuid():N}") with { ServiceLine = "shipping" });

        var problem = await (await _client.PostAsync("/api/deals", body)).AssertFieldErrorAsync("serviceLine");

        Assert.Equal("'shipping' is not one of: warehousing, distribution, transport, contractLogistics, other.",
            problem["errors"]!["serviceLine"]![0]!.GetValue<string>());
        Assert.Equal(before, await app.QueryAsync(db => db.Deals.CountAsync()));
    }

    [Fact]
    public async Task AnEnumNameIsReadWhateverItsCase()
    {
        var id = (await _client.PostOkAsync("/api/deals", NewDeal($"Case Co {Guid.NewGuid():N}") with { ServiceLine = "ContractLogistics" }))["id"]!.GetValue<Guid>();

        var card = await _client.PostOkAsync($"/api/deals/{id}/checkpoints", new { factor = "NEED", level = 1, note = "Met the buyer", version = 1 });

        Assert.Equal("contractLogistics", card["serviceLine"]!.GetValue<string>());
        Assert.Equal(1, card["levels"]!["need"]!.GetValue<int>());
    }

    /// <summary>Each rule once worded twice, the request that breaks it, and the field it is named under.</summary>
    public static TheoryData<string, string> FormerlyDuplicatedRules => new()
    {
        { nameof(RuleTexts.NewCustomerNeedsIndustry), "en" },
        { nameof(RuleTexts.NewCustomerNeedsIndustry), "zh-CN" },
        { nameof(RuleTexts.StartNotInFuture), "en" },
        { nameof(RuleTexts.StartNotInFuture), "zh-CN" },
        { nameof(RuleTexts.HoldNeedsReason), "en" },
        { nameof(RuleTexts.HoldNeedsReason), "zh-CN" },
        { nameof(RuleTexts.ChangeNeedsNote), "en" },
        { nameof(RuleTexts.ChangeNeedsNote), "zh-CN" },
        { nameof(RuleTexts.RegressionNeedsReason), "en" },
        { nameof(RuleTexts.RegressionNeedsReason), "zh-CN" },
        { nameof(RuleTexts.StartNotAfterTarget), "en" },
        { nameof(RuleTexts.StartNotAfterTarget), "zh-CN" },
        { nameof(RuleTexts.VetoOnlyForVetoHolder), "en" },
        { nameof(RuleTexts.VetoOnlyForVetoHolder), "zh-CN" },
    };

    [Theory]
    [MemberData(nameof(FormerlyDuplicatedRules))]
    public async Task ARuleAnswersWithTheOneMessageTheFormShowsInTheCallersLanguage(string rule, string culture)
    {
        var id = (await _client.PostOkAsync("/api/deals", NewDeal($"Rule Co {Guid.NewGuid():N}") with { StartedOn = Today.AddDays(-10) }))["id"]!.GetValue<Guid>();
        var (path, body, field, text) = rule switch
        {
            nameof(RuleTexts.NewCustomerNeedsIndustry) => ("/api/deals", (object)(NewDeal($"New Co {Guid.NewGuid():N}") with { Industry = null }), "industry",
                RuleTexts.NewCustomerNeedsIndustry),
            nameof(RuleTexts.StartNotInFuture) => ("/api/deals", NewDeal($"Future Co {Guid.NewGuid():N}") with { StartedOn = Today.AddDays(1) }, "startedOn",
                RuleTexts.StartNotInFuture),
            nameof(RuleTexts.StartNotAfterTarget) => ($"/api/deals/{id}", new
            {
                title = "T", serviceLine = "transport", annualValue = 1m,
                targetCloseDate = Today.AddDays(-2), startedOn = Today.AddDays(-1), version = 1
            }, "startedOn", RuleTexts.StartNotAfterTarget),
            nameof(RuleTexts.HoldNeedsReason) => ($"/api/deals/{id}/hold", new { reason = "  ", version = 1 }, "reason", RuleTexts.HoldNeedsReason),
            nameof(RuleTexts.ChangeNeedsNote) => ($"/api/deals/{id}/checkpoints", new { factor = "need", level = 1, version = 1 }, "note", RuleTexts.ChangeNeedsNote),
            nameof(RuleTexts.VetoOnlyForVetoHolder) => ($"/api/deals/{id}/stakeholders", new { name = "N", role = "influencer", vetoStatus = "agreed" }, "vetoStatus",
                RuleTexts.VetoOnlyForVetoHolder),
            _ => ($"/api/deals/{id}/checkpoints", new { factor = "need", level = 0, version = 2 }, "note", RuleTexts.RegressionNeedsReason),
        };
        if (rule == nameof(RuleTexts.RegressionNeedsReason))
        {
            await _client.PostOkAsync($"/api/deals/{id}/checkpoints", new { factor = "need", level = 1, note = "Met the buyer", version = 1 });
        }

        var request = new HttpRequestMessage(path == $"/api/deals/{id}" ? HttpMethod.Put : HttpMethod.Post, path) { Content = JsonContent.Create(body, body.GetType()) };
        request.Headers.AcceptLanguage.ParseAdd(culture);
        var problem = await (await _client.SendAsync(request)).AssertFieldErrorAsync(field);

        Assert.Equal(text.For(new System.Globalization.CultureInfo(culture)), problem["errors"]![field]![0]!.GetValue<string>());
    }

    private NewDealBody NewDeal(string customer) =>
        new(customer, "3C electronics", "South China", "Seven warehouses nationwide", "warehousing", app.Rep.Id, 1_000_000m, Today.AddMonths(4), null);

    private sealed record NewDealBody(string Customer, string? Industry, string Region, string Title, string ServiceLine, Guid OwnerId,
        decimal AnnualValue, DateOnly TargetCloseDate, DateOnly? StartedOn);
}

public sealed class SqliteWritePathTests(SqliteApp app) : WritePathTests<SqliteApp>(app);

public sealed class PostgresWritePathTests(PostgresApp app) : WritePathTests<PostgresApp>(app);
