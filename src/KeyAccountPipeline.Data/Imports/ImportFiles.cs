namespace KeyAccountPipeline.Data.Imports;

// CONTRACT (lead): the files helper owns this file and replaces the body.

/// <summary>Reads an uploaded .xlsx or .csv into an <see cref="ImportTable"/>.</summary>
public static class ImportFiles
{
    /// <summary>The largest file taken, in bytes (said in the refusal).</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>The most data rows taken.</summary>
    public const int MaxRows = 20_000;

    /// <summary>
    /// Reads the first visible worksheet of an .xlsx, or a CSV in UTF-8 (with or without BOM) or GB18030, separated by
    /// commas, semicolons or tabs. The kind is told by the content, the name's extension only as a hint.
    /// </summary>
    /// <exception cref="Domain.DomainException">Field "file": empty, over <see cref="MaxBytes"/> or <see cref="MaxRows"/>, neither
    /// .xlsx nor CSV (a PDF renamed .xlsx), a zip that unpacks too large, no header row.</exception>
    public static ImportTable Read(Stream content, string fileName) => throw new NotImplementedException();
}
