using System.Globalization;
using System.Security.Claims;
using KeyAccountPipeline.Data.Reviews;
using KeyAccountPipeline.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KeyAccountPipeline.Web.Api;

/// <summary>
/// The pipeline review: what changed in a window, held reviews, action items. Review records (the window's changes, a
/// held review) are read by managers and admins only (403 for a rep, whatever the id); holding a review is for managers
/// and admins, closing an action item for its owner or a manager (Actor's rules, in the domain). A rep lists only their
/// own action items, never the review's id (<see cref="ActionItemView.AsSeenBy"/>). A manager's review draft
/// (<c>/api/reviews/draft</c>: GET 200, an empty draft with <c>savedAt</c> null when none; PUT 200; DELETE 204) is always the
/// caller's own: no id, so another manager's draft cannot even be named.
/// </summary>
internal static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Reviews").RequireAuthorization(ApiPolicies.Member);
        api.MapGet("/review/changes", ChangesAsync).RequireAuthorization(ApiPolicies.Manager);
        api.MapPost("/reviews", async (HoldReviewRequest r, ClaimsPrincipal user, ReviewService service, CancellationToken ct) =>
        {
            var review = await service.HoldAsync(r, user.RequireActor(), ct);
            return TypedResults.Created($"/api/reviews/{review.Id}", review);
        }).Validate<HoldReviewRequest>().Idempotent();
        api.MapGet("/reviews/{id:guid}", async Task<Results<Ok<ReviewView>, NotFound>> (Guid id, ReviewQueries queries, CancellationToken ct) =>
            await queries.ReviewAsync(id, ct) is { } review ? TypedResults.Ok(review) : TypedResults.NotFound())
            .RequireAuthorization(ApiPolicies.Manager);
        // The caller's own review draft (decision 0031-drafts): another manager's is never addressed, so never read.
        api.MapGet("/reviews/draft", async (ClaimsPrincipal user, ReviewDrafts drafts, CancellationToken ct) =>
            TypedResults.Ok(await drafts.GetAsync(user.RequireActor(), ct)))
            .RequireAuthorization(ApiPolicies.Manager);
        api.MapPut("/reviews/draft", async (ReviewDraft draft, ClaimsPrincipal user, ReviewDrafts drafts, CancellationToken ct) =>
            TypedResults.Ok(await drafts.SaveAsync(draft, user.RequireActor(), ct)))
            .Validate<ReviewDraft>().RequireAuthorization(ApiPolicies.Manager);
        api.MapDelete("/reviews/draft", async (ClaimsPrincipal user, ReviewDrafts drafts, CancellationToken ct) =>
        {
            await drafts.DiscardAsync(user.RequireActor(), ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(ApiPolicies.Manager);
        api.MapGet("/action-items", ActionItemsAsync);
        api.MapPost("/action-items/{id:guid}/done", async (Guid id, ClaimsPrincipal user, ReviewService service, CancellationToken ct) =>
            (await service.MarkDoneAsync(id, user.RequireActor(), ct)).AsSeenBy(user.RequireActor()));
        return app;
    }

    private static async Task<Results<Ok<ReviewChanges>, ValidationProblem>> ChangesAsync(
        string? since, string? until, ReviewQueries queries, CancellationToken ct)
    {
        if (!TryDate(since, out var from))
        {
            return Problems.Field("since", "'since' must be a date (YYYY-MM-DD).");
        }

        if (!TryDate(until, out var to))
        {
            return Problems.Field("until", "'until' must be a date (YYYY-MM-DD).");
        }

        return TypedResults.Ok(await queries.ChangesSinceAsync(from, to, ct));
    }

    /// <summary>
    /// <c>owner=me</c> (the default) or a person's id; <c>open=false</c> includes done items; <c>dealId</c> narrows to one deal.
    /// <c>owner=all</c> or another person's id is for managers and admins: a rep is answered 403 (not silently their own
    /// items, so a client never takes a part for the whole), and their own items come without the review's id.
    /// </summary>
    private static async Task<Results<Ok<IReadOnlyList<ActionItemView>>, ValidationProblem>> ActionItemsAsync(
        string? owner, string? open, string? dealId, ClaimsPrincipal user, ReviewQueries queries, CancellationToken ct)
    {
        var actor = user.RequireActor();
        Guid? ownerId = owner switch
        {
            null or "me" => actor.Id,
            "all" => null,
            _ when Guid.TryParse(owner, out var id) => id,
            _ => Guid.Empty,
        };
        if (ownerId == Guid.Empty)
        {
            return Problems.Field("owner", "'owner' must be 'me', 'all' or a person's id (a GUID).");
        }

        if (open is not null && !bool.TryParse(open, out _))
        {
            return Problems.Field("open", "'open' must be true or false.");
        }

        Guid? deal = null;
        if (dealId is not null)
        {
            if (!Guid.TryParse(dealId, out var parsed))
            {
                return Problems.Field("dealId", "'dealId' must be a deal's id (a GUID).");
            }

            deal = parsed;
        }

        actor.EnsureMayReadActionItemsOf(ownerId);
        var filter = new ActionItemFilter(ownerId, deal, open is null || bool.Parse(open));
        return TypedResults.Ok<IReadOnlyList<ActionItemView>>([.. (await queries.ActionItemsAsync(filter, ct)).Select(a => a.AsSeenBy(actor))]);
    }

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }
}
