using System.Collections.Concurrent;
using System.Globalization;
using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Domain.Notifications;
using KeyAccountPipeline.Web.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KeyAccountPipeline.Web.Tests.Infrastructure;

/// <summary>One attempt a <see cref="RecordingSender"/> saw: which delivery, on which host, with what message.</summary>
public sealed record SentRecord(Guid DeliveryId, Guid PersonId, DeliveryChannel Channel, string? Address, string Host, NotificationMessage Message);

/// <summary>
/// What the test's senders saw, shared by every host of a test (two app instances write into one): each attempt in order,
/// attempts per delivery id, and per person the outcome to answer (default: sent). A script may throw, as a broken sender would.
/// </summary>
public sealed class SenderLog
{
    public ConcurrentQueue<SentRecord> Attempts { get; } = new();

    public ConcurrentDictionary<Guid, int> PerDelivery { get; } = new();

    public ConcurrentDictionary<Guid, Func<SendOutcome>> Scripts { get; } = new();

    /// <summary>How long each attempt takes (the two-instance tests slow it so both instances are busy at once).</summary>
    public TimeSpan Delay { get; set; }

    public IEnumerable<SentRecord> For(Guid personId) => Attempts.Where(a => a.PersonId == personId);
}

/// <summary>A fake <see cref="IDeliverySender"/> for one channel that records instead of sending.</summary>
public sealed class RecordingSender(DeliveryChannel channel, SenderLog log, string host) : IDeliverySender
{
    public DeliveryChannel Channel => channel;

    public async Task<SendOutcome> SendAsync(Delivery delivery, NotificationMessage message, CancellationToken cancellationToken)
    {
        if (log.Delay > TimeSpan.Zero)
        {
            await Task.Delay(log.Delay, cancellationToken);
        }

        log.Attempts.Enqueue(new SentRecord(delivery.Id, delivery.PersonId, channel, delivery.Address, host, message));
        log.PerDelivery.AddOrUpdate(delivery.Id, 1, (_, count) => count + 1);
        return log.Scripts.TryGetValue(delivery.PersonId, out var script) ? script() : new SendOutcome.Sent();
    }
}

/// <summary>Renders every kind as "{kind} {culture}", so a test sees which language a message was rendered in (the real renderers are other parts').</summary>
public sealed class TestRenderer : INotificationRenderer
{
    public bool Renders(NotificationKind kind) => true;

    public NotificationMessage Render(Notification notification, CultureInfo culture)
    {
        var subject = $"{notification.Kind} {culture.Name}";
        return new NotificationMessage(subject, subject, $"<p>{subject}</p>", $"**{subject}**", new Uri("http://localhost:5000/notifications"));
    }
}

/// <summary>The channels an admin configured, as the outbox tests set them up.</summary>
/// <param name="DingTalkForRep">A DingTalk robot whose audience is the fixture's rep only.</param>
/// <param name="FeishuDisabled">A Feishu robot for everyone, switched off.</param>
public sealed record TestChannels(Guid Email, Guid WeComEveryone, Guid DingTalkForRep, Guid FeishuDisabled);

/// <summary>What the outbox tests add to an app: recording senders for every channel, the test renderer, and the channels.</summary>
public static class OutboxHost
{
    /// <param name="dispatcherLoop">Whether the background loop runs; off, the test drives <see cref="DeliveryDispatcher.RunOnceAsync"/>.</param>
    public static void Configure(IWebHostBuilder builder, SenderLog log, string host, bool dispatcherLoop, int batchSize = 50)
    {
        builder.UseSetting("Notifications:Dispatcher:Enabled", dispatcherLoop ? "true" : "false");
        builder.UseSetting("Notifications:Dispatcher:MaxAttempts", "4");
        builder.UseSetting("Notifications:Dispatcher:BatchSize", batchSize.ToString(CultureInfo.InvariantCulture));
        builder.ConfigureServices(services =>
        {
            // In place of the real senders (ChannelTests and EndToEndTests cover those against real servers).
            services.RemoveAll<IDeliverySender>();
            foreach (var channel in Enum.GetValues<DeliveryChannel>())
            {
                services.AddSingleton<IDeliverySender>(new RecordingSender(channel, log, host));
            }

            // First, so it renders every kind whatever other renderers are registered.
            services.Insert(0, ServiceDescriptor.Singleton<INotificationRenderer>(new TestRenderer()));
        });
    }

    /// <summary>An SMTP server, a WeCom robot for everyone, a DingTalk robot for <see cref="PipelineApp.Rep"/> only, a disabled Feishu robot.</summary>
    public static Task<TestChannels> AddChannelsAsync(PipelineApp app) => app.QueryAsync(async db =>
    {
        var email = new ChannelRecord(Guid.NewGuid(), DeliveryChannel.Email, "SMTP");
        var weCom = new ChannelRecord(Guid.NewGuid(), DeliveryChannel.WeCom, "华东大客户群");
        var dingTalk = new ChannelRecord(Guid.NewGuid(), DeliveryChannel.DingTalk, "Li Na's group") { Everyone = false, PersonIds = $"[\"{app.Rep.Id}\"]" };
        var feishu = new ChannelRecord(Guid.NewGuid(), DeliveryChannel.Feishu, "Off") { Enabled = false };
        db.Channels.AddRange(email, weCom, dingTalk, feishu);
        await db.SaveChangesAsync();
        return new TestChannels(email.Id, weCom.Id, dingTalk.Id, feishu.Id);
    });

    /// <summary>Writes a notification for <paramref name="personId"/> as the events would (waiting to be planned).</summary>
    public static Task<Notification> NotifyAsync(this PipelineApp app, Guid personId, NotificationKind kind) => app.QueryAsync(async db =>
    {
        var notification = new Notification(personId, kind, null, null, app.Clock.GetUtcNow(), "{}", $"test:{Guid.NewGuid():N}");
        db.Notifications.Add(notification);
        await db.SaveChangesAsync();
        return notification;
    });

    public static DeliveryDispatcher Dispatcher(this PipelineApp app) => app.Services.GetRequiredService<DeliveryDispatcher>();
}

/// <summary>
/// What an outbox test app adds, the same on both providers: the senders' shared log, and the test channels, written once
/// per app on first use.
/// </summary>
public sealed class OutboxState
{
    private Task<TestChannels>? _channels;

    public SenderLog Log { get; } = new();

    public Task<TestChannels> ChannelsAsync(PipelineApp app) => _channels ??= OutboxHost.AddChannelsAsync(app);
}

/// <summary>An app for the outbox tests: the dispatcher driven by the test, recording senders, the test channels.</summary>
public interface IOutboxApp
{
    OutboxState Outbox { get; }
}

public sealed class OutboxSqliteApp : SqliteApp, IOutboxApp
{
    public OutboxState Outbox { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        OutboxHost.Configure(builder, Outbox.Log, "sqlite", dispatcherLoop: false);
    }
}

public sealed class OutboxPostgresApp : PostgresApp, IOutboxApp
{
    public OutboxState Outbox { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        OutboxHost.Configure(builder, Outbox.Log, "postgres", dispatcherLoop: false);
    }
}

/// <summary>
/// One of several app instances on ONE PostgreSQL database (<paramref name="connectionString"/>), each with its dispatcher's
/// loop running and its own recording senders writing into the shared <paramref name="log"/>.
/// </summary>
public sealed class SharedPostgresApp(string connectionString, SenderLog log, string host) : PostgresApp
{
    protected override string ConnectionString => connectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        OutboxHost.Configure(builder, log, host, dispatcherLoop: true, batchSize: 10);
    }
}
