using System.Globalization;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Domain.Deals;
using KeyAccountPipeline.Domain.Playbooks;
using MiniExcelLibs;

namespace KeyAccountPipeline.Data.Imports;

/// <summary>
/// The .xlsx files the import writes (MiniExcel): the template to fill in and the rows with errors to fix. Both read back
/// through <see cref="ImportFiles.Read"/> to the headers they were written with, so a fixed file can be uploaded as it is.
/// </summary>
public static class ImportWorkbooks
{

    /// <summary>
    /// The template in <paramref name="culture"/> (Chinese for any zh culture, else English): sheet 1 (商机 / Deals) has a
    /// column for every <see cref="ImportField"/>, headed as <see cref="ImportColumns.Header"/> says, and one example
    /// deal; sheet 2 (阶梯说明 / Ladders) lists each factor's levels with their checkpoint texts from
    /// <paramref name="playbook"/>, so "Power 3" can be looked up while filling in.
    /// </summary>
    public static byte[] Template(Playbook playbook, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(culture);
        var header = ImportColumns.All.Select(f => (object?)ImportColumns.Header(f).For(culture)).ToList();
        var example = ImportColumns.All.Select(f => Example(f, playbook, culture)).ToList();
        var ladders = new List<IReadOnlyList<object?>> { new object?[] { RuleTexts.ImportFactorHeader.For(culture), RuleTexts.ImportLevelHeader.For(culture), RuleTexts.ImportCheckpointHeader.For(culture) } };
        foreach (var factor in Factors.All)
        {
            var definition = playbook.Factor(factor);
            ladders.AddRange(definition.Levels.Select((text, level) => (IReadOnlyList<object?>)[definition.Name.For(culture), level, text.For(culture)]));
        }

        return Write(new Dictionary<string, IReadOnlyList<IReadOnlyList<object?>>>
        {
            [RuleTexts.ImportDealsSheet.For(culture)] = [header, example],
            [RuleTexts.ImportLaddersSheet.For(culture)] = ladders,
        });
    }

    /// <summary>
    /// The rows of <paramref name="table"/> named in <paramref name="errors"/> (by row number), in the file's order, with
    /// their cells as read (text stays text, a formula's saved value stays that value) under the file's own header row,
    /// and a last column headed <paramref name="errorHeader"/> holding each row's message. One sheet.
    /// </summary>
    public static byte[] Errors(ImportTable table, IReadOnlyDictionary<int, string> errors, string errorHeader)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(errors);
        IReadOnlyList<object?> header = [.. table.Headers, errorHeader];
        var rows = new List<IReadOnlyList<object?>> { header };
        rows.AddRange(table.Rows
            .Where(r => errors.ContainsKey(r.Number))
            .Select(r => (IReadOnlyList<object?>)[.. r.Cells, errors[r.Number]]));
        return Write(new Dictionary<string, IReadOnlyList<IReadOnlyList<object?>>> { ["Errors"] = rows });
    }

    /// <summary>The example deal's cell for <paramref name="field"/>: a cold-chain warehousing deal at levels every ladder has.</summary>
    private static object? Example(ImportField field, Playbook playbook, CultureInfo culture)
    {
        if (ImportColumns.FactorOf(field) is { } factor)
        {
            // Need 2, Power 1, Goal 1, the rest 0: an early deal, each level cut to the ladder's top.
            int[] levels = [2, 1, 1, 0, 0];
            return Math.Min(levels[factor.Position()], playbook.Factor(factor).MaxLevel);
        }

        return field switch
        {
            ImportField.Customer => RuleTexts.ImportExampleCustomer.For(culture),
            ImportField.Industry => RuleTexts.ImportExampleIndustry.For(culture),
            ImportField.Region => RuleTexts.ImportExampleRegion.For(culture),
            ImportField.Title => RuleTexts.ImportExampleTitle.For(culture),
            ImportField.ServiceLine => RuleTexts.ServiceLineLabel(ServiceLine.Warehousing).For(culture),
            ImportField.OwnerEmail => "owner@example.com",
            ImportField.AnnualValue => 1_200_000m,
            ImportField.TargetCloseDate => new DateTime(2027, 3, 31),
            ImportField.StartedOn => new DateTime(2026, 9, 1),
            ImportField.LevelsAsOf => new DateTime(2026, 11, 30),
            ImportField.ExternalId => "CRM-0001",
            _ => null,
        };
    }

    /// <summary>
    /// The sheets as one workbook, each row written as it is: no header is made up from keys (a file's headers may repeat or be
    /// empty), so the keys are the columns' positions and the first row is the header row.
    /// </summary>
    private static byte[] Write(Dictionary<string, IReadOnlyList<IReadOnlyList<object?>>> sheets)
    {
        var workbook = sheets.ToDictionary(
            s => s.Key,
            s => (object)s.Value
                .Select(row => row.Select((cell, i) => (Key: i.ToString(CultureInfo.InvariantCulture), Cell: cell)).ToDictionary(c => c.Key, c => c.Cell))
                .ToList());
        using var stream = new MemoryStream();
        stream.SaveAs(workbook, printHeader: false, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}
