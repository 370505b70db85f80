using System.Globalization;

namespace KeyAccountPipeline.Web.Infrastructure;

/// <summary>Reads settings strictly: a value that is present but malformed stops the app with a message naming the key.</summary>
internal static class Settings
{
    public static bool? Bool(IConfiguration configuration, string key)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return bool.TryParse(text, out var value)
            ? value
            : throw Invalid(key, text, "true or false");
    }

    public static int Int(IConfiguration configuration, string key, int fallback, int min, int max)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Invalid(key, text, string.Create(CultureInfo.InvariantCulture, $"a whole number from {min} to {max}"));
    }

    public static T Choice<T>(IConfiguration configuration, string key, T fallback)
        where T : struct, Enum
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return Enum.TryParse<T>(text, ignoreCase: true, out var value) && !char.IsDigit(text.Trim()[0])
            ? value
            : throw Invalid(key, text, string.Join(" or ", Enum.GetNames<T>()));
    }

    public static InvalidOperationException Invalid(string key, string? value, string expected) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Setting '{key}' has the value '{value}'; expected {expected}."));
}
