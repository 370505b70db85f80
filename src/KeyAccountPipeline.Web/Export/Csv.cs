using System.Text;

namespace KeyAccountPipeline.Web.Export;

/// <summary>
/// A CSV file as RFC 4180 writes it (CRLF line ends; a field with a comma, quote or line break in double quotes,
/// quotes doubled) in UTF-8 with a byte order mark, without which Excel reads Chinese as mojibake. A text cell
/// starting with = + - @ (or a tab or carriage return) gets a leading single quote, so a spreadsheet shows it
/// rather than running it as a formula (CSV injection); numbers are written as they are.
/// </summary>
public sealed class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private readonly StringBuilder _text = new();
    private bool _lineStarted;

    public Csv(params string[] header)
    {
        foreach (var name in header)
        {
            Text(name);
        }

        EndRow();
    }

    /// <summary>A cell from free text: guarded against formulas, quoted when it must be.</summary>
    public Csv Text(string? value)
    {
        var cell = value ?? string.Empty;
        if (cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            cell = "'" + cell;
        }

        return Cell(cell);
    }

    /// <summary>A cell the program formatted itself (a number, a date, a key), written as is.</summary>
    public Csv Value(IFormattable value, string? format = null) =>
        Cell(value.ToString(format, System.Globalization.CultureInfo.InvariantCulture));

    public Csv EndRow()
    {
        _text.Append("\r\n");
        _lineStarted = false;
        return this;
    }

    public byte[] ToBytes()
    {
        var preamble = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(_text.ToString());
        return [.. preamble, .. body];
    }

    private Csv Cell(string cell)
    {
        if (_lineStarted)
        {
            _text.Append(',');
        }

        _lineStarted = true;
        if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            _text.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            _text.Append(cell);
        }

        return this;
    }
}
