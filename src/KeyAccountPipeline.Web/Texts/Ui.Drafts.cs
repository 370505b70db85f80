using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

// Typed work that is kept: the review's draft on the server, the dialogs' drafts in the browser (decision 0031-drafts).
public static partial class Ui
{
    public static readonly Localized DraftSaving = new("草稿保存中…", "Saving draft…");
    public static readonly Localized DraftSavedAt = new("草稿已保存 {0}", "Draft saved {0}");
    public static readonly Localized DraftNotSaved = new("草稿未能保存：数据库暂时不可用，请不要关闭页面。", "Draft not saved: the database is unavailable. Keep this page open.");
    public static readonly Localized DraftRestored = new(
        "这是你 {0} 保存的评审草稿：笔记和行动项都在，评审召开或丢弃草稿前会一直保留。",
        "This is your review draft saved {0}: its notes and action items are kept until you hold the review or discard the draft.");
    public static readonly Localized DraftKept = new(
        "你输入的笔记和行动项已作为草稿保存，评审召开或丢弃草稿前会一直保留。",
        "Your notes and action items are kept as a draft until you hold the review or discard the draft.");
    public static readonly Localized DiscardDraft = new("丢弃草稿", "Discard draft");
    public static readonly Localized DiscardDraftConfirm = new("丢弃这份评审草稿？所有笔记和新行动项都会删除。", "Discard this review draft? Its notes and new action items will be deleted.");
    public static readonly Localized LeaveUnsavedReview = new(
        "刚输入的内容还没有保存（数据库暂时不可用）。仍然离开吗？",
        "What you just typed is not saved yet (the database is unavailable). Leave anyway?");
    public static readonly Localized DialogDraftRestored = new(
        "上次没有保存的内容已放回表单。",
        "What you typed here last time and did not save is back in the form.");
    public static readonly Localized DraftWaiting = new("你在“{0}”中有未保存的内容。", "You have unsaved text in {0}.");
    public static readonly Localized OpenDraft = new("打开", "Open it");
    public static readonly Localized OpenDraftOf = new("打开“{0}”", "Open {0}");
}
