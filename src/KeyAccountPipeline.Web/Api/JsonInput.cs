using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyAccountPipeline.Web.Api;

/// <summary>
/// A JSON value the API refuses on purpose, with a message meant for the client; ApiExceptionHandler answers it as
/// 400 naming the field at its path (<c>annualValue</c>, <c>occurredAt</c>), in place of the generic "not valid JSON".
/// </summary>
public sealed class JsonInputException(string message) : JsonException(message);

/// <summary>
/// Reads a JSON number as a decimal only when the decimal holds it exactly. System.Text.Json rounds a literal with more
/// digits than a decimal keeps (<c>1.999999999999999999999999999999</c> becomes 2); that value is refused here
/// instead, and the validators then refuse what is exact but has more decimals than the field means (fen for yuan).
/// </summary>
public sealed class ExactDecimalConverter : JsonConverter<decimal>
{
    /// <exception cref="JsonInputException">Not a number, too large for a decimal, or not exactly representable.</exception>
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonInputException("Send a number.");
        }

        var literal = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        if (!reader.TryGetDecimal(out var value) || Normalized(literal) is not { } exact || exact != Normalized(value.ToString(CultureInfo.InvariantCulture)))
        {
            throw new JsonInputException($"The number {Shortened(literal)} is too large or has more digits than can be kept exactly; it is not rounded.");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);

    /// <summary>
    /// A number's significant digits and power of ten (<c>1.50</c> and <c>15e-1</c> alike: "15", -1), zero as ("0", 0);
    /// null for an exponent beyond any decimal.
    /// </summary>
    private static (bool Negative, string Digits, long Exponent)? Normalized(string number)
    {
        var negative = number.StartsWith('-');
        var text = number.TrimStart('-', '+');
        var e = text.IndexOfAny(['e', 'E']);
        long exponent = 0;
        if (e >= 0 && !long.TryParse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
        {
            return null;
        }

        var mantissa = e < 0 ? text : text[..e];
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            exponent -= mantissa.Length - dot - 1;
            mantissa = mantissa.Remove(dot, 1);
        }

        var digits = mantissa.TrimStart('0');
        var trimmed = digits.TrimEnd('0');
        exponent += digits.Length - trimmed.Length;
        return trimmed.Length == 0 ? (false, "0", 0) : (negative, trimmed, exponent);
    }

    private static string Shortened(string literal) => literal.Length > 40 ? literal[..40] + "…" : literal;
}

/// <summary>
/// Reads an instant only with its UTC offset (<c>Z</c> or <c>±hh:mm</c>). Without one, System.Text.Json would read it
/// in the server process's zone, so the same request would mean different instants on different hosts.
/// </summary>
public sealed class OffsetRequiredConverter : JsonConverter<DateTimeOffset>
{
    public const string Message = "Include a UTC offset (Z or ±hh:mm), e.g. 2026-11-29T20:00:00+08:00.";

    /// <exception cref="JsonInputException">Not an ISO 8601 date and time with a UTC offset.</exception>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonInputException("Send the time as an ISO 8601 string. " + Message);
        }

        var text = reader.GetString()!;
        if (!HasOffset(text))
        {
            throw new JsonInputException(Message);
        }

        return reader.TryGetDateTimeOffset(out var value)
            ? value
            : throw new JsonInputException("Send an ISO 8601 date and time. " + Message);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>A time part (after 'T') that ends in Z or ±hh:mm.</summary>
    private static bool HasOffset(string text)
    {
        var time = text.IndexOfAny(['T', 't']);
        if (time < 0)
        {
            return false;
        }

        var rest = text[time..];
        if (rest.EndsWith('Z') || rest.EndsWith('z'))
        {
            return true;
        }

        return rest.Length >= 6 && rest[^6] is '+' or '-' && char.IsAsciiDigit(rest[^5]) && char.IsAsciiDigit(rest[^4])
            && rest[^3] == ':' && char.IsAsciiDigit(rest[^2]) && char.IsAsciiDigit(rest[^1]);
    }
}
