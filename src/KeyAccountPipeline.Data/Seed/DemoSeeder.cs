using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Domain.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KeyAccountPipeline.Data.Seed;

/// <summary>
/// Fills an empty database with a logistics sales team's pipeline: what a new user sees first. The story is data
/// (<c>Seed/demo-story.json</c>, see <see cref="DemoStory"/>), written through the domain's methods by
/// <see cref="DemoStoryWriter"/>, back-dated relative to <see cref="OrgCalendar.Today"/>, so the board shows every
/// stage and every signal (stalled, busy but stuck, regressed) on the day it runs. The data is deterministic: fixed
/// ids for people, accounts and deals, and a seeded random for the small variations (recording delays, the odd
/// skipped level).
/// </summary>
public sealed class DemoSeeder(IDbContextFactory<PipelineDbContext> contexts, PlaybookStore playbooks, OrgCalendar calendar, ILogger<DemoSeeder> logger)
{
    public const string EmailDomain = "demo.keyaccount.cn";

    /// <summary>Every demo person signs in with this password (README); demo-seed mode only.</summary>
    public const string Password = "pipeline2026";

    /// <summary>The seed of the random that varies recording delays and skips the odd level; changing it changes the demo.</summary>
    private const int RandomSeed = 42;

    /// <summary>The demo sign-ins, listed on the sign-in page in demo mode (and in the README).</summary>
    public static IEnumerable<(string Email, Role Role)> SignIns => People(DemoStory.Load()).Select(p => (p.Email, p.Role));

    /// <summary>Returns false and adds nothing when the database already holds any person or deal (idempotent).</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.People.AnyAsync(cancellationToken) || await db.Deals.AnyAsync(cancellationToken))
        {
            logger.LogInformation("Demo data skipped: the database already holds people or deals");
            return false;
        }

        var story = DemoStory.Load();
        var people = People(story);
        var accounts = story.Accounts.ToDictionary(a => a.Number, a => new Account(AccountId(a.Number), a.Name, a.Industry, a.Region));
        var writer = new DemoStoryWriter(story, await playbooks.CurrentAsync(cancellationToken), calendar, calendar.Now, new Random(RandomSeed));
        var deals = story.Deals.Select(plan => writer.Write(plan, accounts.TryGetValue(plan.Account, out var account) ? account
            : throw new InvalidDataException($"Demo deal {plan.Number} names no account {plan.Account}."))).ToList();

        db.People.AddRange(people);
        db.Accounts.AddRange(accounts.Values);
        db.Deals.AddRange(deals);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Demo data seeded: {People} people, {Accounts} accounts, {Deals} deals",
            people.Count, accounts.Count, deals.Count);
        return true;
    }

    internal static Guid PersonId(int number) => new($"5eed0001-0000-0000-0000-{number:D12}");

    internal static Guid AccountId(int number) => new($"5eed0002-0000-0000-0000-{number:D12}");

    internal static Guid DealId(int number) => new($"5eed0003-0000-0000-0000-{number:D12}");

    private static List<Person> People(DemoStory story) =>
        story.People.Select(p => new Person(PersonId(p.Number), p.Name, $"{p.Login}@{EmailDomain}", p.Role)).ToList();
}
