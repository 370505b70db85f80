using Microsoft.AspNetCore.Localization;

namespace KeyAccountPipeline.Web.Infrastructure;

/// <summary>The language switch: remembers the choice in the culture cookie and goes back where the user was.</summary>
internal static class CultureEndpoints
{
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/{name}", (string name, string? returnUrl, HttpContext context) =>
        {
            var culture = ApiSetup.Cultures.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
            if (culture is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown language.",
                    detail: $"'name' must be one of: {string.Join(", ", ApiSetup.Cultures.Select(c => c.Name))}.");
            }

            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.Redirect(LocalUrl.OrRoot(returnUrl));
        }).ExcludeFromDescription().AllowAnonymous();
        return app;
    }
}
