using KeyAccountPipeline.Data.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>The outbox (issue 17 §5): planning, the delivery dispatcher and the delivery log (docs/decisions/0037-notifications-outbox.md).</summary>
internal static class OutboxSetup
{
    /// <summary>
    /// Registers the dispatcher as a singleton (tests call <see cref="DeliveryDispatcher.RunOnceAsync"/>) and as a hosted
    /// service, whose loop runs unless <c>Notifications:Dispatcher:Enabled</c> is false. The senders
    /// (<see cref="IDeliverySender"/>) and renderers are registered by their own parts.
    /// </summary>
    public static IHostApplicationBuilder AddNotificationOutbox(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(DispatcherSettings.Read(builder.Configuration));
        // Shared with the other notification parts: whoever registers first wins.
        builder.Services.TryAddSingleton(NotificationPublicUrl.Read(builder.Configuration));
        builder.Services.TryAddSingleton<NotificationMessages>();
        builder.Services.TryAddSingleton<NotificationPreferences>();
        builder.Services.TryAddSingleton<InboxViews>();
        builder.Services.AddSingleton<DeliveryPlanner>();
        builder.Services.AddSingleton<DeliveryOutbox>();
        builder.Services.AddSingleton<DeliveryLog>();
        builder.Services.AddSingleton<DeliveryAdmin>();
        builder.Services.AddSingleton<DeliveryDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DeliveryDispatcher>());
        return builder;
    }
}
