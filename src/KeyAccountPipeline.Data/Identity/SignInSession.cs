using KeyAccountPipeline.Data.Configurations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyAccountPipeline.Data.Identity;

/// <summary>How a session was opened: the browser's sign-in cookie, or an API client's bearer and refresh tokens.</summary>
public enum SignInSessionKind
{
    Cookie,
    Bearer,
}

/// <summary>
/// One sign-in, held on the server (decision 0015): the cookie or the bearer/refresh tokens carry its <see cref="Id"/>,
/// and are honoured only while the row exists, is not revoked and is before its <see cref="ExpiresAt"/> (the absolute
/// lifetime, whatever the cookie's sliding expiry says). Sign-out revokes it; disabling a person, a role change or a
/// password reset revokes all of theirs. Instants are UTC.
/// </summary>
public sealed class SignInSession
{
    private SignInSession()
    {
    }

    public SignInSession(Guid id, Guid personId, SignInSessionKind kind, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        Id = id;
        PersonId = personId;
        Kind = kind;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }

    public Guid PersonId { get; private set; }

    public SignInSessionKind Kind { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The absolute end: nothing of this session is honoured at or after it, however often it was used.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>When it was ended (sign-out, a reused refresh token, the person disabled, their role or password changed).</summary>
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>
    /// Bearer sessions: the generation of the one refresh token that may still be used (0 for the first). Each refresh
    /// moves it on; a refresh token of an older generation is a reuse, which revokes the session.
    /// </summary>
    public int RefreshGeneration { get; private set; }

    /// <summary>Ends the session at <paramref name="now"/>; an already revoked session keeps its first time.</summary>
    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> builder)
    {
        builder.ToTable("SignInSessions");
        builder.Property(s => s.Kind).IsEnumText();
        builder.HasOne<PipelineUser>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
        // Revoking all of a person's sessions, and the purge by age.
        builder.HasIndex(s => s.PersonId);
        builder.HasIndex(s => s.ExpiresAt);
    }
}
