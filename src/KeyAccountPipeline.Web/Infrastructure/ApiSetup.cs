using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Web.Api;
using KeyAccountPipeline.Web.Auth;
using KeyAccountPipeline.Web.Export;
using KeyAccountPipeline.Web.Notifications;
using Microsoft.AspNetCore.Localization;

namespace KeyAccountPipeline.Web.Infrastructure;

internal static class ApiSetup
{
    public static readonly CultureInfo[] Cultures = [new("en"), new("zh-CN"), new("zh")];

    public static IHostApplicationBuilder AddPipelineApi(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            // Enums by their camelCase names both ways; a wrong name is refused with 400 listing the allowed ones.
            options.SerializerOptions.Converters.Add(new ApiEnumConverter());
            // Numbers are never rounded and instants never read in the host's zone: both refused with 400 naming the field.
            options.SerializerOptions.Converters.Add(new ExactDecimalConverter());
            options.SerializerOptions.Converters.Add(new OffsetRequiredConverter());
            // Read models carry texts in both languages; an answer has them in the request's.
            options.SerializerOptions.Converters.Add(new LocalizedJsonConverter());
            // Which read-model members are left out when null: one list, in OmittedWhenNull.
            options.SerializerOptions.TypeInfoResolver = (options.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(OmittedWhenNull.Apply);
        });
        // Malformed JSON reaches ApiExceptionHandler as an exception, so it is answered with the field's name.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.AddPipelineOpenApi();

        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) =>
            member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = ValidatorOptions.Global.PropertyNameResolver;
        // Nested validators are parts their parent builds with arguments (a text's length limit); registered on their
        // own, they fail Development's start-up check of every service (`dotnet run` uses Development).
        // The services' requests are validated beside them in Data; the Web's own requests here.
        builder.Services.AddValidatorsFromAssemblies([typeof(CreateDealValidator).Assembly, typeof(PlaybookDocumentValidator).Assembly],
            ServiceLifetime.Singleton, filter: scan => !scan.ValidatorType.IsNested, includeInternalTypes: true);

        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("en");
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
        });
        return builder;
    }

    public static WebApplication MapPipelineApi(this WebApplication app)
    {
        app.MapAuthEndpoints();
        app.MapDirectoryEndpoints();
        app.MapDealEndpoints();
        app.MapCorrectionEndpoints();
        app.MapPlaybookEndpoints();
        app.MapUserEndpoints();
        app.MapInsightEndpoints();
        app.MapExportEndpoints();
        app.MapReviewEndpoints();
        app.MapImportEndpoints();
        app.MapNotificationInbox();
        app.MapDeliveryEndpoints();
        app.MapChannelEndpoints();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapPipelineOpenApi();
        return app;
    }
}
