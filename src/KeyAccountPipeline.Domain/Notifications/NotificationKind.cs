namespace KeyAccountPipeline.Domain.Notifications;

/// <summary>
/// What a notification is about (issue 17 §1). Each is recorded once for each person it concerns; the wire name is the
/// member's camelCase name ("coachingNote"). Stored as text, so members may be added but never renamed.
/// </summary>
public enum NotificationKind
{
    /// <summary>A manager wrote a coaching note on your deal.</summary>
    CoachingNote,

    /// <summary>A deal was assigned to you by someone else.</summary>
    DealAssigned,

    /// <summary>A deal of yours was given to someone else.</summary>
    DealTakenAway,

    /// <summary>An action item was given to you.</summary>
    ActionAssigned,

    /// <summary>An open action item of yours is due tomorrow (once per item and due day).</summary>
    ActionDueTomorrow,

    /// <summary>An open action item of yours is past its due day (once per item and due day).</summary>
    ActionOverdue,

    /// <summary>Someone else recorded a lower level on your deal (a regression, METHOD.md "Regression").</summary>
    DealRegressed,

    /// <summary>Your deal became stalled (once when it happens, not every day).</summary>
    DealStalled,

    /// <summary>Your deal became busy but stuck (once when it happens).</summary>
    DealBusyButStuck,

    /// <summary>Someone else closed your deal (won or lost).</summary>
    DealClosed,

    /// <summary>Someone else reopened your deal.</summary>
    DealReopened,

    /// <summary>For managers: a regression in the pipeline they manage.</summary>
    TeamRegression,

    /// <summary>For managers: a deal in the pipeline they manage became stalled.</summary>
    TeamStalled,

    /// <summary>The weekly ladder digest (issue 17 §3): once per person per week.</summary>
    WeeklyDigest,

    /// <summary>"Confirm your email address": sent by email only, before any other email may go to that address.</summary>
    ConfirmEmail,
}

/// <summary>Where a notification goes besides the bell (issue 17 §4). Stored as text.</summary>
public enum DeliveryChannel
{
    Email,
    WeCom,
    DingTalk,
    Feishu,
}

/// <summary>A delivery's state in the outbox: waiting (first try or a retry), sent, or given up (its last error kept).</summary>
public enum DeliveryStatus
{
    Pending,
    Sent,
    Failed,
}
