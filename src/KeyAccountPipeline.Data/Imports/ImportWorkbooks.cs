using System.Globalization;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Data.Imports;

// CONTRACT (lead): the files helper owns this file and replaces the bodies.

/// <summary>The .xlsx files the import writes: the template to fill in and the rows with errors to fix.</summary>
public static class ImportWorkbooks
{
    /// <summary>
    /// The template in <paramref name="culture"/>: sheet 1 the columns of every <see cref="ImportField"/> with one example row;
    /// sheet 2 each ladder's levels and their texts from <paramref name="playbook"/> ("Power 3: …").
    /// </summary>
    public static byte[] Template(Playbook playbook, CultureInfo culture) => throw new NotImplementedException();

    /// <summary>The rows of <paramref name="table"/> named in <paramref name="errors"/> (by row number), with their cells as read and a last column headed <paramref name="errorHeader"/>.</summary>
    public static byte[] Errors(ImportTable table, IReadOnlyDictionary<int, string> errors, string errorHeader) => throw new NotImplementedException();
}
