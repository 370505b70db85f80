using System.Globalization;
using System.Security.Claims;
using KeyAccountPipeline.Data.Imports;
using KeyAccountPipeline.Data.Playbooks;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Web.Auth;
using KeyAccountPipeline.Web.Texts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KeyAccountPipeline.Web.Export;

/// <summary>
/// The import page's two downloads for the signed-in browser's cookie (the API under /api takes bearer tokens only, as
/// <see cref="ExportEndpoints"/> explains): the template in the request's language, and an import's rows with errors. The
/// same files as <c>GET /api/imports/template.xlsx</c> and <c>GET /api/imports/{id}/errors.xlsx</c>; managers and admins
/// only (a rep is sent to the "not allowed" page, someone signed out to the sign-in page). GET only, nothing changes.
/// </summary>
internal static class ImportDownloads
{
    /// <summary>The .xlsx media type.</summary>
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapImportDownloads(this IEndpointRouteBuilder app)
    {
        var managers = new AuthorizeAttribute { Roles = "Manager,Admin" };
        app.MapGet("/imports/template.xlsx", TemplateFileAsync).ExcludeFromDescription().RequireAuthorization(managers).AllowCookieRedirect();
        app.MapGet("/imports/{id:guid}/errors.xlsx", ErrorsAsync).ExcludeFromDescription().RequireAuthorization(managers).AllowCookieRedirect();
        return app;
    }

    /// <summary>The template to fill in, its columns in the reader's language (this route and <c>GET /api/imports/template.xlsx</c>).</summary>
    internal static async Task<FileContentHttpResult> TemplateFileAsync(PlaybookStore playbooks, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentUICulture;
        return TypedResults.File(ImportWorkbooks.Template(await playbooks.CurrentAsync(ct), culture), Xlsx,
            $"{Ui.ImportTemplateFile.For(culture)}.xlsx");
    }

    /// <summary>The rows with errors and an "error" column; the app's not-found page for an import that does not exist.</summary>
    private static async Task<Results<FileContentHttpResult, NotFound>> ErrorsAsync(Guid id, ClaimsPrincipal user, ImportService imports, CancellationToken ct)
    {
        try
        {
            return await ErrorsFileAsync(id, user, imports, ct);
        }
        catch (NotFoundException)
        {
            return TypedResults.NotFound();
        }
    }

    /// <summary>An import's rows with errors and an "error" column in the reader's language (this page's route and <c>GET /api/imports/{id}/errors.xlsx</c>).</summary>
    /// <exception cref="NotFoundException">No such import.</exception>
    internal static async Task<FileContentHttpResult> ErrorsFileAsync(Guid id, ClaimsPrincipal user, ImportService imports, CancellationToken ct) =>
        TypedResults.File(await imports.ErrorsFileAsync(id, CultureInfo.CurrentUICulture, user.RequireActor(), ct), Xlsx, $"import-errors-{id:N}.xlsx");
}
