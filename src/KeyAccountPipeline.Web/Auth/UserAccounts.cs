using KeyAccountPipeline.Data;
using KeyAccountPipeline.Data.Identity;
using KeyAccountPipeline.Data.Live;
using KeyAccountPipeline.Data.People;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.People;
using KeyAccountPipeline.Web.Texts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KeyAccountPipeline.Web.Auth;

/// <summary>
/// People and their sign-ins, changed together. Scoped: it shares the request's (or the caller's scope's)
/// <see cref="PipelineDbContext"/> with Identity's store, so a person and their user are saved in one transaction.
/// Changing a role, disabling, enabling or resetting a password renews the security stamp and revokes all of the
/// person's server-side sessions (<see cref="SignInSessions"/>) in the same transaction, so their cookies and tokens are
/// refused on the next request; then it announces "this person changed" (<see cref="PipelineChange.Person"/>) so that
/// the person's open pages on every instance re-check at once and close (decision 0016).
/// </summary>
public sealed class UserAccounts(
    UserManager<PipelineUser> users, PipelineDbContext db, SignInSessions sessions, PipelineChanges changes, ILogger<UserAccounts> logger)
{
    public async Task<Person> CreateAsync(string name, string email, Role role, string password, Actor? actor, CancellationToken cancellationToken = default)
    {
        actor?.Ensure(actor.MayManageUsers, RuleTexts.OnlyAdminsManageUsers);
        email = email.Trim();
        if (await EmailTakenAsync(email, cancellationToken))
        {
            throw new DomainException("email", RuleTexts.EmailTaken);
        }

        var person = new Person(Guid.CreateVersion7(), name.Trim(), email, role);
        var user = PipelineUser.For(person);
        await ValidatePasswordAsync(user, password);
        db.People.Add(person);
        Check(await users.CreateAsync(user, password), "email");
        logger.LogInformation("Person {PersonId} ({Role}) created by {ActorId}", person.Id, role, actor?.Id);
        return person;
    }

    /// <summary>
    /// Whether someone has <paramref name="email"/>, compared as Identity compares sign-ins: by the normalised email it
    /// computes in C# (so both providers agree, whatever the letters' case), or exactly for a person without a sign-in.
    /// </summary>
    public async Task<bool> EmailTakenAsync(string email, CancellationToken cancellationToken = default)
    {
        email = email.Trim();
        var normalized = users.NormalizeEmail(email);
        return await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken)
            || await db.People.AnyAsync(p => p.Email == email, cancellationToken);
    }

    /// <summary>Gives an existing person (e.g. a demo person) a sign-in; false when they already have one.</summary>
    public async Task<bool> EnsureSignInAsync(Person person, string password)
    {
        if (await users.FindByIdAsync(person.Id.ToString()) is not null)
        {
            return false;
        }

        Check(await users.CreateAsync(PipelineUser.For(person), password), "password");
        return true;
    }

    /// <summary>
    /// Gives <paramref name="personId"/> <paramref name="role"/>. Throws <see cref="DomainException"/> on <c>role</c> when
    /// the actor changes their own role or the change would leave no active admin (decision 0017), nothing written.
    /// </summary>
    public Task ChangeRoleAsync(Guid personId, Role role, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(personId, actor, "role", person => person.ChangeRole(role), cancellationToken);

    /// <summary>
    /// Enables or disables <paramref name="personId"/>. Throws <see cref="DomainException"/> on <c>active</c> when the
    /// actor disables or enables themselves or the change would leave no active admin (decision 0017), nothing written.
    /// </summary>
    public Task SetActiveAsync(Guid personId, bool active, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(personId, actor, "active", person =>
        {
            if (active)
            {
                person.Enable();
            }
            else
            {
                person.Disable();
            }
        }, cancellationToken);

    public async Task ResetPasswordAsync(Guid personId, string password, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Ensure(actor.MayManageUsers, RuleTexts.OnlyAdminsManageUsers);
        var user = await users.FindByIdAsync(personId.ToString()) ?? throw new NotFoundException($"There is no user {personId}.");
        await ValidatePasswordAsync(user, password);
        // Identity saves after each step: one transaction, so the sessions end exactly when the new password holds.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await sessions.RevokeAllAsync(db, personId, cancellationToken); // saved with the first step
        Check(await users.RemovePasswordAsync(user), "password");
        Check(await users.AddPasswordAsync(user, password), "password");
        await users.ResetAccessFailedCountAsync(user);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Password of {PersonId} reset by {ActorId}", personId, actor.Id);
        await changes.PublishAsync(PipelineChange.Person(personId), CancellationToken.None);
    }

    /// <summary>
    /// Ends a lockout after too many failed sign-ins (Identity's lockout end cleared, its failed count back to 0), so the
    /// person can sign in again at once with their password. Throws <see cref="NotFoundException"/> when there is no such
    /// sign-in, and <see cref="DomainException"/> on <c>active</c> for a disabled person: their lockout is how being
    /// disabled holds, and "Enable" ends it.
    /// </summary>
    public async Task UnlockAsync(Guid personId, Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Ensure(actor.MayManageUsers, RuleTexts.OnlyAdminsManageUsers);
        var user = await users.FindByIdAsync(personId.ToString()) ?? throw new NotFoundException($"There is no user {personId}.");
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken)
            ?? throw new NotFoundException($"There is no person {personId}.");
        if (!person.Active)
        {
            throw new DomainException("active", Ui.UnlockDisabledPerson);
        }

        // Identity saves after each step: one transaction, so the count and the end are cleared together.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.SetLockoutEndDateAsync(user, null), "active");
        Check(await users.ResetAccessFailedCountAsync(user), "active");
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Person {PersonId} unlocked by {ActorId}", personId, actor.Id);
        await changes.PublishAsync(PipelineChange.Person(personId), CancellationToken.None);
    }

    /// <summary>
    /// One change of a person's role or active state, in a transaction that first locks the active admins' rows
    /// (<see cref="AdminLock"/>): two admins demoting or disabling each other at once are serialised, and the second
    /// sees the first's commit, so the last active admin is never changed away. The actor must still be an active admin
    /// when the lock is held (<see cref="AccessDeniedException"/> otherwise).
    /// </summary>
    private async Task ChangeAsync(Guid personId, Actor actor, string field, Action<Person> change, CancellationToken cancellationToken)
    {
        actor.Ensure(actor.MayManageUsers, RuleTexts.OnlyAdminsManageUsers);
        if (personId == actor.Id)
        {
            // Another admin does it: nobody takes their own rights away by a slip, nor gives back rights taken from them.
            throw new DomainException(field, RuleTexts.NotYourself);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var admins = await db.LockActiveAdminsAsync(cancellationToken);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken)
            ?? throw new NotFoundException($"There is no person {personId}.");
        var wasAdmin = IsActiveAdmin(person);
        change(person);
        if (wasAdmin && !IsActiveAdmin(person) && !admins.Any(id => id != person.Id))
        {
            throw new DomainException(field, RuleTexts.LastAdmin(person.Name));
        }

        actor.Ensure(admins.Contains(actor.Id), RuleTexts.OnlyAdminsManageUsers);
        var user = await users.FindByIdAsync(personId.ToString());
        if (user is null)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            // A disabled person is also locked out, so sign-in refuses them before checking the password.
            user.LockoutEnd = person.Active ? null : DateTimeOffset.MaxValue;
            await sessions.RevokeAllAsync(db, personId, cancellationToken);
            Check(await users.UpdateSecurityStampAsync(user), "email"); // saves the person and the revoked sessions too: same context
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Person {PersonId} changed by {ActorId}: role {Role}, active {Active}", personId, actor.Id, person.Role, person.Active);
        // After the commit, never cancelled: the change is saved, and the person's open pages must hear of it.
        await changes.PublishAsync(PipelineChange.Person(personId), CancellationToken.None);
    }

    private static bool IsActiveAdmin(Person person) => person.Active && person.Role == Role.Admin;

    private async Task ValidatePasswordAsync(PipelineUser user, string password)
    {
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            errors.AddRange(result.Errors);
        }

        if (errors.Count > 0)
        {
            throw new DomainException("password", PasswordRules.Describe(errors));
        }

        // After Identity's rules, so that a short password is told its length first (the first thing to change).
        if (CommonPasswords.Check(password, user.Email) is { } common)
        {
            throw new DomainException("password", common);
        }
    }

    private static void Check(IdentityResult result, string field)
    {
        if (!result.Succeeded)
        {
            var message = string.Join(" ", result.Errors.Select(e => e.Description));
            throw new DomainException(result.Errors.Any(e => e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal))
                ? "email" : field, new(message, message));
        }
    }
}

