using KeyAccountPipeline.Domain.Notifications;

namespace KeyAccountPipeline.Data.Notifications;

/// <summary>
/// A channel an admin configured (issue 17 §4): the SMTP server (one, <see cref="DeliveryChannel.Email"/>) or a group
/// robot of WeCom, DingTalk or Feishu. What may be shown back (host, port, TLS mode, account, sender) is in
/// <see cref="Settings"/>; what may not (the robot's webhook URL and signing secret, the SMTP password) is in
/// <see cref="ProtectedSecrets"/>, protected with ASP.NET Core Data Protection, never shown back in full and never logged.
/// </summary>
public sealed class ChannelRecord
{
    private ChannelRecord()
    {
        Name = Settings = ProtectedSecrets = PersonIds = string.Empty;
    }

    public ChannelRecord(Guid id, DeliveryChannel kind, string name)
    {
        Id = id;
        Kind = kind;
        Name = name;
        Settings = "{}";
        ProtectedSecrets = string.Empty;
        PersonIds = "[]";
        Everyone = true;
        Enabled = true;
        Version = 1;
    }

    public Guid Id { get; private set; }

    public DeliveryChannel Kind { get; private set; }

    /// <summary>The admin's name for it ("华东大客户群").</summary>
    public string Name { get; set; }

    public bool Enabled { get; set; }

    /// <summary>JSON of the settings that may be shown back.</summary>
    public string Settings { get; set; }

    /// <summary>Data Protection–protected JSON of the secrets (webhook URL, signing secret, SMTP password).</summary>
    public string ProtectedSecrets { get; set; }

    /// <summary>For everyone; otherwise only for <see cref="PersonIds"/>.</summary>
    public bool Everyone { get; set; }

    /// <summary>JSON array of the chosen people's ids, when not <see cref="Everyone"/>.</summary>
    public string PersonIds { get; set; }

    /// <summary>Concurrency token: a PUT with an older version is a 409 with the current values.</summary>
    public int Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
