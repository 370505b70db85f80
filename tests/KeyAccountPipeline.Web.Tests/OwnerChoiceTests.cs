using KeyAccountPipeline.Data.People;
using KeyAccountPipeline.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KeyAccountPipeline.Web.Tests;

/// <summary>
/// The board's owner filter lists who can own deals: everyone active, and a disabled person who owns a deal in view
/// (or the one the URL names), so a manager can find those deals and hand them on (issue 15 §6).
/// </summary>
public abstract class OwnerChoiceTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PipelineApp
{
    [Fact]
    public async Task ADisabledOwnerOfADealInViewIsListedMarkedDisabledAndADisabledPersonWithoutDealsIsNot()
    {
        var admin = app.ClientFor(app.Admin);
        var owner = await NewRepAsync(admin, "离职 Left With Deals");
        var idle = await NewRepAsync(admin, "离职 Left Empty-handed");
        await app.ClientFor(app.Manager).PostOkAsync("/api/deals", new
        {
            customer = $"Orphaned Deal Co {Guid.NewGuid():N}", industry = "Retail", title = "Returns centre", serviceLine = "warehousing",
            ownerId = owner, annualValue = 1_000_000m, targetCloseDate = new DateOnly(2027, 1, 31),
        });
        await admin.PostOkAsync($"/api/users/{owner}/disable", new { });
        await admin.PostOkAsync($"/api/users/{idle}/disable", new { });

        var choices = await app.Services.GetRequiredService<PeopleQueries>().OwnerChoicesAsync([owner, Guid.NewGuid()]);

        Assert.False(Assert.Single(choices, p => p.Id == owner).Active);
        Assert.DoesNotContain(choices, p => p.Id == idle);
        Assert.True(Assert.Single(choices, p => p.Id == app.Rep.Id).Active);
    }

    private static async Task<Guid> NewRepAsync(HttpClient admin, string name)
    {
        var created = await admin.PostOkAsync("/api/users", new { name, email = $"owner.{Guid.NewGuid():N}@test.cn", role = "rep", password = PipelineApp.Password });
        return created["id"]!.GetValue<Guid>();
    }
}

public sealed class SqliteOwnerChoiceTests(SqliteApp app) : OwnerChoiceTests<SqliteApp>(app);

public sealed class PostgresOwnerChoiceTests(PostgresApp app) : OwnerChoiceTests<PostgresApp>(app);
