using KeyAccountPipeline.Domain.Notifications;

namespace KeyAccountPipeline.Data.Notifications;

/// <summary>
/// Which events reach a person by which channel until they choose (issue 17 §4). The bell always shows every event; these
/// are the channels beyond it. Email carries what a person must act on; the group robots carry what the team should see
/// (regressions, stalls, the digest). "Confirm your email" goes by email only and cannot be turned off.
/// </summary>
public static class NotificationDefaults
{
    /// <summary>The kinds a person may choose channels for (every kind but <see cref="NotificationKind.ConfirmEmail"/>).</summary>
    public static readonly IReadOnlyList<NotificationKind> Choosable = [.. Enum.GetValues<NotificationKind>().Where(k => k != NotificationKind.ConfirmEmail)];

    /// <summary>The default channels of <paramref name="kind"/> (never null; empty for "bell only").</summary>
    public static IReadOnlySet<DeliveryChannel> For(NotificationKind kind) => kind switch
    {
        NotificationKind.ConfirmEmail => Set(DeliveryChannel.Email),
        NotificationKind.DealRegressed or NotificationKind.TeamRegression or NotificationKind.DealStalled or NotificationKind.TeamStalled
            or NotificationKind.DealBusyButStuck or NotificationKind.WeeklyDigest => Set(DeliveryChannel.Email, DeliveryChannel.WeCom, DeliveryChannel.DingTalk, DeliveryChannel.Feishu),
        NotificationKind.CoachingNote or NotificationKind.DealAssigned or NotificationKind.DealTakenAway or NotificationKind.ActionAssigned
            or NotificationKind.ActionOverdue or NotificationKind.DealClosed or NotificationKind.DealReopened => Set(DeliveryChannel.Email),
        _ => Set(),
    };

    private static HashSet<DeliveryChannel> Set(params DeliveryChannel[] channels) => [.. channels];
}
