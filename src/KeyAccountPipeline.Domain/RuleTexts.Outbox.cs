using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain;

// The outbox's delivery log (issue 17 §5; Data/Notifications/DeliveryOutbox.cs).
public static partial class RuleTexts
{
    /// <summary>An admin asked to resend a delivery that is still waiting: it will be tried anyway, and a second copy would double it.</summary>
    public static readonly Localized DeliveryStillPending = new(
        "这条投递仍在等待发送，会自动重试，无需重发。",
        "This delivery is still waiting to be sent and will be retried on its own; there is nothing to resend.");

    /// <summary>Someone other than an admin asked to resend a delivery (the page hides the button; the server checks again).</summary>
    public static readonly Localized OnlyAdminsResend = new("只有管理员可以重发通知。", "Only an admin can resend a notification.");
}
