using System.Net;
using System.Reflection;
using System.Text.Json;
using KeyAccountPipeline.Domain.Playbooks;
using KeyAccountPipeline.Domain.Signals;
using KeyAccountPipeline.Web.Api;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// A malformed query value on a page (a hand-edited or stale link) shows the page with that filter
/// ignored; it never answers 500. Pages read their URL once, through DealListQuery's rules.
/// </summary>
public sealed class PageQueryTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    /// <summary>Every query name a page or the API reads, each with a value it cannot use.</summary>
    private static readonly string Junk = string.Join('&',
        "owner=abc", "ownerId=abc", "stage=nope", "status=nope", "flag=99", "line=x", "serviceLine=x", "weakest=-1",
        $"industry={new string('x', 500)}", $"q={new string('q', 500)}", "since=0001-01-01x", "until=abc", "open=maybe", "dealId=xyz",
        "returnUrl=//evil.example", "reason=%00", "show=nope");

    [Theory]
    [InlineData("owner=abc")]
    [InlineData("owner=")]
    [InlineData("owner=00000000-0000-0000-0000-00000000000g")]
    [InlineData("flag=99")]
    [InlineData("flag=stalled,regressed")]
    [InlineData("line=teleport")]
    [InlineData("serviceLine=1")]
    [InlineData("ownerId=abc")]
    [InlineData("weakest=-1")]
    [InlineData("q=%00")]
    public async Task TheBoardWithAMalformedFilterAnswersTheBoard(string query)
    {
        var browser = await SignInForm.BrowserAsync(app, app.Manager);

        var response = await browser.GetAsync($"/?{query}");

        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/?{query} answered {(int)response.StatusCode}: {html[..Math.Min(html.Length, 500)]}");
        Assert.Matches("<h1 class=\"visually-hidden\"[^>]*>Board</h1>", html); // [^>]*: the board's scoped CSS attribute
    }

    [Fact]
    public async Task EveryPageAnswersWithMalformedValuesForEveryQueryName()
    {
        var browser = await SignInForm.BrowserAsync(app, app.Admin);
        var deal = await app.ClientFor(app.Admin).PostOkAsync("/api/deals", new
        {
            customer = $"Query Co {Guid.NewGuid():N}", industry = "3C electronics", title = "Regional DC", serviceLine = "warehousing",
            ownerId = app.Rep.Id, annualValue = 1_000_000m, targetCloseDate = new DateOnly(2026, 12, 31),
        });
        var pages = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template.Replace("{Id:guid}", deal["id"]!.GetValue<string>(), StringComparison.Ordinal))
            .Where(path => !path.Contains('{', StringComparison.Ordinal) && !path.StartsWith("/reviews/", StringComparison.Ordinal))
            .ToList();
        Assert.Contains("/", pages);
        Assert.Contains("/my/actions", pages);

        var failed = new List<string>();
        foreach (var page in pages)
        {
            var response = await browser.GetAsync($"{page}?{Junk}");
            // The not-allowed page says so with its status (decision 0017); it must still answer, never a 500.
            if (response.StatusCode != (page == "/not-allowed" ? HttpStatusCode.Forbidden : HttpStatusCode.OK))
            {
                failed.Add($"{page}: {(int)response.StatusCode}");
            }
        }

        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }

    /// <summary>A typed query parameter (Guid?, int?, an enum) throws on a malformed value before the page can ignore it.</summary>
    [Fact]
    public void EveryQueryParameterOfAPageArrivesAsText()
    {
        var typed = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(p => p.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is not null && p.PropertyType != typeof(string))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}: {p.PropertyType.Name}")
            .ToList();

        Assert.Empty(typed);
    }

    [Fact]
    public void APageKeepsTheGoodFiltersAndDropsTheMalformedOnes()
    {
        var playbook = DefaultPlaybook.Create();
        var person = Guid.NewGuid();

        var filter = new DealListQuery(Status: "nope", OwnerId: "abc", Stage: "qualify", Flag: "stalled", Industry: new string('x', 500),
            ServiceLine: "teleport", Weakest: "Power", Q: "  ").WithoutErrors(playbook).ToFilter();
        var owner = new DealListQuery(null, person.ToString(), "nope", "99", "3C electronics", "transport", "-1", "顺达").WithoutErrors(playbook).ToFilter();
        var control = new DealListQuery(null, null, null, null, "3C\0", null, null, "a\u0001b").WithoutErrors(playbook).ToFilter();

        Assert.Equal(new Data.Deals.DealFilter(Stage: "qualify", Flag: Flag.Stalled, Weakest: Factor.Power), filter);
        Assert.Equal(new Data.Deals.DealFilter(OwnerId: person, Industry: "3C electronics", ServiceLine: Domain.Deals.ServiceLine.Transport, Query: "顺达"), owner);
        Assert.Equal(new Data.Deals.DealFilter(), control);
    }

    /// <summary>A digit is no enum name: the API refuses it, and a page drops it the same way (it does not filter by the enum's value).</summary>
    [Theory]
    [InlineData("serviceLine", "1")]
    [InlineData("serviceLine", "2")]
    [InlineData("flag", "0")]
    [InlineData("weakest", "1")]
    [InlineData("status", "2")]
    public async Task ADigitForAnEnumIsRefusedByTheApiAndDroppedByAPage(string name, string digit)
    {
        var query = Bind(name, digit);

        await (await app.ClientFor(app.Manager).GetAsync($"/api/deals?{name}={digit}")).AssertFieldErrorAsync(name);
        Assert.Contains(name, query.Errors(DefaultPlaybook.Create()).Keys);
        Assert.Equal(new Data.Deals.DealFilter(), query.WithoutErrors(DefaultPlaybook.Create()).ToFilter());
    }

    /// <summary>
    /// The board's URL and the CSV link it builds use the names the API binds: one vocabulary, read back the same. "show"
    /// (the stage a phone shows) is the one name of the board's own: not a filter, never in the CSV link.
    /// </summary>
    [Fact]
    public void TheBoardsUrlAndItsCsvLinkUseTheApisQueryNames()
    {
        var apiNames = typeof(DealListQuery).GetConstructors().Single().GetParameters().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!));
        var boardNames = typeof(Components.Board.BoardPage).GetProperties()
            .Select(p => p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()?.Name)
            .OfType<string>()
            .Except([Components.Board.BoardFilters.OldOwnerName, Components.Board.BoardFilters.OldServiceLineName, Components.Board.BoardPage.ShowName]);
        Assert.Subset(apiNames.ToHashSet(), boardNames.ToHashSet());

        var owner = Guid.NewGuid();
        var query = new DealListQuery(null, owner.ToString(), null, "stalled", "3C & IT", "transport", "power", "顺达 Logistics");
        Assert.Equal($"?ownerId={owner}&flag=stalled&industry=3C%20%26%20IT&serviceLine=transport&weakest=power&q=%E9%A1%BA%E8%BE%BE%20Logistics",
            query.ToQueryString());
        Assert.Equal(string.Empty, DealListQuery.None.ToQueryString());
    }

    private static DealListQuery Bind(string name, string value) => name switch
    {
        "serviceLine" => DealListQuery.None with { ServiceLine = value },
        "flag" => DealListQuery.None with { Flag = value },
        "weakest" => DealListQuery.None with { Weakest = value },
        "status" => DealListQuery.None with { Status = value },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not an enum filter."),
    };
}
