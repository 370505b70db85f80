using KeyAccountPipeline.Data.Imports;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Texts;

/// <summary>The import page (/imports): template, upload, column mapping, preview, commit and the list of past imports.</summary>
public static partial class Ui
{
    public static readonly Localized Import = new("导入", "Import");
    public static readonly Localized ImportsIntro = new(
        "从 Excel 或 CSV 把团队的商机和五个因素的等级导入看板。导入前会先预览：每一行都按与手工录入相同的规则检查，有错误的行不会写入。",
        "Bring a team's deals and their five ladder levels in from Excel or CSV. Nothing is written before the preview: every row is checked by the same rules as a deal entered by hand, and rows with errors are never written.");

    // Step 1: the file
    public static readonly Localized ImportFileTitle = new("1. 选择文件", "1. Choose a file");
    public static readonly Localized DownloadTemplate = new("下载模板", "Download template");

    /// <summary>The downloaded template's file name, before ".xlsx".</summary>
    public static readonly Localized ImportTemplateFile = new("导入模板", "import-template");
    public static readonly Localized DownloadTemplateHint = new(
        "模板的列名与本页语言一致，附一行示例；第二个工作表列出每个因素各等级的含义。",
        "The template's columns are in this page's language, with one example row; its second sheet lists what each ladder level means.");
    public static readonly Localized ChooseImportFile = new("选择 .xlsx 或 .csv 文件", "Choose an .xlsx or .csv file");
    public static readonly Localized ImportFileHint = new(
        "Excel 工作簿（第一个可见工作表），或 UTF-8 / GB18030 编码的 CSV（逗号、分号或制表符分隔）；最大 {0} MB。",
        "An Excel workbook (its first visible sheet) or a CSV in UTF-8 or GB18030 (comma, semicolon or tab); at most {0} MB.");
    public static readonly Localized Reading = new("正在读取 {0}…", "Reading {0}…");

    // Step 2: the columns
    public static readonly Localized MappingTitle = new("2. 核对列", "2. Check the columns");
    public static readonly Localized MappingHint = new(
        "列名已自动识别（中英文及常见写法）。如有不对，请为该列选择正确的字段，或选择“不导入”。",
        "The columns were matched by their headers (Chinese, English and common variants). Where a match is wrong, pick the right field or “Leave out”.");
    public static readonly Localized FileColumn = new("文件中的列", "Column in the file");
    public static readonly Localized ImportedAs = new("导入为", "Imported as");
    public static readonly Localized LeaveOut = new("不导入", "Leave out");
    public static readonly Localized ColumnOf = new("第 {0} 列", "Column {0}");

    // Step 3: the preview
    public static readonly Localized PreviewTitle = new("3. 预览", "3. Preview");
    public static readonly Plural PreviewOf = new("{0}：共 {1} 行", "{0}: {1} {1:row|rows}");
    public static readonly Plural ReadyCount = new("{0} 行可导入", "{0} ready");
    public static readonly Plural ErrorCount = new("{0} 行有错误", "{0} with {0:an error|errors}");
    public static readonly Plural UpdateCount = new("{0} 行将更新已有商机", "{0} will update existing {0:deal|deals}");
    public static readonly Plural UnchangedCount = new("{0} 行无变化", "{0} unchanged");
    public static readonly Plural MatchCount = new("{0} 行与已有商机同名", "{0} {0:matches|match} an existing deal");
    public static readonly Plural ShownRows = new(
        "下表列出 {0} 行（共 {1} 行）：先列出有错误或同名的行，再列出其余的前几行。",
        "The table shows {0} of {1} {1:row|rows}: every row with an error or a match first, then the first of the others.");
    public static readonly Localized RowNumber = new("行号", "Row");
    public static readonly Localized RowOutcome = new("结果", "Outcome");
    public static readonly Localized CellError = new("错误", "Error");
    public static readonly Localized NothingToChange = new(
        "没有需要修改的内容：文件中的每一行都与看板上的商机一致。",
        "Nothing to change: every row in the file already matches its deal on the board.");
    public static readonly Localized NoRowsToImport = new(
        "没有可导入的行。请修正有错误的行后重新上传文件。",
        "There is no row to import. Fix the rows with errors and upload the file again.");
    public static readonly Localized DownloadErrorRows = new("下载有错误的行", "Download rows with errors");
    public static readonly Localized DownloadErrorRowsHint = new(
        "有错误的行会下载为一个 .xlsx 文件，最后一列写明错误。在 Excel 中修正后，再上传这个文件。",
        "The rows with errors download as an .xlsx with an extra “error” column. Fix them in Excel and upload that file again.");

