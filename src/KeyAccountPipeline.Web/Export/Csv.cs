using CsvHelper;

namespace KeyAccountPipeline.Web.Export;

/// <summary>
/// A CSV file as RFC 4180 writes it (CRLF line ends; a field with a comma, quote or line break in double quotes,
/// quotes doubled) in UTF-8 with a byte order mark, without which Excel reads Chinese as mojibake. A text cell
/// starting with = + - @ (or a tab or carriage return) gets a leading single quote, so a spreadsheet shows it
/// rather than running it as a formula (CSV injection); numbers are written as they are. CsvHelper writes it (issue 16 §8:
/// the import reads CSV with the same library); this class keeps the export's choices in one place.
/// </summary>
public sealed class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    // CsvHelper's defaults are RFC 4180 with CRLF; its injection characters are OWASP's = @ + - tab CR, escaped with '.
    private static readonly CsvWriterOptions Options = new()
    {
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
        ValidateFieldCount = false,
    };

    private readonly MemoryStream _bytes = new();
    private readonly CsvWriter _writer;

    public Csv(params string[] header)
    {
        _writer = CsvWriter.Create(_bytes, Options, leaveOpen: true);
        foreach (var name in header)
        {
            Text(name);
        }

        EndRow();
    }

    /// <summary>A cell from free text: guarded against formulas, quoted when it must be.</summary>
    public Csv Text(string? value)
    {
        _writer.WriteField(value ?? string.Empty);
        return this;
    }

    /// <summary>A cell the program formatted itself (a number, a date, a key), in the invariant culture, written as is.</summary>
    public Csv Value<T>(T value, string? format = null)
        where T : IUtf8SpanFormattable
    {
        _writer.WriteField(value, format);
        return this;
    }

    public Csv EndRow()
    {
        _writer.EndRecord();
        return this;
    }

    /// <summary>The file's bytes; the file is finished (nothing more can be written).</summary>
    public byte[] ToBytes()
    {
        _writer.Dispose();
        return _bytes.ToArray();
    }
}
