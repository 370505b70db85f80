using System.Security.Claims;
using KeyAccountPipeline.Data.Imports;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Web.Auth;
using KeyAccountPipeline.Web.Export;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace KeyAccountPipeline.Web.Api;

/// <summary>
/// Importing deals from an .xlsx or .csv file (issue 16 §7), for managers and admins (403 for a rep): upload
/// (<c>multipart/form-data</c>, the file in the field <c>file</c>) answers 201 with the preview; the preview again, the
/// columns' fields, the commit (200 with the outcome once committed; 409 for an import that has already run), the rows with
/// errors as an .xlsx, the template in the request's language, and the list of kept imports. Bad input is 400 naming the
/// field (<c>file</c>, <c>mapping</c>, <c>matches</c>); a body over the upload limit 413 naming <c>file</c>.
/// </summary>
internal static class ImportEndpoints
{
    /// <summary>The most a request body may carry: the file's own limit and room for the form's framing.</summary>
    public const long UploadLimit = ImportFiles.MaxBytes + (64 * 1024);

    private const string Xlsx = ImportDownloads.Xlsx;

    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Imports").RequireAuthorization(ApiPolicies.Manager).AddEndpointFilter(AnswerConflictsAsync);
        api.MapPost("/imports", UploadAsync).Accepts<UploadForm>("multipart/form-data").ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithMetadata(new RequestSizeLimitAttribute(UploadLimit));
        api.MapGet("/imports", async (ClaimsPrincipal user, ImportService imports, CancellationToken ct) =>
            TypedResults.Ok(await imports.ListAsync(user.RequireActor(), ct)));
        api.MapGet("/imports/template.xlsx", ImportDownloads.TemplateFileAsync).Produces<byte[]>(contentType: Xlsx);
        api.MapGet("/imports/{id:guid}", async (Guid id, ClaimsPrincipal user, ImportService imports, CancellationToken ct) =>
            TypedResults.Ok(await imports.PreviewAsync(id, user.RequireActor(), ct)));
        api.MapPut("/imports/{id:guid}/mapping", async (Guid id, ImportMappingRequest request, ClaimsPrincipal user, ImportService imports, CancellationToken ct) =>
            TypedResults.Ok(await imports.MapAsync(id, request.Mapping ?? [], user.RequireActor(), ct)))
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/imports/{id:guid}/commit", async (Guid id, ImportCommitRequest? request, ClaimsPrincipal user, ImportService imports, CancellationToken ct) =>
            TypedResults.Ok(await imports.CommitAsync(id, request ?? new ImportCommitRequest(null), user.RequireActor(), null, ct)))
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/imports/{id:guid}/errors.xlsx", ImportDownloads.ErrorsFileAsync).Produces<byte[]>(contentType: Xlsx);
        return app;
    }

    /// <summary>
    /// Reads the form itself, so a body over <see cref="UploadLimit"/> is refused by its length (413 naming <c>file</c>) and a
    /// missing file is 400 naming <c>file</c>; the file's own faults are the service's (<see cref="ImportFiles.Read"/>).
    /// </summary>
    private static async Task<Results<Created<ImportPreview>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        HttpRequest request, ClaimsPrincipal user, ImportService imports, CancellationToken ct)
    {
        var actor = user.RequireActor();
        if (request.ContentLength > UploadLimit)
        {
            return TooLarge();
        }

        IFormFile? file;
        try
        {
            file = request.HasFormContentType
                ? (await new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = UploadLimit }).ReadFormAsync(ct)).Files.GetFile("file")
                : null;
        }
        catch (Exception error) when (error is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return TooLarge();
        }

        if (file is null)
        {
            return Problems.Field("file", RuleTexts.ImportNoFile.Current);
        }

        await using var content = file.OpenReadStream();
        var preview = await imports.UploadAsync(content, file.FileName, actor, ct);
        return TypedResults.Created($"/api/imports/{preview.Id}", preview);
    }

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(new HttpValidationProblemDetails(
        new Dictionary<string, string[]> { ["file"] = [RuleTexts.ImportUploadTooLarge(ImportFiles.MaxBytes / (1024 * 1024)).Current] })
    {
        Status = StatusCodes.Status413PayloadTooLarge,
        Title = "The file is too large.",
    });

    /// <summary>An import that has already run answers 409, whichever call met it.</summary>
    private static async ValueTask<object?> AnswerConflictsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ImportConflictException conflict)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict.", detail: conflict.Text.Current);
        }
    }

    /// <summary>The upload's form, as the OpenAPI document describes it: the file in the field <c>file</c>.</summary>
    internal sealed record UploadForm(IFormFile File);
}

/// <summary>The field of each of the file's columns, in order (camelCase names; null: the column is left out).</summary>
public sealed record ImportMappingRequest(IReadOnlyList<ImportField?>? Mapping);
