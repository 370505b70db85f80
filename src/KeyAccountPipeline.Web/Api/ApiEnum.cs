using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyAccountPipeline.Web.Api;

/// <summary>Enums travel as camelCase names ("contractLogistics"); numbers are not accepted.</summary>
internal static class ApiEnum
{
    public static bool IsValid<T>(string? text)
        where T : struct, Enum => TryParse<T>(text, out _);

    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        return !string.IsNullOrWhiteSpace(text)
            && !char.IsDigit(text.Trim()[0])
            && text.Trim()[0] != '-'
            && Enum.TryParse(text.Trim(), ignoreCase: true, out value)
            && Enum.IsDefined(value);
    }

    public static T Parse<T>(string? text)
        where T : struct, Enum =>
        TryParse<T>(text, out var value) ? value : throw new ArgumentException($"'{text}' is not a {typeof(T).Name}.");

    public static T? ParseOptional<T>(string? text)
        where T : struct, Enum => string.IsNullOrWhiteSpace(text) ? null : Parse<T>(text);

    /// <summary>The name a value travels under: Factor.Collaboration → "collaboration".</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static string Names<T>()
        where T : struct, Enum => string.Join(", ", Names(typeof(T)));

    /// <summary>Every name <paramref name="enumType"/> travels under, in declaration order.</summary>
    public static IEnumerable<string> Names(Type enumType) => Enum.GetNames(enumType).Select(JsonNamingPolicy.CamelCase.ConvertName);
}

/// <summary>
/// Reads and writes every enum of a request or an answer by its camelCase name (<see cref="ApiEnum"/>), so request
/// bodies bind typed values. A name the enum does not have, a number or a digit string is refused with
/// <see cref="JsonInputException"/>, which ApiExceptionHandler answers as 400 naming the field at its path
/// (<c>factor</c>, <c>evidence.kind</c>) with the allowed names: "'budget' is not one of: need, power, goal, value, collaboration."
/// </summary>
public sealed class ApiEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(NameConverter<>).MakeGenericType(typeToConvert))!;

    /// <summary>The message for a value that is not one of <typeparamref name="T"/>'s names (null: not a string at all).</summary>
    internal static string NotOneOf<T>(string? value)
        where T : struct, Enum => value is null
        ? $"Send one of: {ApiEnum.Names<T>()}."
        : $"'{value}' is not one of: {ApiEnum.Names<T>()}.";

    private sealed class NameConverter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        /// <exception cref="JsonInputException">Not a string, or not one of the enum's names.</exception>
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            return ApiEnum.TryParse<T>(text, out var value) ? value : throw new JsonInputException(NotOneOf<T>(text));
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(ApiEnum.Name(value));

        /// <summary>As a dictionary's key, the same names.</summary>
        /// <exception cref="JsonInputException">Not one of the enum's names.</exception>
        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return ApiEnum.TryParse<T>(text, out var value) ? value : throw new JsonInputException(NotOneOf<T>(text));
        }

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(ApiEnum.Name(value));
    }
}
