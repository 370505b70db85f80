using KeyAccountPipeline.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KeyAccountPipeline.Web.Auth;

/// <summary>
/// Identity's user manager with lockout on the app's <see cref="TimeProvider"/>: .NET 10's manager reads the
/// wall clock, and the lockout period is a setting that tests check by moving a fake clock.
/// </summary>
public sealed class PipelineUserManager(
    IUserStore<PipelineUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<PipelineUser> passwordHasher,
    IEnumerable<IUserValidator<PipelineUser>> userValidators,
    IEnumerable<IPasswordValidator<PipelineUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<PipelineUser>> logger,
    TimeProvider time)
    : UserManager<PipelineUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    private IUserLockoutStore<PipelineUser> LockoutStore => (IUserLockoutStore<PipelineUser>)Store;

    public override async Task<bool> IsLockedOutAsync(PipelineUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await LockoutStore.GetLockoutEnabledAsync(user, CancellationToken))
        {
            return false;
        }

        // A lockout of five minutes is over five minutes later (Identity's own check keeps it one tick longer).
        var end = await LockoutStore.GetLockoutEndDateAsync(user, CancellationToken);
        return end > time.GetUtcNow();
    }

    public override async Task<IdentityResult> AccessFailedAsync(PipelineUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var count = await LockoutStore.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count >= Options.Lockout.MaxFailedAccessAttempts)
        {
            Logger.LogWarning("User {UserId} is locked out after {Count} failed sign-ins", user.Id, count);
            await LockoutStore.SetLockoutEndDateAsync(user, time.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
            await LockoutStore.ResetAccessFailedCountAsync(user, CancellationToken);
        }

        return await UpdateUserAsync(user);
    }
}
