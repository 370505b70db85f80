using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using KeyAccountPipeline.Data.Deals;

namespace KeyAccountPipeline.Web.Api;

/// <summary>
/// The one place that says which read-model members the API leaves out of its JSON when they are null, so the read
/// models in Data stay plain records. A signal carries only the numbers that explain its flag; a timeline entry only the
/// part its <c>type</c> names; a card its <c>dataWarnings</c> only when a stored value was out of range. Every other
/// null is written as <c>null</c>, as the API has always answered.
/// </summary>
internal static class OmittedWhenNull
{
    private static readonly HashSet<Type> EveryMemberOf = [typeof(SignalView), typeof(TimelineEntry)];

    private static readonly HashSet<(Type Type, string Member)> Members = [(typeof(DealCard), nameof(DealCard.DataWarnings))];

    /// <summary>A <see cref="DefaultJsonTypeInfoResolver"/> modifier: the members above are written only when not null.</summary>
    public static void Apply(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var wholeType = EveryMemberOf.Contains(info.Type);
        foreach (var property in info.Properties)
        {
            if (wholeType || (property.AttributeProvider is MemberInfo member && Members.Contains((info.Type, member.Name))))
            {
                property.ShouldSerialize = static (_, value) => value is not null;
            }
        }
    }
}
