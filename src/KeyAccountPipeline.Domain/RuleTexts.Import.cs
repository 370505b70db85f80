using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Domain;

// An import's row and cell errors and its refusals (Data/Imports/ImportService.cs, issue 16). The file's own problems
// (empty, too big, not a spreadsheet) are worded in RuleTexts.ImportFiles.cs.
public static partial class RuleTexts
{
    /// <summary>A rep importing: an import creates and changes anyone's deals.</summary>
    public static readonly Localized OnlyManagersImport = new("只有经理和管理员可以导入商机。", "Only managers and admins can import deals.");

    /// <summary>An upload without a file in the form's "file" field.</summary>
    public static readonly Localized ImportNoFile = new("请选择要上传的文件（表单字段 file）。", "Choose a file to upload (the form field \"file\").");

    /// <summary>An upload whose body is over the limit: refused before it is read.</summary>
    public static Localized ImportUploadTooLarge(long megabytes) => new(
        $"文件太大：最多 {megabytes} MB。", $"The file is too large: at most {megabytes} MB.");

    /// <summary>The header of the column the errors file adds.</summary>
    public static readonly Localized ImportErrorHeader = new("错误", "error");

    /// <summary>A required field no column is mapped to.</summary>
    public static Localized ImportColumnMissing(Localized field) => new(
        $"没有对应“{field.Zh}”的列：请把一列映射到它。", $"No column is mapped to \"{field.En}\": map one to it.");

    /// <summary>A cell its field cannot read (a date that is no date, an amount that is no number).</summary>
    public static Localized ImportCellUnreadable(Localized field, string text) => new(
        $"无法把“{text}”读作{field.Zh}。", $"\"{text}\" cannot be read as {field.En}.");

    /// <summary>An owner's email no person has.</summary>
    public static Localized ImportOwnerUnknown(string email) => new($"没有邮箱为 {email} 的人员。", $"No person has the email {email}.");

    /// <summary>An owner's email of a disabled person.</summary>
    public static Localized ImportOwnerDisabled(string email) => new(
        $"{email} 的账号已停用，不能负责商机。", $"{email} is disabled and cannot own deals.");

    /// <summary>An empty owner's email.</summary>
    public static readonly Localized ImportOwnerMissing = new("请填写负责人的邮箱。", "Give the owner's email.");

    /// <summary>An external id too long, or with control characters.</summary>
    public static Localized ImportExternalIdInvalid(int maxLength) => new(
        $"外部编号最多 {maxLength} 个字符，且只能有一行。", $"An external id has at most {maxLength} characters, on one line.");

    /// <summary>The same external id on an earlier row of the file.</summary>
    public static Localized ImportExternalIdTwice(string id, int row) => new(
        $"外部编号 {id} 已在第 {row} 行出现；每个商机只能出现一次。", $"The external id {id} is already on row {row}; each deal goes in once.");

    /// <summary>An "as of" date after today.</summary>
    public static readonly Localized ImportAsOfInFuture = new("等级的“截至日期”不能晚于今天。", "The levels' \"as of\" date cannot be after today.");

    /// <summary>An "as of" date before the deal's start date.</summary>
    public static Localized ImportAsOfBeforeStart(string day) => new(
        $"商机开始于 {day}；等级的“截至日期”不能早于这一天。", $"The deal started on {day}; the levels' \"as of\" date cannot be before it.");

    /// <summary>An existing deal's levels change, and the row does not say as of when.</summary>
    public static readonly Localized ImportAsOfNeeded = new(
        "这一行改变了已有商机的等级：请填写等级的“截至日期”。", "This row changes an existing deal's levels: give the levels' \"as of\" date.");

    /// <summary>Rows that match an existing deal on customer and title, and no choice of what to do with them.</summary>
    public static Localized ImportMatchesNeedChoice(int rows) => new(
        $"有 {rows} 行与已有商机的客户和名称相同：请选择合并、新建或跳过。",
        $"{rows} rows match existing deals on customer and title: choose merge, create new or skip.");

    /// <summary>A commit of an import that is committed, being committed or cancelled.</summary>
    public static readonly Localized ImportAlreadyCommitted = new("这次导入已经执行过；请重新上传文件。", "This import has already run; upload the file again.");

    /// <summary>A deal the commit was writing was saved by someone else meanwhile: the batches before stay, the rest is not written.</summary>
    public static readonly Localized ImportDealChangedMeanwhile = new(
        "导入期间有商机被别人修改；已写入的批次保留，其余未写入。请重新上传文件继续。",
        "A deal was changed by someone else during the import; the batches already written stay, the rest was not written. Upload the file again to go on.");

    /// <summary>A mapping whose length is not the file's number of columns.</summary>
    public static Localized ImportMappingLength(int columns, int given) => new(
        $"文件有 {columns} 列，映射给了 {given} 列。", $"The file has {columns} columns; the mapping gives {given}.");

    /// <summary>A field mapped to two columns.</summary>
    public static Localized ImportFieldTwice(Localized field) => new($"“{field.Zh}”只能映射到一列。", $"\"{field.En}\" can be mapped to one column only.");
}
