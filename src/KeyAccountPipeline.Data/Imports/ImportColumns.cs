using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Data.Imports;

/// <summary>Each <see cref="ImportField"/>'s header (the template's, in both languages) and the headers it is matched from.</summary>
public static class ImportColumns
{
    // The factors' headers are METHOD.md's names, as the default playbook has them; a renamed ladder still reads, because
    // its column is matched from these and the other common words below.
    private static readonly Playbook Default = DefaultPlaybook.Create();

    private static readonly Dictionary<ImportField, Localized> Headers = new()
    {
        [ImportField.Customer] = new("客户", "Customer"),
        [ImportField.Industry] = new("行业", "Industry"),
        [ImportField.Region] = new("区域", "Region"),
        [ImportField.Title] = new("商机名称", "Deal title"),
        [ImportField.ServiceLine] = new("业务线", "Service line"),
        [ImportField.OwnerEmail] = new("负责人邮箱", "Owner email"),
        [ImportField.AnnualValue] = new("年合同额（元）", "Annual value (CNY)"),
        [ImportField.TargetCloseDate] = new("预计签约日期", "Target close date"),
        [ImportField.StartedOn] = new("开始日期", "Started on"),
        [ImportField.Need] = Default.Factor(Factor.Need).Name,
        [ImportField.Power] = Default.Factor(Factor.Power).Name,
        [ImportField.Goal] = Default.Factor(Factor.Goal).Name,
        [ImportField.Value] = Default.Factor(Factor.Value).Name,
        [ImportField.Collaboration] = Default.Factor(Factor.Collaboration).Name,
        [ImportField.LevelsAsOf] = new("等级日期", "Levels as of"),
        [ImportField.ExternalId] = new("外部编号", "External id"),
    };

    // The words other workbooks and CRM exports use, besides the template's own headers. Compared by Key (case, width,
    // spaces and punctuation ignored). "Value" alone is the factor; an amount says so ("Annual value", "Deal value", "Value (CNY)").
    private static readonly Dictionary<ImportField, string[]> Synonyms = new()
    {
        [ImportField.Customer] = ["客户", "客户名称", "公司", "公司名称", "企业名称", "Customer", "Customer name", "Account", "Account name", "Company", "Company name", "Organization", "Organisation"],
        [ImportField.Industry] = ["行业", "所属行业", "Industry"],
        [ImportField.Region] = ["区域", "地区", "大区", "Region", "Area", "Territory"],
        [ImportField.Title] = ["商机名称", "商机", "项目名称", "项目", "标题", "Title", "Deal", "Deal name", "Deal title", "Opportunity", "Opportunity name"],
        [ImportField.ServiceLine] = ["业务线", "服务类型", "业务类型", "Service line", "Service", "Service type"],
        [ImportField.OwnerEmail] = ["负责人邮箱", "销售邮箱", "负责人", "邮箱", "Owner", "Owner email", "Owner e-mail", "Deal owner", "Email", "E-mail"],
        [ImportField.AnnualValue] = ["年合同额", "年合同额元", "金额", "合同金额", "年金额", "商机金额", "Amount", "Annual value", "Annual value CNY", "Value CNY", "Deal value", "Contract value"],
        [ImportField.TargetCloseDate] = ["预计签约日期", "目标签约日", "目标签约日期", "预计成交日期", "Close date", "Expected close date", "Target close date"],
        [ImportField.StartedOn] = ["开始日期", "立项日期", "创建日期", "Started on", "Start date", "Created", "Created on", "Create date"],
        [ImportField.Collaboration] = ["协作", "合作", "Cooperation"],
        [ImportField.LevelsAsOf] = ["等级日期", "评估日期", "As of", "Levels as of", "Assessed on"],
        [ImportField.ExternalId] = ["外部编号", "编号", "ID", "External id", "CRM ID", "Deal id", "Record id"],
    };

    // Before ByKey, which is built from it (static initialisers run in text order).
    /// <summary>Each ImportField in the enum's order (the template's column order).</summary>
    public static IReadOnlyList<ImportField> All { get; } = Enum.GetValues<ImportField>();

    // Key → field, built once. A factor is matched by its name, and its name followed by "level" / "等级" / "级别".
    private static readonly Dictionary<string, ImportField> ByKey = BuildKeys();

    /// <summary>The field's header as the template writes it: a Chinese and an English text.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value that is not an <see cref="ImportField"/>.</exception>
    public static Localized Header(ImportField field) =>
        Headers.TryGetValue(field, out var header) ? header : throw new ArgumentOutOfRangeException(nameof(field), field, null);

    /// <summary>
    /// The field each header names (null: none), matched in Chinese and English and common variants ("客户名称", "Account Name",
    /// "年合同额"), ignoring case, width, spaces and punctuation; a header with a unit in brackets ("金额（元）", "Value (CNY)") is
    /// matched whole first, then without the brackets. A field goes to its first column only.
    /// </summary>
    public static IReadOnlyList<ImportField?> Guess(IReadOnlyList<string> headers)
    {
        var taken = new HashSet<ImportField>();
        var fields = new ImportField?[headers.Count];
        for (var i = 0; i < headers.Count; i++)
        {
            if (Match(headers[i]) is { } field && taken.Add(field))
            {
                fields[i] = field;
            }
        }

        return fields;
    }

    private static ImportField? Match(string header)
    {
        if (ByKey.TryGetValue(ImportCells.Key(header), out var field))
        {
            return field;
        }

        return ByKey.TryGetValue(ImportCells.Key(WithoutBrackets(header)), out field) ? field : null;
    }

    // "金额（万元）" → "金额": the part outside round brackets, either width.
    private static string WithoutBrackets(string header)
    {
        var kept = new System.Text.StringBuilder(header.Length);
        var depth = 0;
        foreach (var c in header)
        {
            if (c is '(' or '（')
            {
                depth++;
            }
            else if (c is ')' or '）')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0)
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    private static Dictionary<string, ImportField> BuildKeys()
    {
        var keys = new Dictionary<string, ImportField>(StringComparer.Ordinal);
        foreach (var field in All)
        {
            var header = Header(field);
            IEnumerable<string> words = [header.Zh, header.En, .. Synonyms.GetValueOrDefault(field, [])];
            if (FactorOf(field) is { } factor)
            {
                var name = Default.Factor(factor).Name;
                words = words.Concat([factor.ToString(), $"{name.En} level", $"{name.Zh}等级", $"{name.Zh}级别", $"{name.Zh}层级"]);
            }

            foreach (var word in words)
            {
                keys.TryAdd(ImportCells.Key(word), field);
            }
        }

        return keys;
    }

    /// <summary>The ladder a level column belongs to; null for the other fields.</summary>
    public static Factor? FactorOf(ImportField field) =>
        Enum.TryParse<Factor>(field.ToString(), out var factor) && Factors.All.Contains(factor) ? factor : null;
}