/// <summary>The password policy in words, both languages (Identity describes errors only in English).</summary>
public static class PasswordRules
{
    public static Domain.Playbooks.Localized Describe(IEnumerable<IdentityError> errors)
    {
        var codes = errors.Select(e => e.Code).ToHashSet();
        (string Code, Domain.Playbooks.Localized Part)[] policy =
        [
            (nameof(IdentityErrorDescriber.PasswordTooShort), RuleTexts.PasswordLength),
            (nameof(IdentityErrorDescriber.PasswordRequiresDigit), RuleTexts.PasswordDigit),
            (nameof(IdentityErrorDescriber.PasswordRequiresLower), RuleTexts.PasswordLower),
            (nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars), RuleTexts.PasswordUniqueChars),
        ];
        return RuleTexts.PasswordNeeds(policy.Where(p => codes.Contains(p.Code)).Select(p => p.Part).ToList());
    }
}

/// <summary>
/// <see cref="UserAccounts"/> for Blazor components: it shares its scope's <see cref="PipelineDbContext"/> with Identity,
/// and a component must not hold a context for the circuit's life, so each operation opens a scope of its own.
/// </summary>
public static class UserAccountsScope
{
    public static async Task RunAsync(this IServiceScopeFactory scopes, Func<UserAccounts, Task> operation)
    {
        await using var scope = scopes.CreateAsyncScope();
        await operation(scope.ServiceProvider.GetRequiredService<UserAccounts>());
    }
}
