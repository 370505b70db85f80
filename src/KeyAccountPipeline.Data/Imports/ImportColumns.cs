using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Data.Imports;

// CONTRACT (lead): the files helper owns this file and replaces the bodies.

/// <summary>Each <see cref="ImportField"/>'s header (the template's, in both languages) and the headers it is matched from.</summary>
public static class ImportColumns
{
    /// <summary>The field's header as the template writes it.</summary>
    public static Localized Header(ImportField field) => throw new NotImplementedException();

    /// <summary>
    /// The field each header names (null: none), matched in Chinese and English and common variants ("客户名称", "Account Name",
    /// "年合同额"), ignoring case, width and spaces. A field goes to its first column only.
    /// </summary>
    public static IReadOnlyList<ImportField?> Guess(IReadOnlyList<string> headers) => throw new NotImplementedException();
}
