using KeyAccountPipeline.Data;
using KeyAccountPipeline.Data.Seed;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Web.Auth;

/// <summary>
/// After the database is ready: the first admin from configuration (<c>Admin:Email</c>, <c>Admin:Password</c>,
/// optional <c>Admin:Name</c>), and in demo-seed mode the demo people's sign-ins with the README's password.
/// There is no default password otherwise.
/// </summary>
internal sealed class AccountsStartup(IServiceScopeFactory scopes, IConfiguration configuration, DatabaseSettings database, ILogger<AccountsStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!database.MigrateOnStart)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        if (configuration["Admin:Email"] is { Length: > 0 } email)
        {
            var password = configuration["Admin:Password"];
            if (string.IsNullOrEmpty(password))
            {
                throw new InvalidOperationException("Setting 'Admin:Password' is required when 'Admin:Email' is set.");
            }

            await EnsureAdminAsync(accounts, configuration["Admin:Name"] ?? email, email, password, cancellationToken);
        }

        if (database.SeedDemo)
        {
            var db = scope.ServiceProvider.GetRequiredService<PipelineDbContext>();
            var created = 0;
            foreach (var person in await db.People.AsNoTracking().Where(p => p.Email.EndsWith("@" + DemoSeeder.EmailDomain)).ToListAsync(cancellationToken))
            {
                created += await accounts.EnsureSignInAsync(person, DemoSeeder.Password) ? 1 : 0;
            }

            if (created > 0)
            {
                logger.LogInformation("Demo sign-ins created for {Count} people (password in the README)", created);
            }
        }
    }

    /// <summary>Creates the admin unless a person with the email exists; used by the setting and by <c>create-admin</c>.</summary>
    public static async Task<bool> EnsureAdminAsync(UserAccounts accounts, string name, string email, string password,
        CancellationToken cancellationToken)
    {
        if (await accounts.EmailTakenAsync(email, cancellationToken))
        {
            return false;
        }

        try
        {
            await accounts.CreateAsync(name, email, Role.Admin, password, actor: null, cancellationToken);
            return true;
        }
        catch (DomainException error)
        {
            throw new InvalidOperationException($"The admin account could not be created ({error.Field}): {error.Message}", error);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary><c>dotnet run -- create-admin --email a@b.cn [--name "Name"] [--password P]</c>; without --password it is read from standard input.</summary>
internal static class CreateAdminCommand
{
    public const string Name = "create-admin";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        string? Option(string name)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }

        var email = Option("--email");
        if (string.IsNullOrWhiteSpace(email))
        {
            await Console.Error.WriteLineAsync("Usage: dotnet run -- create-admin --email EMAIL [--name NAME] [--password PASSWORD]");
            return 2;
        }

        var password = Option("--password");
        if (password is null)
        {
            Console.Write("Password: ");
            password = Console.ReadLine() ?? string.Empty;
        }

        foreach (var step in app.Services.GetServices<IHostedService>().OfType<DatabaseStartup>())
        {
            await step.StartAsync(CancellationToken.None);
        }

        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            var created = await AccountsStartup.EnsureAdminAsync(scope.ServiceProvider.GetRequiredService<UserAccounts>(),
                Option("--name") ?? email, email, password, CancellationToken.None);
            Console.WriteLine(created ? $"Admin {email} created." : $"A person with the email {email} already exists; nothing changed.");
            return created ? 0 : 1;
        }
        catch (InvalidOperationException error)
        {
            await Console.Error.WriteLineAsync(error.Message);
            return 1;
        }
    }
}
