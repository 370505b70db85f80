using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using KeyAccountPipeline.Domain.Playbooks;

namespace KeyAccountPipeline.Web.Api;

/// <summary>
/// Writes a read model's <see cref="Localized"/> text (a stage's name, a ladder step) as one string in the caller's
/// language: the API's answers keep their shape (<c>"stage": { "name": "初步接触" }</c>) while Data stays
/// language-neutral. The language is the request's (request localization sets it before the endpoint's result is
/// written), or the one given when an answer is written outside that scope (<see cref="For"/>). Read models are never
/// read back, so reading a pair is refused.
/// </summary>
public sealed class LocalizedJsonConverter(CultureInfo? culture = null) : JsonConverter<Localized>
{
    private static readonly ConcurrentDictionary<(JsonSerializerOptions, string), JsonSerializerOptions> InCulture = new();

    /// <exception cref="JsonInputException">Always: no request body carries a read model's text.</exception>
    public override Localized Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new JsonInputException("This value is written by the server only.");

    public override void Write(Utf8JsonWriter writer, Localized value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.For(culture ?? CultureInfo.CurrentUICulture));

    /// <summary>
    /// The given options with texts written in <paramref name="language"/>: for an answer written outside request
    /// localization's scope (the exception handler's conflict card).
    /// </summary>
    public static JsonSerializerOptions For(JsonSerializerOptions options, CultureInfo language) =>
        InCulture.GetOrAdd((options, language.Name), key =>
        {
            var copy = new JsonSerializerOptions(key.Item1);
            var existing = copy.Converters.OfType<LocalizedJsonConverter>().ToList();
            foreach (var converter in existing)
            {
                copy.Converters.Remove(converter);
            }

            copy.Converters.Insert(0, new LocalizedJsonConverter(language));
            return copy;
        });
}
