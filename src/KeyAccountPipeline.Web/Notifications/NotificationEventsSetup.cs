using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Web.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KeyAccountPipeline.Web.Notifications;

/// <summary>The notification events (issue 17 §1; docs/decisions/0035-notifications-events.md).</summary>
internal static class NotificationEventsSetup
{
    public const string ScanMinutesKey = "Notifications:Events:ScanMinutes";

    /// <summary>
    /// <see cref="NotificationPublicUrl"/> (a malformed <c>Notifications:PublicUrl</c> stops the app naming it); the
    /// <see cref="NotificationRecorder"/> on every context the factory makes; the time-driven <see cref="NotificationScan"/>, run
    /// right after start and then every <c>Notifications:Events:ScanMinutes</c> (0 to 1440, default 5; 0: not on this instance); and
    /// <see cref="EventMessages"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A malformed setting, named.</exception>
    public static IHostApplicationBuilder AddNotificationEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(NotificationPublicUrl.Read(builder.Configuration));
        var minutes = Settings.Int(builder.Configuration, ScanMinutesKey, 5, min: 0, max: 24 * 60);
        builder.Services.AddSingleton<IInterceptor, NotificationRecorder>();
        builder.Services.AddSingleton<NotificationScan>();
        // 0: this instance does not scan (another does, or a test calls the scan itself); events people cause are still recorded.
        if (minutes > 0)
        {
            builder.Services.AddHostedService(services => new NotificationScanService(
                services.GetRequiredService<NotificationScan>(), TimeSpan.FromMinutes(minutes), services.GetRequiredService<ILogger<NotificationScanService>>()));
        }
        builder.Services.AddSingleton<INotificationRenderer, EventMessages>();
        builder.Services.TryAddSingleton<NotificationMessages>();
        return builder;
    }
}

/// <summary>
/// Runs <see cref="NotificationScan.ScanAsync"/> right after start and then every <paramref name="every"/> of real time (the
/// scan's own clock is the app's <see cref="TimeProvider"/>; this is only how often it looks). A failed scan (the database
/// away) is logged and the next one tries again; the scan is idempotent, so several instances may run it at once.
/// </summary>
internal sealed class NotificationScanService(NotificationScan scan, TimeSpan every, ILogger<NotificationScanService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(every);
        do
        {
            try
            {
                await scan.ScanAsync(stoppingToken);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(error, "The notification scan failed; it runs again in {Every}", every);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
