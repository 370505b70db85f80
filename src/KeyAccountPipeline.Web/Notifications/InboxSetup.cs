using KeyAccountPipeline.Data.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>The bell, the notifications list, a person's notification settings and email confirmation (issue 17 §2, §4).</summary>
internal static class InboxSetup
{
    public static IHostApplicationBuilder AddNotificationInbox(this IHostApplicationBuilder builder)
    {
        // Shared with the other notification parts (the events' links, the senders): whoever registers first wins; both read the same setting.
        builder.Services.TryAddSingleton(NotificationPublicUrl.Read(builder.Configuration));
        builder.Services.TryAddSingleton<NotificationMessages>();
        builder.Services.AddSingleton<INotificationRenderer, ConfirmEmailMessages>();
        builder.Services.AddSingleton<NotificationInbox>();
        builder.Services.AddSingleton<NotificationPreferences>();
        builder.Services.AddSingleton<InboxViews>();
        builder.Services.AddScoped<EmailConfirmation>();
        return builder;
    }
}
