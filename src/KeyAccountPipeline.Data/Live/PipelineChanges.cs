using Microsoft.Extensions.Logging;

namespace KeyAccountPipeline.Data.Live;

public enum PipelineChangeKind
{
    /// <summary>One deal changed: its card, details, history, stakeholders or coaching notes.</summary>
    Deal,

    /// <summary>An admin saved a new playbook version: every card may read differently.</summary>
    Playbook,

    /// <summary>Notifications may have been missed (the listener reconnected): anything may have changed.</summary>
    Anything,

    /// <summary>
    /// A person's access changed (disabled, enabled, role changed, password reset, signed out): each open page of theirs
    /// re-checks its sign-in at once (decision 0016). Says nothing about deals.
    /// </summary>
    Person,

    /// <summary>
    /// A person's notifications changed (issue 17): one or more were recorded for them, so their bell re-reads its unread
    /// count. Says nothing about deals.
    /// </summary>
    Inbox,
}

/// <summary>
/// What changed, as it travels between app instances: a deal's (or a person's) id and nothing more, so a listener
/// re-reads what it shows (and what the reader may see) rather than trusting a copy in the message.
/// </summary>
public readonly record struct PipelineChange(PipelineChangeKind Kind, Guid DealId = default, Guid PersonId = default)
{
    public const string PlaybookPayload = "playbook";

    /// <summary>Before a person's id in <see cref="Payload"/>; a deal's id has no prefix (the payload of older versions).</summary>
    public const string PersonPrefix = "person:";

    /// <summary>Before the id of a person whose notifications changed in <see cref="Payload"/>.</summary>
    public const string InboxPrefix = "inbox:";

    public static PipelineChange Playbook => new(PipelineChangeKind.Playbook);

    public static PipelineChange Anything => new(PipelineChangeKind.Anything);

    public static PipelineChange Deal(Guid id) => new(PipelineChangeKind.Deal, id);

    public static PipelineChange Person(Guid id) => new(PipelineChangeKind.Person, PersonId: id);

    /// <summary>New notifications for person <paramref name="id"/>: their bell re-reads (issue 17).</summary>
    public static PipelineChange Inbox(Guid id) => new(PipelineChangeKind.Inbox, PersonId: id);

    /// <summary>The notification's text: the deal id, "playbook", "person:" or "inbox:" and the person's id.</summary>
    public string Payload => Kind switch
    {
        PipelineChangeKind.Deal => DealId.ToString("D"),
        PipelineChangeKind.Playbook => PlaybookPayload,
        PipelineChangeKind.Person => PersonPrefix + PersonId.ToString("D"),
        PipelineChangeKind.Inbox => InboxPrefix + PersonId.ToString("D"),
        _ => "*",
    };

    /// <summary>
    /// Reads a notification's text; anything unknown counts as "anything may have changed". An instance of an older
    /// version reads "person:…" and "inbox:…" that way too: its pages re-read, which is safe.
    /// </summary>
    public static PipelineChange Parse(string payload) =>
        Guid.TryParse(payload, out var id) ? Deal(id)
        : payload == PlaybookPayload ? Playbook
        : PrefixedId(payload, PersonPrefix) is { } person ? Person(person)
        : PrefixedId(payload, InboxPrefix) is { } inbox ? Inbox(inbox)
        : Anything;

    private static Guid? PrefixedId(string payload, string prefix) =>
        payload.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParse(payload.AsSpan(prefix.Length), out var id) ? id : null;
}

/// <summary>
/// "Deal X changed" for every open page of every app instance. Writers call <see cref="PublishAsync"/> after
/// their change is committed; pages and caches listen to <see cref="Changed"/>, which is raised on this instance
/// for every change made on any instance (including this one). Listeners are called on the delivering thread
/// and must only schedule their work.
/// </summary>
public abstract class PipelineChanges(ILogger logger)
{
    public event Action<PipelineChange>? Changed;

    /// <summary>
    /// Raised on the instance that made a change, at once, before the change travels to the others (and comes back as
    /// <see cref="Changed"/>): the shared board (<see cref="Deals.BoardSnapshot"/>) takes in its own instance's writes before
    /// their answers go out, so a client that saved and then reads the board sees its change.
    /// </summary>
    public event Action<PipelineChange>? Published;

    /// <summary>Tells every instance about a committed change. Never throws: the change is saved either way.</summary>
    public async Task PublishAsync(PipelineChange change, CancellationToken cancellationToken = default)
    {
        try
        {
            Published?.Invoke(change);
            await SendAsync(change, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "Could not announce change {Payload}; open pages show it on their next read", change.Payload);
        }
    }

    protected abstract Task SendAsync(PipelineChange change, CancellationToken cancellationToken);

    /// <summary>Raises <see cref="Changed"/> on this instance; one listener's failure does not keep the others from hearing.</summary>
    protected void Deliver(PipelineChange change) => Raise(Changed, change, logger);

    /// <summary>Calls each of <paramref name="listeners"/> with <paramref name="change"/>; one's failure is logged and does not keep the others from hearing.</summary>
    internal static void Raise(Action<PipelineChange>? listeners, PipelineChange change, ILogger logger)
    {
        if (listeners is null)
        {
            return;
        }

        foreach (var listener in listeners.GetInvocationList().Cast<Action<PipelineChange>>())
        {
            try
            {
                listener(change);
            }
            catch (Exception error)
            {
                logger.LogError(error, "A listener failed on change {Payload}", change.Payload);
            }
        }
    }
}

/// <summary>One app instance (the embedded SQLite database): a change is delivered straight to this process's listeners.</summary>
public sealed class InProcessChanges(ILogger<InProcessChanges> logger) : PipelineChanges(logger)
{
    protected override Task SendAsync(PipelineChange change, CancellationToken cancellationToken)
    {
        Deliver(change);
        return Task.CompletedTask;
    }
}
