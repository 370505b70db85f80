using System.Text.Json;

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
        where T : struct, Enum => string.Join(", ", Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName));
}
