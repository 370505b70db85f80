using System.Globalization;
using System.Text.Json;
using KeyAccountPipeline.Data.Deals;
using KeyAccountPipeline.Domain;
using KeyAccountPipeline.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace KeyAccountPipeline.Web.Api;

/// <summary>
/// Turns broken rules into answers a client can act on: 400 naming the field, 404 for the app's own <see cref="NotFoundException"/> only
/// (a <see cref="KeyNotFoundException"/> is a bug, not a missing record), and 409 with
/// the deal's current card (or the playbook's current version), 503 with Retry-After when the database is unavailable, 403 when the signed-in person's role does not allow the change. Anything else stays a 500 and is logged.
/// </summary>
internal sealed class ApiExceptionHandler(
    IProblemDetailsService problems, DealQueries queries, IOptions<JsonOptions> json, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The handler runs outside request localization's scope: take the request's language from its feature.
        var culture = httpContext.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture;
        ProblemDetails? problem = exception switch
        {
            // First: a database that is down, frozen or out of connections fails any call, the session check included.
            _ when DatabaseOutage.Is(exception) => Unavailable(httpContext),
            // Before DomainException: an edited playbook answers with every broken rule, not just the first.
            PlaybookValidationException playbook => Validation(playbook.Errors, culture),
            DomainException domain => Validation(domain.Field, domain.Text.For(culture)),
            // A service's request refused by its validator (the endpoint's filter runs the same one first, so rarely seen here).
            FluentValidation.ValidationException invalid => new HttpValidationProblemDetails(invalid.Errors
                .GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request has invalid fields.",
            },
            BadHttpRequestException { InnerException: JsonException json } => Validation(FieldOf(json.Path),
                json is JsonInputException ? json.Message : "The value is not valid JSON for this field."),
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read.", Detail = bad.Message },
            NotFoundException notFound => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found.", Detail = notFound.Message },
            AccessDeniedException denied => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden.", Detail = denied.Text.For(culture) },
            DealConflictException conflict => await ConflictAsync(conflict, culture, httpContext, cancellationToken),
            PlaybookConflictException conflict => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Conflict.",
                Detail = conflict.Text.For(culture),
                Extensions = { ["currentVersion"] = conflict.CurrentVersion },
            },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        logger.LogInformation("Request refused with {Status}: {Reason}", problem.Status, exception.Message);
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        if (await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception }))
        {
            return true;
        }

        // The service writes nothing when the client's Accept leaves JSON out (a CSV download): the answer still gets its body.
        await TypedResults.Problem(problem).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>503 with Retry-After: the client may send the same request again after that many seconds.</summary>
    private static ProblemDetails Unavailable(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The database is unavailable.",
            Detail = "The database is unavailable. Try again shortly.",
        };
    }

    private static HttpValidationProblemDetails Validation(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has invalid fields.",
        };

    private static HttpValidationProblemDetails Validation(IReadOnlyList<FieldError> errors, CultureInfo culture) =>
        new(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Text.For(culture)).ToArray()))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has invalid fields.",
        };

    private async Task<ProblemDetails> ConflictAsync(DealConflictException conflict, CultureInfo culture, HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict.", Detail = conflict.Text.For(culture) };
        try
        {
            // Written here, outside request localization's scope: the card's stage names in the caller's language.
            var card = await queries.CardAsync(conflict.DealId, cancellationToken);
            problem.Extensions["current"] = JsonSerializer.SerializeToElement(card,
                LocalizedJsonConverter.For(json.Value.SerializerOptions, culture));
        }
        catch (Exception error) when (DatabaseOutage.Is(error))
        {
            // The current card cannot be read: nothing was written either way, so the client may retry after the outage.
            return Unavailable(httpContext);
        }

        return problem;
    }

    /// <summary>"$.evidence.kind" → "evidence.kind"; the whole body when the path is the root.</summary>
    private static string FieldOf(string? path)
    {
        var field = (path ?? "$").TrimStart('$').TrimStart('.');
        return field.Length == 0 ? "body" : field;
    }
}
