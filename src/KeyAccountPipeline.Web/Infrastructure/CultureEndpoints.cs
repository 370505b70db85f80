using KeyAccountPipeline.Data.Notifications;
using KeyAccountPipeline.Web.Auth;
using Microsoft.AspNetCore.Localization;

namespace KeyAccountPipeline.Web.Infrastructure;

/// <summary>
/// The language switch: remembers the choice in the culture cookie and goes back where the user was. A signed-in person's
/// choice is also kept on their <see cref="Domain.People.Person.Language"/>: their notifications, emails and digest reach them in
/// it (issue 17 §1). Keeping it never stops the switch: when the database is unavailable the page still changes language.
/// </summary>
internal static class CultureEndpoints
{
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/{name}", async (string name, string? returnUrl, HttpContext context, NotificationPreferences preferences, ILogger<NotificationPreferences> logger) =>
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
            if (context.User.ToActor() is { } actor)
            {
                try
                {
                    await preferences.ChooseLanguageAsync(actor.Id, culture.Name, context.RequestAborted);
                }
                catch (Exception error) when (DatabaseOutage.Is(error))
                {
                    logger.LogWarning(error, "The language of person {PersonId} was not kept: the database is unavailable", actor.Id);
                }
            }

            return Results.Redirect(LocalUrl.OrRoot(returnUrl));
        }).ExcludeFromDescription().AllowAnonymous();
        return app;
    }
}
