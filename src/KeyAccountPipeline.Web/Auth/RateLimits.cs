using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using KeyAccountPipeline.Web.Api;
using KeyAccountPipeline.Web.Infrastructure;
using KeyAccountPipeline.Web.Texts;

namespace KeyAccountPipeline.Web.Auth;

/// <summary>
/// Rate limits (decision 0014), fixed windows of <see cref="Window"/>: <see cref="PerAddress"/> sign-in requests per client
/// address (the sign-in form's POST, <c>/api/auth/token</c>, <c>/api/auth/refresh</c>), <see cref="PerAccount"/> attempts
/// per account (<see cref="SignInLimiter"/>) and <see cref="ApiPerPerson"/> other API requests per signed-in person (per
/// address before sign-in). Settings <c>Auth:RateLimit:WindowSeconds</c>, <c>:SignInPerAddress</c>, <c>:SignInPerAccount</c>,
/// <c>:ApiPerPerson</c>; a value out of range stops the start.
/// </summary>
public sealed record RateLimitSettings(TimeSpan Window, int PerAddress, int PerAccount, int ApiPerPerson)
{
    public static RateLimitSettings Read(IConfiguration configuration) => new(
        TimeSpan.FromSeconds(Settings.Int(configuration, "Auth:RateLimit:WindowSeconds", 60, min: 1, max: 3600)),
        Settings.Int(configuration, "Auth:RateLimit:SignInPerAddress", 30, min: 1, max: 1_000_000),
        Settings.Int(configuration, "Auth:RateLimit:SignInPerAccount", 10, min: 1, max: 1_000_000),
        Settings.Int(configuration, "Auth:RateLimit:ApiPerPerson", 600, min: 1, max: 1_000_000));
}

internal static class RateLimits
{
    /// <summary>ASP.NET Core's rate limiter with one global, partitioned limiter: sign-in by address, the rest of /api by person.</summary>
    public static IHostApplicationBuilder AddPipelineRateLimits(this IHostApplicationBuilder builder)
    {
        var settings = RateLimitSettings.Read(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<SignInLimiter>();
        builder.Services.AddScoped<PasswordSignIn>();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context) switch
            {
                null => RateLimitPartition.GetNoLimiter(string.Empty),
                var (key, limit) => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit(settings),
                    Window = settings.Window,
                    QueueLimit = 0,
                }),
            });
            options.OnRejected = (context, _) => new ValueTask(RejectAsync(context.HttpContext, SignInLimiter.RetryAfter(context.Lease)));
        });
        return builder;
    }

    /// <summary>The partition of a request, or null when it is not limited (pages, static files, health).</summary>
    private static (string Key, Func<RateLimitSettings, int> Limit)? Partition(HttpContext context)
    {
        var request = context.Request;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (IsSignIn(request))
        {
            return ("sign-in:" + address, s => s.PerAddress);
        }

        if (ApiStatusCodes.IsApi(request.Path))
        {
            var person = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
            return (person is null ? "api-address:" + address : "api-person:" + person, s => s.ApiPerPerson);
        }

        return null;
    }

    private static bool IsSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.Equals(AuthSetup.SignInPath, StringComparison.OrdinalIgnoreCase)
            || request.Path.Equals("/api/auth/token", StringComparison.OrdinalIgnoreCase)
            || request.Path.Equals("/api/auth/refresh", StringComparison.OrdinalIgnoreCase));

    /// <summary>Sets 429 and <c>Retry-After</c> on <paramref name="response"/>; returns the seconds, at least 1, rounded up.</summary>
    public static int MarkTooMany(HttpResponse response, TimeSpan retryAfter)
    {
        var seconds = (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds));
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }

    /// <summary>
    /// 429 with <c>Retry-After</c> (whole seconds): problem details under /api, a short text elsewhere (the sign-in form's POST).
    /// </summary>
    public static Task RejectAsync(HttpContext http, TimeSpan retryAfter)
    {
        var seconds = MarkTooMany(http.Response, retryAfter);
        var detail = Ui.TooManyRequests.Format(seconds);
        return ApiStatusCodes.IsApi(http.Request.Path)
            ? TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.", detail: detail).ExecuteAsync(http)
            : TypedResults.Text(detail, "text/plain; charset=utf-8", statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http);
    }
}
