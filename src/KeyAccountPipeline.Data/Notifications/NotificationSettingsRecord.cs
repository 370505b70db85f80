namespace KeyAccountPipeline.Data.Notifications;

/// <summary>
/// A person's choice of which events reach them by which channel (issue 17 §4); absent until they first save, when
/// <see cref="NotificationDefaults"/> apply. <see cref="Choices"/> is JSON: event kind's wire name → channel wire names.
/// </summary>
public sealed class NotificationSettingsRecord
{
    private NotificationSettingsRecord()
    {
        Choices = string.Empty;
    }

    public NotificationSettingsRecord(Guid personId, string choices)
    {
        PersonId = personId;
        Choices = choices;
        Version = 1;
    }

    public Guid PersonId { get; private set; }

    public string Choices { get; set; }

    public int Version { get; set; }
}
