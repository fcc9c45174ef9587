using Bankflow.Functions.Collection;
using Bankflow.Functions.Http;
using Bankflow.Functions.Idempotency;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.AgencyCaseFetches;

/// <summary>
/// <c>POST /api/agency/case-fetches</c> (signed, Idempotency-Key): the client's approved cases, each now handed over to the
/// calling agency — each case once; a lost answer is recovered by repeating the request with the same key. Only an
/// integration that may create new cases fetches (403 otherwise). See docs/collection.md.
/// </summary>
public sealed class AgencyCaseFetchesFunction(AgencyGuard guard, AgencyService service, IdempotencyGate idempotency)
{
    public const string Name = "AgencyCaseFetches";
    public const string Route = "agency/case-fetches";

    [Function(Name)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var context = req.HttpContext;
        if (!RouteMiss.IsPost(req))
        {
            return RouteMiss.MethodNotAllowed(context, HttpMethods.Post);
        }
        var (call, failure) = await guard.CheckAsync(req, context.RequestAborted).ConfigureAwait(false);
        if (call is null)
        {
            return failure!;
        }
        return await idempotency.RunAsync(context, call.Client, async () =>
            CollectionHttp.Answer(await service.FetchAsync(call, context.RequestAborted).ConfigureAwait(false),
                cases => new { cases = cases.Select(CollectionViews.Fetched).ToArray() })).ConfigureAwait(false);
    }
}
