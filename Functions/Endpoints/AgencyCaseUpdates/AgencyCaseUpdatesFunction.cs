using Bankflow.Functions.Collection;
using Bankflow.Functions.Http;
using Bankflow.Functions.Idempotency;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.AgencyCaseUpdates;

/// <summary>
/// <c>POST /api/agency/case-updates</c> (signed, Idempotency-Key): the case updates queued for the calling agency on this
/// client (credit notes, direct payments, write-offs), each handed out once; a lost answer is recovered with the same key.
/// </summary>
public sealed class AgencyCaseUpdatesFunction(AgencyGuard guard, AgencyService service, IdempotencyGate idempotency)
{
    public const string Name = "AgencyCaseUpdates";
    public const string Route = "agency/case-updates";

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
        {
            var updates = await service.PullUpdatesAsync(call, context.RequestAborted).ConfigureAwait(false);
            return Results.Ok(new { updates = updates.Select(CollectionViews.Update).ToArray() });
        }).ConfigureAwait(false);
    }
}
