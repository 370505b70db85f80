using System.Globalization;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain;

// The refusals of an uploaded file as a whole (checked by ImportFiles.Read before any row is looked at), field "file".
public static partial class RuleTexts
{
    /// <summary>A file of no bytes.</summary>
    public static readonly Localized ImportFileEmpty = new("文件是空的。", "The file is empty.");

    /// <summary>A file over the upload limit, in whole megabytes (1 MB = 1,048,576 bytes).</summary>
    public static Localized ImportFileTooBig(long maxBytes)
    {
        var mb = (maxBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture);
        return new($"文件超过 {mb} MB 的上限，请拆分成几个文件分别导入。", $"The file is larger than the {mb} MB limit; split it into several files and import each.");
    }

    /// <summary>More data rows than one import takes.</summary>
    public static Localized ImportFileTooManyRows(int maxRows)
    {
        var rows = maxRows.ToString("N0", CultureInfo.InvariantCulture);
        return new($"文件超过 {rows} 行数据的上限，请拆分成几个文件分别导入。", $"The file has more than {rows} data rows, the limit; split it into several files and import each.");
    }

    /// <summary>Neither a workbook nor text (a PDF or an image renamed .xlsx, a zip of something else).</summary>
    public static readonly Localized ImportFileNotSpreadsheet = new(
        "这不是 .xlsx 或 .csv 文件。请在 Excel 中另存为 .xlsx 或 CSV 后再上传。",
        "This is not an .xlsx or .csv file. Save it from Excel as .xlsx or CSV and upload it again.");

    /// <summary>
    /// An Excel 97–2003 workbook, or a password-protected .xlsx (both are compound files), which the reader does not take.
    /// </summary>
    public static readonly Localized ImportFileOldExcel = new(
        "这是旧版 Excel（.xls）文件或设有密码的工作簿。请在 Excel 中另存为不设密码的 .xlsx 后再上传。",
        "This is an old Excel (.xls) workbook or a password-protected one. Save it from Excel as .xlsx without a password and upload it again.");

    /// <summary>An .xlsx whose parts unpack to more than the reader allows (a zip bomb, or a workbook far bigger than any pipeline).</summary>
    public static Localized ImportFileUnpacksTooLarge(long maxUnpackedBytes)
    {
        var mb = (maxUnpackedBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture);
        return new($"这个 .xlsx 解压后超过 {mb} MB 或包含的部件过多，不予读取。请只保留要导入的工作表后再上传。",
            $"This .xlsx unpacks to more than {mb} MB or holds too many parts, so it is not read. Keep only the sheet to import and upload it again.");
    }

    /// <summary>A workbook whose sheets are all hidden.</summary>
    public static readonly Localized ImportFileNoVisibleSheet = new(
        "工作簿中没有可见的工作表。请取消隐藏要导入的工作表。", "The workbook has no visible sheet. Unhide the sheet to import.");

    /// <summary>No row naming the columns: the sheet is empty, or its first non-empty row holds only numbers and dates.</summary>
    public static readonly Localized ImportFileNoHeaderRow = new(
        "没有标题行：第一个非空行应写明各列的名称（如“客户”“年合同额”）。可以下载模板参照。",
        "No header row: the first non-empty row must name the columns (such as Customer, Annual value). The template shows how.");

    /// <summary>A workbook or CSV the libraries could not read (damaged, cut off).</summary>
    public static readonly Localized ImportFileUnreadable = new(
        "文件无法读取，可能已损坏。请在 Excel 中重新保存后再上传。", "The file could not be read; it may be damaged. Save it again from Excel and upload it again.");

    // The template (ImportWorkbooks.Template): its sheets, the ladders sheet's columns and the example deal of its first row.
    public static readonly Localized ImportDealsSheet = new("商机", "Deals");

    public static readonly Localized ImportLaddersSheet = new("阶梯说明", "Ladders");

    public static readonly Localized ImportFactorHeader = new("因素", "Factor");

    public static readonly Localized ImportLevelHeader = new("等级", "Level");

    public static readonly Localized ImportCheckpointHeader = new("检查点", "Checkpoint");

    public static readonly Localized ImportExampleCustomer = new("上海鲜达冷链", "Shanghai Xianda Cold Chain");

    public static readonly Localized ImportExampleIndustry = new("生鲜电商", "Fresh food e-commerce");

    public static readonly Localized ImportExampleRegion = new("华东", "East China");

    public static readonly Localized ImportExampleTitle = new("冷链仓储外包", "Cold chain warehousing");
}