    public static Localized Label(this ImportRowOutcome outcome) => outcome switch
    {
        ImportRowOutcome.New => new("新建", "New"),
        ImportRowOutcome.Update => new("更新", "Update"),
        ImportRowOutcome.Unchanged => new("无变化", "Unchanged"),
        ImportRowOutcome.Match => new("同名商机", "Matches a deal"),
        _ => new("有错误", "Error"),
    };

    // Rows without an external id that match an existing deal
    public static readonly Plural MatchQuestion = new(
        "{0} 行没有外部编号，但客户和商机名称与看板上已有的商机相同。这些行应该：",
        "{0} {0:row has|rows have} no external id but the same customer and title as a deal on the board. What should happen to {0:it|them}?");

    public static Localized Label(this ImportMatchChoice choice) => choice switch
    {
        ImportMatchChoice.Merge => new("合并到已有商机", "Merge into the existing deal"),
        ImportMatchChoice.CreateNew => new("另建新商机", "Create a new deal"),
        _ => new("跳过", "Skip"),
    };

    public static readonly Localized ChooseForMatches = new("请先选择同名行的处理方式。", "Choose what happens to the matching rows first.");

    // Step 4: the import
    public static readonly Plural ImportRows = new("导入 {0} 行", "Import {0} {0:row|rows}");
    public static readonly Plural ErrorsLeftOut = new("{0} 行有错误的不会导入。", "The {0} {0:row|rows} with errors {0:is|are} left out.");
    public static readonly Plural Importing = new("正在导入：已完成 {0} / {1} 行", "Importing: {0} of {1} {1:row|rows} done");
    public static readonly Localized CancelImport = new("取消导入", "Cancel import");
    public static readonly Plural ImportedResult = new(
        "已导入：新建 {0} 个，更新 {1} 个，{2} 个无变化。",
        "Imported: {0} new, {1} updated, {2} unchanged.");
    public static readonly Plural CancelledResult = new(
        "导入在写入 {0} 行后取消：新建 {1} 个，更新 {2} 个，{3} 个无变化。已写入的保留。",
        "Cancelled after {0} {0:row|rows}: {1} new, {2} updated, {3} unchanged. What was written stays.");
    public static readonly Plural SkippedResult = new("跳过 {0} 行，{1} 行有错误未导入。", "{0} skipped, {1} with errors not imported.");
    public static readonly Localized SeeOnBoard = new("在看板上查看", "See the deals on the board");
    public static readonly Localized ImportAnother = new("导入另一个文件", "Import another file");
    public static readonly Localized ImportGone = new("这次导入已不存在，请重新上传文件。", "This import no longer exists; upload the file again.");

    // Past imports
    public static readonly Localized PastImports = new("导入记录", "Past imports");
    public static readonly Localized NoImportsYet = new("还没有导入过文件。", "No file has been imported yet.");
    public static readonly Localized ImportWhen = new("时间", "When");
    public static readonly Localized ImportBy = new("导入人", "By");
    public static readonly Localized ImportFile = new("文件", "File");
    public static readonly Localized ImportStatusLabel = new("状态", "Status");
    public static readonly Localized ImportCounts = new("结果", "Result");
    public static readonly Plural RowsInFile = new("{0} 行", "{0} {0:row|rows}");
    public static readonly Plural ImportedCounts = new("新建 {0}，更新 {1}，无变化 {2}", "{0} new, {1} updated, {2} unchanged");
    public static readonly Localized OpenImport = new("打开", "Open");

    public static Localized Label(this ImportStatus status) => status switch
    {
        ImportStatus.Previewed => new("已预览，未导入", "Previewed, not imported"),
        ImportStatus.Importing => new("导入中", "Importing"),
        ImportStatus.Committed => new("已导入", "Imported"),
        _ => new("已取消", "Cancelled"),
    };

    public static string Name(this ImportRowOutcome outcome) => outcome.Label().Current;

    public static string Name(this ImportMatchChoice choice) => choice.Label().Current;

    public static string Name(this ImportStatus status) => status.Label().Current;
}
