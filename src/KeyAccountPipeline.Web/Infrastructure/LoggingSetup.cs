using System.Globalization;
using Serilog;

namespace KeyAccountPipeline.Web.Infrastructure;

internal static class LoggingSetup
{
    /// <summary>Serilog, configured from the "Serilog" settings, writing to the console (requests are logged by Program.cs).</summary>
    public static IHostApplicationBuilder AddPipelineLogging(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture));
        return builder;
    }
}
