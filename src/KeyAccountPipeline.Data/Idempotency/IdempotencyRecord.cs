namespace KeyAccountPipeline.Data.Idempotency;

/// <summary>
/// One <c>Idempotency-Key</c> a person sent with a POST that creates something, and the first answer to it
/// (IETF draft "The Idempotency-Key HTTP Header Field"). Unique on (<see cref="PersonId"/>, <see cref="Key"/>).
/// A record without <see cref="StatusCode"/> is a request in flight (or one whose answer could not be kept);
/// <see cref="CommittedAt"/> is set in the same transaction as the request's own write, so a record can tell
/// whether its request's change was saved even when the answer was lost.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int KeyLength = 255;

    /// <summary>SHA-256 in hex.</summary>
    public const int FingerprintLength = 64;

    public const int ContentTypeLength = 200;

    public const int LocationLength = 2000;

    private IdempotencyRecord()
    {
        Key = Fingerprint = string.Empty;
    }

    internal IdempotencyRecord(Guid id, Guid personId, string key, string fingerprint, Guid lease, DateTimeOffset now)
    {
        Id = id;
        PersonId = personId;
        Key = key;
        Fingerprint = fingerprint;
        Lease = lease;
        CreatedAt = now;
        ClaimedAt = now;
    }

    /// <summary>A stand-in for an existing row, to mark it committed without reading it first.</summary>
    internal static IdempotencyRecord Stub(Guid id, Guid lease) => new() { Id = id, Lease = lease };

    public Guid Id { get; private set; }

    public Guid PersonId { get; private set; }

    /// <summary>The header's value: 1 to <see cref="KeyLength"/> printable ASCII characters.</summary>
    public string Key { get; private set; }

    /// <summary>SHA-256 (hex) of the method, path and body: the same key with another request is refused.</summary>
    public string Fingerprint { get; private set; }

    /// <summary>
    /// Who holds the record right now: the request that claimed it. A request that takes over an abandoned claim
    /// renews it, and the old request's commit (which checks it) then fails instead of writing twice.
    /// </summary>
    public Guid Lease { get; internal set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the current <see cref="Lease"/> was taken; a claim older than <see cref="IdempotencyStore.LeaseTime"/> is abandoned.</summary>
    public DateTimeOffset ClaimedAt { get; private set; }

    public DateTimeOffset? CommittedAt { get; internal set; }

    /// <summary>The first answer's status (2xx only: a refused request is not kept, so a corrected retry goes through).</summary>
    public int? StatusCode { get; private set; }

    public string? ContentType { get; private set; }

    public string? Location { get; private set; }

    public byte[]? Body { get; private set; }
}
