using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using KeyAccountPipeline.Domain;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace KeyAccountPipeline.Data.Imports;

/// <summary>
/// Reads an uploaded .xlsx or .csv into an <see cref="ImportTable"/>: MiniExcel for workbooks, CsvHelper for CSV
/// (issue 16 §8: well-kept libraries for the formats), with the limits and refusals around them here.
/// </summary>
public static class ImportFiles
{
    /// <summary>The largest file taken, in bytes (said in the refusal).</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>The most data rows taken.</summary>
    public const int MaxRows = 20_000;

    /// <summary>
    /// The most a workbook's parts may unpack to, in bytes. A 10 MB workbook of real rows unpacks to well under this (XML
    /// compresses about tenfold); a zip bomb, a few kilobytes that unpack to gigabytes, is refused before it is opened.
    /// </summary>
    public const long MaxUnpackedBytes = 100 * 1024 * 1024;

    /// <summary>The most parts a workbook may hold (a sheet, its styles, shared strings… a real one has a few dozen).</summary>
    public const int MaxParts = 1_000;

    /// <summary>The most columns read from a sheet; cells to the right of them are not read (a template has 16).</summary>
    public const int MaxColumns = 1_000;

    // Rows read past the last data row before the reader gives up: empty rows cost nothing to skip, but a sheet whose XML
    // says "row 1,048,576" would otherwise be walked row by row to there.
    private const int MaxBlankRows = 10_000;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // GB18030 (a superset of GBK and GB2312) is what Excel on Chinese Windows writes a CSV in; .NET has it from the code-pages
    // provider, registered once.
    private static readonly Lazy<Encoding> Gb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    });

    /// <summary>
    /// Reads the first visible worksheet of an .xlsx, or a CSV in UTF-8 (with or without BOM), UTF-16 (with BOM) or
    /// GB18030, separated by commas, semicolons or tabs. The kind is told by the content, never by the name's extension
    /// (<paramref name="fileName"/> is not used to decide). The header row is the first non-empty row; rows with every cell
    /// empty are left out; merged cells give their value to each cell they cover; a formula gives the value Excel saved
    /// with it, never evaluated.
    /// </summary>
    /// <exception cref="DomainException">Field "file": empty, over <see cref="MaxBytes"/> or <see cref="MaxRows"/>, neither
    /// .xlsx nor CSV (a PDF renamed .xlsx), an old .xls, a zip that unpacks over <see cref="MaxUnpackedBytes"/>, no visible
    /// sheet, no header row, damaged.</exception>
    public static ImportTable Read(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        var bytes = ReadLimited(content);
        if (bytes.Length == 0)
        {
            throw Refused(RuleTexts.ImportFileEmpty);
        }

        if (IsZip(bytes))
        {
            return ReadWorkbook(bytes);
        }

        return ReadCsv(Decode(bytes));
    }

    private static DomainException Refused(Domain.Playbooks.Localized text) => new("file", text);

    /// <summary>The upload in memory, counted while copied so a 60 MB (or endless) stream stops at the limit.</summary>
    private static byte[] ReadLimited(Stream content)
    {
        using var memory = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (memory.Length + read > MaxBytes)
            {
                throw Refused(RuleTexts.ImportFileTooBig(MaxBytes));
            }

            memory.Write(buffer, 0, read);
        }

        return memory.ToArray();
    }

    private static bool IsZip(byte[] bytes) => bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] is 3 or 5 && bytes[3] is 4 or 6;

    private static ImportTable ReadWorkbook(byte[] bytes)
    {
        CheckPackage(bytes);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var sheet = stream.GetSheetInformations().FirstOrDefault(s => s.State == SheetState.Visible)
                ?? throw Refused(RuleTexts.ImportFileNoVisibleSheet);
            var (merges, width) = Shape(bytes, sheet.Name);
            stream.Position = 0;
            // The range's end caps the columns at the sheet's used width and at MaxColumns: MiniExcel makes each row as wide as
            // the range (10,000 rows 1,000 columns wide took 29 s, 16 wide 0.1 s), and a sheet can say XFD.
            var rows = stream.QueryRange(useHeaderRow: false, sheetName: sheet.Name, excelType: ExcelType.XLSX, startCell: "A1",
                    endCell: ColumnName(Math.Min(width, MaxColumns) - 1) + "1048576")
                .Cast<IDictionary<string, object?>>()
                // MiniExcel yields every row from A1 on, an empty one for each row the sheet leaves out, so the position is Excel's row number.
                .Select((row, index) => (Number: index + 1, Cells: (IReadOnlyList<object?>)row.Values.Select(Cell).ToList()));
            return Table(Filled(rows, merges));
        }
        catch (Exception exception) when (exception is not DomainException and not OutOfMemoryException)
        {
            // MiniExcel's answers to a damaged package or sheet XML are of many types (XmlException, InvalidDataException,
            // FormatException…); each is a file the person can save again, never a 500.
            throw Refused(RuleTexts.ImportFileUnreadable);
        }
    }

    /// <summary>
    /// Each merged range's value in every cell it covers, as a person reading the sheet sees it (a customer merged down over
    /// its three deals is the customer of each). Done here rather than by MiniExcel's FillMergedCells, which fills only the
    /// covered cells the sheet's XML lists: a merge of unformatted cells may list none of them.
    /// </summary>
    private static IEnumerable<(int Number, IReadOnlyList<object?> Cells)> Filled(
        IEnumerable<(int Number, IReadOnlyList<object?> Cells)> rows, IReadOnlyList<CellRange> merges)
    {
        var values = new object?[merges.Count];
        foreach (var (number, cells) in rows)
        {
            var filled = cells.ToList();
            for (var m = 0; m < merges.Count; m++)
            {
                var merge = merges[m];
                if (number < merge.Top || number > merge.Bottom)
                {
                    continue;
                }

                if (number == merge.Top)
                {
                    values[m] = merge.Left < filled.Count ? filled[merge.Left] : null;
                }

                for (var c = merge.Left; c <= merge.Right; c++)
                {
                    while (filled.Count <= c)
                    {
                        filled.Add(null);
                    }

                    filled[c] = values[m];
                }
            }

            yield return (number, filled);
        }
    }

    /// <summary>
    /// The merged ranges of the sheet named <paramref name="sheetName"/> and its used width in columns (its dimension's, or
    /// else its rightmost cell's; at least 1): its part found through the workbook and its relationships.
    /// </summary>
    private static (IReadOnlyList<CellRange> Merges, int Width) Shape(byte[] bytes, string sheetName)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        var relationshipId = Attributes(zip, "xl/workbook.xml", "sheet")
            .FirstOrDefault(a => a.GetValueOrDefault("name") == sheetName)?
            .FirstOrDefault(a => a.Key.EndsWith(":id", StringComparison.Ordinal)).Value;
        var target = Attributes(zip, "xl/_rels/workbook.xml.rels", "Relationship").FirstOrDefault(a => a.GetValueOrDefault("Id") == relationshipId)?.GetValueOrDefault("Target");
        if (target is null)
        {
            return ([], MaxColumns);
        }

        var path = target.StartsWith('/') ? target[1..] : "xl/" + target;
        var merges = Attributes(zip, path, "mergeCell")
            .Select(a => CellRange.TryParse(a.GetValueOrDefault("ref"), out var range) ? range : (CellRange?)null)
            .OfType<CellRange>()
            .Where(r => r.Left < MaxColumns)
            .Select(r => r with { Right = Math.Min(r.Right, MaxColumns - 1) })
            .ToList();
        var dimension = Attributes(zip, path, "dimension").Select(a => a.GetValueOrDefault("ref")).FirstOrDefault();
        var width = CellRange.TryParse(dimension, out var used) ? used.Right + 1
            : Attributes(zip, path, "c").Select(a => CellRange.TryParse($"{a.GetValueOrDefault("r")}:A1", out var cell) ? cell.Right + 1 : 0).DefaultIfEmpty(1).Max();
        return (merges, Math.Max(1, width));
    }

    /// <summary>A zero-based column index as Excel names it: 0 → A, 25 → Z, 26 → AA.</summary>
    private static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>The attributes (by qualified name) of each <paramref name="element"/> in the part, read without loading it whole.</summary>
    private static IEnumerable<Dictionary<string, string>> Attributes(ZipArchive zip, string part, string element)
    {
        if (zip.GetEntry(part) is not { } entry)
        {
            yield break;
        }

        using var reader = System.Xml.XmlReader.Create(entry.Open(), new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null });
        while (reader.Read())
        {
            if (reader.NodeType == System.Xml.XmlNodeType.Element && reader.LocalName == element)
            {
                var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
                while (reader.MoveToNextAttribute())
                {
                    attributes[reader.Name] = reader.Value;
                }

                yield return attributes;
            }
        }
    }

    /// <summary>A rectangle of cells: rows as Excel numbers them (from 1), columns as zero-based indexes.</summary>
    private readonly record struct CellRange(int Top, int Left, int Bottom, int Right)
    {
        // "A2:C4"; a single cell ("B3") is no merge.
        public static bool TryParse(string? reference, out CellRange range)
        {
            range = default;
            var corners = reference?.Split(':');
            if (corners is not { Length: 2 } || !TryCell(corners[0], out var top, out var left) || !TryCell(corners[1], out var bottom, out var right))
            {
                return false;
            }

            range = new CellRange(Math.Min(top, bottom), Math.Min(left, right), Math.Max(top, bottom), Math.Max(left, right));
            return true;
        }

        private static bool TryCell(string cell, out int row, out int column)
        {
            row = 0;
            column = -1;
            var letters = cell.TakeWhile(char.IsAsciiLetterUpper).Count();
            if (letters is 0 or > 3 || !int.TryParse(cell.AsSpan(letters), NumberStyles.None, CultureInfo.InvariantCulture, out row) || row < 1)
            {
                return false;
            }

            column = cell[..letters].Aggregate(0, (n, c) => n * 26 + (c - 'A' + 1)) - 1;
            return true;
        }
    }

    /// <summary>
    /// Refuses a zip that is not a workbook (a .docx, any other zip) and one whose parts unpack too large, from the sizes
    /// its central directory declares, before MiniExcel opens it. System.IO.Compression stops reading an entry at its
    /// declared size, so a zip that understates its sizes cannot unpack further than this check allowed.
    /// </summary>
    private static void CheckPackage(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxParts)
            {
                throw Refused(RuleTexts.ImportFileUnpacksTooLarge(MaxUnpackedBytes));
            }

            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (entry.Length > MaxUnpackedBytes || total > MaxUnpackedBytes)
                {
                    throw Refused(RuleTexts.ImportFileUnpacksTooLarge(MaxUnpackedBytes));
                }
            }

            if (zip.GetEntry("[Content_Types].xml") is null || zip.GetEntry("xl/workbook.xml") is null)
            {
                throw Refused(RuleTexts.ImportFileNotSpreadsheet);
            }
        }
        catch (InvalidDataException)
        {
            throw Refused(RuleTexts.ImportFileNotSpreadsheet);
        }
    }

    /// <summary>
    /// The text of a file that is not a zip. A byte order mark names the encoding; without one, the bytes are UTF-8 if they
    /// are valid UTF-8 (GB18030's Chinese never is, as its lead bytes are not followed by UTF-8's continuation bytes), else
    /// GB18030. Bytes that are no text at all (a PDF, an image, an old .xls) are refused.
    /// </summary>
    private static string Decode(byte[] bytes)
    {
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Text(StrictUtf8, bytes, 3);
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Text(Encoding.Unicode, bytes, 2);
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Text(Encoding.BigEndianUnicode, bytes, 2);
        }

        // The compound-file signature of Excel 97–2003 (.xls) and of a password-protected .xlsx (encrypted inside one): asked to
        // be saved as .xlsx rather than called "not a spreadsheet".
        if (span.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            throw Refused(RuleTexts.ImportFileOldExcel);
        }

        // Text never holds NUL or most other C0 controls; a PDF, an image or any other binary does, within its first few kilobytes.
        if (LooksBinary(span[..Math.Min(span.Length, 8192)]))
        {
            throw Refused(RuleTexts.ImportFileNotSpreadsheet);
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Gb18030.Value.GetString(bytes);
        }
    }

    private static string Text(Encoding encoding, byte[] bytes, int preamble)
    {
        try
        {
            return encoding.GetString(bytes, preamble, bytes.Length - preamble);
        }
        catch (DecoderFallbackException)
        {
            throw Refused(RuleTexts.ImportFileUnreadable);
        }
    }

    private static bool LooksBinary(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF"u8))
        {
            return true;
        }

        foreach (var b in head)
        {
            // Tab, line feed, carriage return and form feed are text; every other control below 0x20 marks a binary file.
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C)
            {
                return true;
            }
        }

        return false;
    }

    private static ImportTable ReadCsv(string text)
    {
        var options = new CsvReaderOptions
        {
            Separator = Separator(text),
            HasHeader = false,
            // A blank line is a row a spreadsheet shows too: kept, so the numbers match what the person sees, then left out as empty.
            SkipEmptyLines = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        try
        {
            using var reader = CsvReader.Create(new StringReader(text), options, leaveOpen: false);
            return Table(Records(reader));
        }
        catch (CsvFormatException)
        {
            throw Refused(RuleTexts.ImportFileUnreadable);
        }
    }

    /// <summary>Each record with its number counted as a spreadsheet counts rows (a quoted line break stays in its row).</summary>
    private static IEnumerable<(int Number, IReadOnlyList<object?> Cells)> Records(CsvReader reader)
    {
        var number = 0;
        while (reader.Read())
        {
            number++;
            var cells = new object?[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = Cell(reader.GetString(i));
            }

            yield return (number, cells);
        }
    }

    /// <summary>
    /// The separator of the header line: whichever of comma, semicolon and tab it holds most of outside quotes (a comma for a
    /// single column). Excel writes semicolons where the decimal mark is a comma, and "Unicode text" with tabs. The header
    /// decides rather than CsvHelper's detection over the first lines, which a pipe or semicolon in the data can sway.
    /// </summary>
    private static char Separator(string text)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted)
            {
                if (c is '\r' or '\n' && commas + semicolons + tabs > 0)
                {
                    break;
                }

                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }

        return tabs > commas && tabs >= semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }

    /// <summary>
    /// The table from the file's rows (number as Excel shows it, cells in column order): the first non-empty row is the
    /// header, which must name at least one column in words; the columns are the header's, up to its last named one.
    /// </summary>
    private static ImportTable Table(IEnumerable<(int Number, IReadOnlyList<object?> Cells)> rows)
    {
        IReadOnlyList<string>? headers = null;
        var data = new List<ImportRow>();
        var lastKept = 0;
        foreach (var (number, cells) in rows)
        {
            if (cells.All(c => c is null))
            {
                if (number - lastKept > MaxBlankRows)
                {
                    break;
                }

                continue;
            }

            lastKept = number;
            if (headers is null)
            {
                if (!cells.Any(IsHeading))
                {
                    throw Refused(RuleTexts.ImportFileNoHeaderRow);
                }

                var texts = cells.Select(c => ImportCells.Text(c) ?? string.Empty).ToList();
                var width = texts.FindLastIndex(t => t.Length > 0) + 1;
                headers = texts.Take(width).ToList();
                continue;
            }

            var row = Enumerable.Range(0, headers.Count).Select(i => i < cells.Count ? cells[i] : null).ToList();
            if (row.All(c => c is null))
            {
                continue; // cells only beyond the named columns: nothing this import can take
            }

            if (data.Count == MaxRows)
            {
                throw Refused(RuleTexts.ImportFileTooManyRows(MaxRows));
            }

            data.Add(new ImportRow(number, row));
        }

        return new ImportTable(headers ?? throw Refused(RuleTexts.ImportFileNoHeaderRow), data);
    }

    /// <summary>A cell that names a column: words, not a number or a day (a sheet that starts with its data has no header row).</summary>
    private static bool IsHeading(object? cell) =>
        cell is string text && !ImportCells.TryAmount(text, out _) && !ImportCells.TryDay(text, out _);

    /// <summary>A cell as <see cref="ImportTable"/> holds it: blank text is empty (null); numbers as double.</summary>
    private static object? Cell(object? value) => value switch
    {
        null => null,
        string text => string.IsNullOrWhiteSpace(text) ? null : text,
        double or DateTime or bool => value,
        DateOnly day => day.ToDateTime(TimeOnly.MinValue),
        decimal or float or int or long or short or byte => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        _ => ImportCells.Text(value),
    };
}
