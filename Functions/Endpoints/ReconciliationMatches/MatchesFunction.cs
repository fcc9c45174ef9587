using Bankflow.Functions.Http;
using Bankflow.Functions.Idempotency;
using Bankflow.Functions.Reconciliation;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.ReconciliationMatches;

/// <summary>
/// The engine's matches and a person's word on them: <c>GET /api/clients/{clientId}/matches[?from=&amp;to=]</c> (by booking
/// date, paged), <c>GET …/matches/{matchId}</c> (ETag), <c>POST …/matches/{matchId}/confirm</c> (final) and
/// <c>POST …/matches/{matchId}/reject</c> (frees the entry and its items; the entry is left to a person). A confirmed match
/// cannot be rejected nor a rejected one confirmed (409); If-Match with an ETag that is no longer the match's is 412.
/// </summary>
public sealed class MatchesFunction(ClientAuthorization auth, MatchStore store, MatchReview review, IdempotencyGate idempotency)
{
    public const string Name = "Matches";
    public const string Route = "clients/{clientId}/matches/{matchId?}/{action?}";

    [Function(Name)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = Route)] HttpRequest req, string clientId, string? matchId, string? action)
    {
        ArgumentNullException.ThrowIfNull(req);
        var context = req.HttpContext;
        if (RouteMiss.Absent(matchId))
        {
            return RouteMiss.IsGet(req) ? ListAsync(context, clientId) : Task.FromResult(RouteMiss.MethodNotAllowed(context, HttpMethods.Get));
        }
        if (RouteMiss.Absent(action))
        {
            return RouteMiss.IsGet(req) ? GetAsync(context, clientId, matchId!) : Task.FromResult(RouteMiss.MethodNotAllowed(context, HttpMethods.Get));
        }
        var confirm = RouteMiss.Is(action, "confirm");
        if (!confirm && !RouteMiss.Is(action, "reject"))
        {
            return Task.FromResult(RouteMiss.NotFound());
        }
        return RouteMiss.IsPost(req) ? ReviewAsync(context, clientId, matchId!, confirm) : Task.FromResult(RouteMiss.MethodNotAllowed(context, HttpMethods.Post));
    }

    private async Task<IResult> ListAsync(HttpContext context, string clientId)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        if (!ReconciliationHttp.TryDate(context.Request, "from", out var from, out var failure)
            || !ReconciliationHttp.TryDate(context.Request, "to", out var to, out failure)
            || !ReconciliationHttp.TryPaging(context.Request, out var token, out var size, out failure))
        {
            return failure!;
        }
        if (from > to)
        {
            return Problems.BadRequest("invalid period", "from is after to", "from");
        }
        var page = await store.ListPageAsync(access.Client!, from, to, withoutRejected: false, token, size, context.RequestAborted).ConfigureAwait(false);
        return ReconciliationHttp.Page(page, ReconciliationViews.Match);
    }

    private async Task<IResult> GetAsync(HttpContext context, string clientId, string matchId)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        if (!MatchIds.IsValid(matchId))
        {
            return InvalidId();
        }
        var decision = await store.GetAsync(access.Client!, matchId, context.RequestAborted).ConfigureAwait(false);
        if (decision is null)
        {
            return NotFound();
        }
        ReconciliationHttp.SetETag(context, decision.ETag);
        return Results.Ok(ReconciliationViews.Match(decision));
    }

    private async Task<IResult> ReviewAsync(HttpContext context, string clientId, string matchId, bool confirm)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        if (!MatchIds.IsValid(matchId))
        {
            return InvalidId();
        }
        return await idempotency.RunAsync(context, access.Client!, async () =>
        {
            var ifMatch = ReconciliationHttp.IfMatch(context.Request);
            var by = access.Grant!.Subject;
            var answer = confirm
                ? await review.ConfirmAsync(access.Client!, matchId, by, ifMatch, context.RequestAborted).ConfigureAwait(false)
                : await review.RejectAsync(access.Client!, matchId, by, ifMatch, context.RequestAborted).ConfigureAwait(false);
            switch (answer.Result)
            {
                case ReviewResult.Done:
                    ReconciliationHttp.SetETag(context, answer.Decision!.ETag);
                    return Results.Ok(ReconciliationViews.Match(answer.Decision));
                case ReviewResult.NotFound:
                    return NotFound();
                case ReviewResult.PreconditionFailed:
                    return ReconciliationHttp.PreconditionFailed(answer.Reason!);
                default:
                    return ReconciliationHttp.Conflict(answer.Reason!);
            }
        }).ConfigureAwait(false);
    }

    private static IResult InvalidId() => Problems.BadRequest("invalid match id", "a match id is 'm' and 32 lower-case hex digits", "matchId");

    private static IResult NotFound() => Problems.NotFound("no match with that id for this client");
}
