using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

// Correcting a slip (METHOD.md, "Corrections are not regressions"): the timeline's Correct menu and the save snackbar's Undo.
public static partial class Ui
{
    public static readonly Localized UndoAction = new("撤销", "Undo");
    public static readonly Localized CorrectAction = new("更正", "Correct");
    public static readonly Localized CorrectMenuLabel = new("更正这条变化：{0} {1} → {2}", "Correct this change: {0} {1} → {2}");
    public static readonly Localized CorrectUndo = new("撤销：回到 {0} 级", "Undo: back to level {0}");
    public static readonly Localized CorrectTo = new("改为 {0} 级", "Make it level {0}");
    public static readonly Localized CorrectionEntry = new("更正", "Correction");
    public static readonly Localized CorrectedByAt = new("已由 {0} 于 {1} 更正", "Corrected by {0} at {1}");
    public static readonly Localized CorrectionBackTo = new("撤销了一次误记：{0} 回到 {1} 级", "A slip undone: {0} back to level {1}");
    public static readonly Localized CorrectionReads = new("误记已更正，按一次变化计：{0} {1} → {2}", "A slip corrected, read as one change: {0} {1} → {2}");
    public static readonly Localized CorrectionSaved = new("已更正：{0} 现为 {1} 级", "Corrected: {0} is now level {1}");
    public static readonly Localized CorrectionGone = new("这条变化已不能撤销。", "This change can no longer be undone.");
}
