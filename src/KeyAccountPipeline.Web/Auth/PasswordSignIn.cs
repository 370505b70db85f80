using System.Threading.RateLimiting;
using KeyAccountPipeline.Data.Identity;
using Microsoft.AspNetCore.Identity;
using IdentitySignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace KeyAccountPipeline.Web.Auth;

/// <summary>
/// Sign-in with email and password for the sign-in page and <c>POST /api/auth/token</c>, so that nobody learns from
/// the answer whether an email has an account (decision 0014): an unknown email, a wrong password, a locked or disabled
/// account all fail alike, with one message (<see cref="Texts.Ui.SignInFailed"/>), and each runs the password hasher
/// once (an unknown email or a locked account hashes the given password, as a wrong password is verified). Attempts
/// per email are limited (<see cref="SignInLimiter"/>) whether or not the email has an account.
/// </summary>
public sealed class PasswordSignIn(SignInManager<PipelineUser> signIn, IPasswordHasher<PipelineUser> hasher, SignInLimiter limiter)
{
    // Any user will do: the hash is thrown away; hashing costs what verifying a stored hash costs (the same PBKDF2 work).
    private static readonly PipelineUser Nobody = new();

    /// <summary>The outcome: signed in (the user), refused, or too many attempts for this email (retry after the period).</summary>
    public sealed record Outcome(PipelineUser? User, TimeSpan? RetryAfter)
    {
        public bool Succeeded => User is not null;
    }

    /// <summary>
    /// Checks <paramref name="password"/> for <paramref name="email"/> and signs in with the sign-in manager's current scheme
    /// (cookie for the page, bearer for the API). Failures count towards the account's lockout.
    /// </summary>
    public async Task<Outcome> SignInAsync(string email, string password)
    {
        email = email.Trim();
        using var lease = limiter.Acquire(signIn.UserManager.NormalizeEmail(email));
        if (!lease.IsAcquired)
        {
            return new Outcome(null, SignInLimiter.RetryAfter(lease));
        }

        var user = await signIn.UserManager.FindByEmailAsync(email);
        var result = user is null ? IdentitySignInResult.Failed : await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return new Outcome(user, null);
        }

        // Identity refuses a locked or disabled account before it looks at the password: do the work a wrong password does.
        if (user is null || result.IsLockedOut || result.IsNotAllowed)
        {
            hasher.HashPassword(Nobody, password);
        }

        return new Outcome(null, null);
    }
}

/// <summary>
/// Sign-in attempts per account (normalised email, or user id for a refresh): a fixed window of
/// <see cref="RateLimitSettings.PerAccount"/> attempts per <see cref="RateLimitSettings.Window"/>, from
/// System.Threading.RateLimiting (the limiter behind ASP.NET Core's rate limiting middleware). It lives in the
/// endpoints rather than the middleware because the account is in the request body. Singleton.
/// </summary>
public sealed class SignInLimiter(RateLimitSettings settings) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.PerAccount,
            Window = settings.Window,
            QueueLimit = 0,
        }));

    /// <summary>One attempt for <paramref name="account"/>; not acquired when its window is used up.</summary>
    public RateLimitLease Acquire(string account) => _limiter.AttemptAcquire(account);

    /// <summary>When a refused lease may try again (the window's rest), whole seconds rounded up; one window when unknown.</summary>
    public static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1);

    public void Dispose() => _limiter.Dispose();
}
