using KeyAccountPipeline.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyAccountPipeline.Data.Configurations;

internal static class ConfigurationExtensions
{
    /// <summary>Enums are stored by name, so the database reads like the API.</summary>
    public static PropertyBuilder<T> IsEnumText<T>(this PropertyBuilder<T> property) =>
        property.HasConversion<string>().HasMaxLength(Limits.EnumText);

    public static ComplexTypePropertyBuilder<T> IsEnumText<T>(this ComplexTypePropertyBuilder<T> property) =>
        property.HasConversion<string>().HasMaxLength(Limits.EnumText);
}
