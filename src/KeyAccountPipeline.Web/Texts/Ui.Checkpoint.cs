using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

public static partial class Ui
{
    public static readonly Localized RecordCheckpoint = new("记录检查点", "Record checkpoint");
    public static readonly Localized RecordCheckpointFor = new("记录检查点：{0}", "Record checkpoint: {0}");
    public static readonly Localized FactorLabel = new("因素", "Factor");
    public static readonly Localized LevelLabel = new("等级", "Level");
    public static readonly Localized CurrentLevel = new("（当前）", " (current)");
    public static readonly Localized Note = new("说明", "Note");
    public static readonly Localized NoteHelp = new("发生了什么，依据是什么", "What happened, and how you know");
    public static readonly Localized RegressionReason = new("倒退原因", "Reason for the regression");
    public static readonly Localized RegressionWarning = new("这是一次倒退（{0} → {1}），请写明原因。", "This is a regression ({0} → {1}); say why in the note.");
    public static readonly Localized EvidenceKindLabel = new("证据类型", "Evidence");
    public static readonly Localized EvidenceNone = new("无", "None");
    public static readonly Localized EvidenceDetail = new("证据说明", "Evidence detail");
    public static readonly Localized EvidenceDetailHelp = new("如：会议纪要、邮件主题、文件名", "e.g. minutes, email subject, file name");
    public static readonly Localized HappenedOn = new("发生日期", "Date it happened");
    public static readonly Localized CheckpointSaved = new("已记录：{0} {1} → {2}", "Recorded: {0} {1} → {2}");
}
