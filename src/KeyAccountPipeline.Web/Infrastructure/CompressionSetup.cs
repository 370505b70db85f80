using System.IO.Compression;
using KeyAccountPipeline.Web.Api;
using Microsoft.AspNetCore.ResponseCompression;

namespace KeyAccountPipeline.Web.Infrastructure;

/// <summary>
/// The API's answers compressed on the wire (ASP.NET Core response compression: Brotli, else gzip, as the client's
/// <c>Accept-Encoding</c> asks; RFC 9110 §12.5.3): the board's JSON is large and repetitive (issue 18). Only under <c>/api</c>, and
/// not <c>/api/auth</c>, whose answers carry tokens: compressing a secret beside text an attacker chose is what BREACH reads
/// (OWASP), and the API's other answers carry no secret. Pages are not compressed here: their HTML is small since the board
/// is drawn by the circuit, and static files are precompressed by MapStaticAssets.
/// </summary>
internal static class CompressionSetup
{
    public static IHostApplicationBuilder AddApiCompression(this IHostApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true; // see above: no secret is compressed
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["application/json", "application/problem+json", "text/csv"];
        });
        // Brotli at .NET's "optimal" (quality 4; its "fastest", quality 1, left the board at a third of its size where gzip's
        // fastest made it a sixth) and gzip at its fastest: milliseconds for a board of thousands of deals on 2 cores.
        builder.Services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        builder.Services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        return builder;
    }

    public static WebApplication UseApiCompression(this WebApplication app)
    {
        app.UseWhen(
            context => ApiStatusCodes.IsApi(context.Request.Path) && !context.Request.Path.StartsWithSegments("/api/auth"),
            api => api.UseResponseCompression());
        return app;
    }
}
