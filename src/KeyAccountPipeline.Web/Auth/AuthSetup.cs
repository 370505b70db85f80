using KeyAccountPipeline.Data;
using KeyAccountPipeline.Data.Identity;
using KeyAccountPipeline.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace KeyAccountPipeline.Web.Auth;

internal static class AuthSetup
{
    public const string SignInPath = "/account/login";

    /// <summary>Where a signed-in person whose role may not open a page is sent: "not allowed" in the app, answered 403.</summary>
    public const string NotAllowedPath = "/not-allowed";

    /// <summary>The Data Protection application name: every instance must use the same one to read each other's cookies.</summary>
    public const string ApplicationName = "KeyAccountPipeline";

    /// <summary>
    /// ASP.NET Core Identity over the pipeline's database: the browser signs in with a cookie, API clients with
    /// Identity's bearer tokens. Pages need a signed-in person (fallback policy); the API its own policies.
    /// </summary>
    public static IHostApplicationBuilder AddPipelineAuth(this IHostApplicationBuilder builder)
    {
        var settings = AuthSettings.Read(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(settings);

        // Cookies, bearer tokens, antiforgery tokens and circuit ids are protected with keys kept in the
        // database, so that every app instance on it reads what another issued (README: several instances).
        services.AddDataProtection()
            .PersistKeysToDbContext<PipelineDbContext>()
            .SetApplicationName(ApplicationName);

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddBearerToken(IdentityConstants.BearerScheme, options =>
            {
                options.BearerTokenExpiration = settings.TokenLifetime;
                // Never longer than the session it belongs to (which the refresh checks anyway).
                options.RefreshTokenExpiration = settings.AbsoluteLifetime;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = SignInPath;
            options.AccessDeniedPath = NotAllowedPath;
            options.Cookie.Name = "kap.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(12);
            options.SlidingExpiration = true;
            // The browser is sent to the sign-in page; an API client is told the status (the API answers JSON, never a page).
            var toSignIn = options.Events.OnRedirectToLogin;
            var toDenied = options.Events.OnRedirectToAccessDenied;
            options.Events.OnRedirectToLogin = context => ApiStatusCodes.IsApi(context.Request.Path) ? Refuse(context, StatusCodes.Status401Unauthorized) : toSignIn(Relative(context));
            options.Events.OnRedirectToAccessDenied = context => ApiStatusCodes.IsApi(context.Request.Path) ? Refuse(context, StatusCodes.Status403Forbidden) : toDenied(Relative(context));
            // Every request, against the server-side session (instead of Identity's security stamp check every few minutes).
            options.Events.OnValidatePrincipal = SessionCookie.ValidateAsync;
        });

        services.AddIdentityCore<PipelineUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = settings.MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = settings.Lockout;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddUserManager<PipelineUserManager>()
            .AddSignInManager<PipelineSignInManager>()
            .AddClaimsPrincipalFactory<PipelineClaimsFactory>()
            .AddEntityFrameworkStores<PipelineDbContext>()
            .AddDefaultTokenProviders();

        services.AddSingleton<SessionCheck>();
        services.AddSingleton<SignInSessions>();
        services.AddSingleton<IAuthorizationHandler, CurrentSessionHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
        services.AddAuthorization(options =>
        {
            // Pages need a signed-in cookie. Every API endpoint names its own policy; a request under /api that routing answers
            // itself (415 for a body that is not JSON) is let through to that answer rather than challenged: a bearer client
            // has no cookie. Unknown paths and methods under /api are answered before authorization (ApiStatusCodes).
            options.FallbackPolicy = new AuthorizationPolicyBuilder(IdentityConstants.ApplicationScheme)
                .RequireAssertion(context => context.User.Identities.Any(i => i.IsAuthenticated) || ApiStatusCodes.IsUnrouted(context.Resource as HttpContext))
                .Build();
            ApiPolicies.Add(options);
        });
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingStateProvider>();
        services.AddScoped<UserAccounts>();
        services.AddScoped<CurrentUser>();
        services.AddCircuitLimit();
        services.AddHostedService<AccountsStartup>();
        return builder;
    }

    /// <summary>
    /// The cookie handler builds an absolute sign-in address from the request's Host header; only its path and query are
    /// sent, so a forged Host is never echoed back in a Location (host filtering refuses foreign hosts first, where set).
    /// </summary>
    private static RedirectContext<CookieAuthenticationOptions> Relative(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (Uri.TryCreate(context.RedirectUri, UriKind.Absolute, out var absolute))
        {
            context.RedirectUri = absolute.PathAndQuery;
        }

        return context;
    }

    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
