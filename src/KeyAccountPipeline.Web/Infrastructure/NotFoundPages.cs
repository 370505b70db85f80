using KeyAccountPipeline.Web.Api;

namespace KeyAccountPipeline.Web.Infrastructure;

/// <summary>
/// An address no page or file answers (<c>/nope</c>, <c>/deals/not-a-guid</c>) shows the app's own not-found page in the app's
/// layout and language, still with status 404, instead of the browser's bare one. Under /api a miss stays JSON problem
/// details (<see cref="ApiStatusCodes"/>, decision 0010), and other bodiless errors (400, 405) keep their status alone.
/// </summary>
internal static class NotFoundPages
{
    /// <summary>The not-found page's own address (Components/Layout/NotFound.razor).</summary>
    public const string Path = "/not-found";

    /// <summary>Goes after <see cref="ApiStatusCodes.UseApiStatusCodes"/> and before authentication, so the page is rendered for the signed-in person (and an anonymous one is sent to sign in, as for any page).</summary>
    public static IApplicationBuilder UseNotFoundPage(this IApplicationBuilder app)
    {
        app.UseStatusCodePagesWithReExecute(Path, createScopeForStatusCodePages: true);
        return app.Use(async (context, next) =>
        {
            await next(context);
            if ((context.Response.StatusCode != StatusCodes.Status404NotFound || ApiStatusCodes.IsApi(context.Request.Path))
                && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }
        });
    }
}
