using System.Text.Json.Nodes;
using KeyAccountPipeline.Data;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// Search, the industry filter and account matching give the same answers on SQLite and PostgreSQL for any Unicode
/// text: case and width do not matter (ＴＣＬ = TCL = tcl), nor composed or combining accents; % and _ are ordinary
/// characters. Runs once per provider.
/// </summary>
public abstract class TextMatchingTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    private readonly HttpClient _client = app.ClientFor(app.Manager);

    [Fact]
    public async Task TheIssuesCustomersAndIndustryAreFoundInAnyWidthAndCaseAndKeepOneAccount()
    {
        var tcl = await CreateAsync("ＴＣＬ华星物流（全角）", "ＩＴ与电子", "Bonded warehouse");
        var aerzte = await CreateAsync("ÄRZTE Logistik GmbH", "Medizintechnik", "Cold chain");

        Assert.Equal([Id(tcl)], await IdsAsync("q=ｔｃｌ"));
        Assert.Equal([Id(tcl)], await IdsAsync("q=TCL"));
        Assert.Equal([Id(tcl)], await IdsAsync("q=tcl华星物流(全角)"));
        Assert.Equal([Id(aerzte)], await IdsAsync("q=ärzte"));
        Assert.Equal([Id(aerzte)], await IdsAsync("q=a\u0308rzte"));
        Assert.Equal([Id(aerzte)], await IdsAsync("q=ÄRZTE LOGISTIK"));
        Assert.Equal([Id(tcl)], await IdsAsync("industry=ＩＴ与电子"));
        Assert.Equal([Id(tcl)], await IdsAsync("industry=it与电子"));
        Assert.Equal([Id(tcl)], await IdsAsync("industry=IT与电子"));
        Assert.Equal([Id(aerzte)], await IdsAsync("industry=MEDIZINTECHNIK"));
        Assert.Empty(await IdsAsync("q=arzte"));

        // The same customers again, typed another way: their accounts, not new ones with an identical name.
        var tclAgain = await CreateAsync("tcl华星物流(全角)", "IT", "Line haul");
        var aerzteAgain = await CreateAsync("ärzte logistik gmbh", "Medizintechnik", "Returns");

        Assert.Equal(tcl["accountId"]!.GetValue<Guid>(), tclAgain["accountId"]!.GetValue<Guid>());
        Assert.Equal("ＴＣＬ华星物流（全角）", tclAgain["customer"]!.GetValue<string>());
        Assert.Equal(aerzte["accountId"]!.GetValue<Guid>(), aerzteAgain["accountId"]!.GetValue<Guid>());
        var accounts = (await _client.GetJsonAsync("/api/accounts")).AsArray().Select(a => a!["name"]!.GetValue<string>()).ToList();
        Assert.Single(accounts, n => n == "ＴＣＬ华星物流（全角）");
        Assert.Single(accounts, n => n == "ÄRZTE Logistik GmbH");
        Assert.DoesNotContain("tcl华星物流(全角)", accounts);
        Assert.DoesNotContain("ärzte logistik gmbh", accounts);
        Assert.Equal(2, (await IdsAsync("q=ｔｃｌ")).Count);
        Assert.Equal(2, (await IdsAsync("industry=ｉｔ与电子")).Count);
    }

    public static TheoryData<string, string> SameCustomer => new()
    {
        { "O\u0308KO Spedition", "Öko spedition" },
        { "Café Frigo", "CAFE\u0301 FRIGO" },
        { "İSTANBUL LOJİSTİK", "istanbul lojistik" },
        { "Straße Spedition", "STRASSE SPEDITION" },
        { "ＡＢＣ　物流", "abc 物流" },
        { "ΟΔΟΣ Logistics", "οδος logistics" },
    };

    [Theory]
    [MemberData(nameof(SameCustomer))]
    public async Task SiblingSpellingsOfOneCustomerShareOneAccount(string first, string again)
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var one = await CreateAsync($"{first} {marker}", "Retail", "Cross-dock");
        var other = await CreateAsync($"{again} {marker}", "Retail", "Cross-dock");

        Assert.Equal(one["accountId"]!.GetValue<Guid>(), other["accountId"]!.GetValue<Guid>());
        Assert.Equal(2, (await IdsAsync($"q={again}")).Count);
        Assert.Equal(2, (await IdsAsync($"q={first}")).Count);
    }

    [Fact]
    public async Task SearchFindsTheDealsOfTheOwnerNamed()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var managers = await CreateAsync($"Owner Search {marker}", "Retail", "Store replenishment", app.Manager.Id);
        var reps = await CreateAsync($"Owner Search B {marker}", "Retail", "Store replenishment", app.Rep.Id);

        foreach (var q in new[] { "王磊", "wang lei", "ＷＡＮＧ　ＬＥＩ" })
        {
            var found = await CardsAsync($"q={q}");
            Assert.Contains(found, c => c["id"]!.GetValue<Guid>() == Id(managers));
            Assert.DoesNotContain(found, c => c["id"]!.GetValue<Guid>() == Id(reps));
            Assert.All(found, c => Assert.Equal(app.Manager.Name, c["owner"]!["name"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task PercentUnderscoreAndBackslashInTheQueryAreOrdinaryCharacters()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var percent = await CreateAsync($"100% Freight_Co\\{marker}", "Retail", "Line haul");
        var plain = await CreateAsync($"1000 FreightXCo {marker}", "Retail", "Line haul");

        Assert.Equal([Id(percent)], await IdsAsync("q=0%"));
        Assert.Equal([Id(percent)], await IdsAsync("q=t_c"));
        Assert.Equal([Id(percent)], await IdsAsync($"q=co\\{marker}"));
        Assert.Equal([Id(percent)], await IdsAsync("q=１００％"));
        Assert.Contains(Id(plain), await IdsAsync($"q={marker}"));
        Assert.Empty(await IdsAsync("q=%25%25%25"));
        Assert.Empty(await IdsAsync("q=___"));
    }

    [Fact]
    public async Task TheBoardAndItsCsvFilterByIndustryInAnyWidth()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var customer = $"ＳＦ速运 {marker}";
        await CreateAsync(customer, $"ＩＴ与电子 {marker}", "Bonded warehouse");

        var csv = await (await _client.GetAsync($"/api/export/board.csv?industry={Uri.EscapeDataString($"it与电子 {marker}")}")).Content.ReadAsStringAsync();
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        Assert.StartsWith(customer, lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RowsStoredBeforeKeysExistedGetThemAtStartUp()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var card = await CreateAsync($"Ｏｌｄ Ｒｏｗ {marker}", $"ＯＬＤ {marker}", $"Ｌｅｇａｃｙ title {marker}");
        var id = Id(card);
        var accountId = card["accountId"]!.GetValue<Guid>();
        // As the migration leaves them: SQL cannot run the fold.
        await app.QueryAsync(async db =>
        {
            await db.Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.NameKey, "").SetProperty(a => a.IndustryKey, ""));
            return await db.Deals.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.TitleKey, ""));
        });
        Assert.Empty(await IdsAsync($"q=old row {marker}"));

        var keyed = await app.QueryAsync(db => TextKeyBackfill.RunAsync(db));

        Assert.True(keyed >= 2, $"{keyed} rows keyed");
        Assert.Equal([id], await IdsAsync($"q=old row {marker}"));
        Assert.Equal([id], await IdsAsync($"q=legacy title {marker}"));
        Assert.Equal([id], await IdsAsync($"industry=old {marker}"));
        Assert.Equal(0, await app.QueryAsync(db => TextKeyBackfill.RunAsync(db)));
        var again = await CreateAsync($"old row {marker}", "Retail", "Second deal");
        Assert.Equal(accountId, again["accountId"]!.GetValue<Guid>());
    }

    private async Task<JsonNode> CreateAsync(string customer, string industry, string title, Guid? ownerId = null) =>
        await _client.PostOkAsync("/api/deals", new
        {
            customer, industry, region = "East China", title, serviceLine = "warehousing", ownerId = ownerId ?? app.Rep.Id,
            annualValue = 1_000_000m, targetCloseDate = PipelineApp.StartDate.AddMonths(6),
        });

    private async Task<List<JsonNode>> CardsAsync(string query)
    {
        var (name, value) = (query[..query.IndexOf('=')], query[(query.IndexOf('=') + 1)..]);
        var text = Uri.UnescapeDataString(value);
        return (await _client.GetJsonAsync($"/api/deals?{name}={Uri.EscapeDataString(text)}")).AsArray().Select(c => c!).ToList();
    }

    private async Task<List<Guid>> IdsAsync(string query) => (await CardsAsync(query)).Select(Id).ToList();

    private static Guid Id(JsonNode card) => card["id"]!.GetValue<Guid>();
}

public sealed class SqliteTextMatchingTests(SqliteApp app) : TextMatchingTests<SqliteApp>(app);

public sealed class PostgresTextMatchingTests(PostgresApp app) : TextMatchingTests<PostgresApp>(app);
