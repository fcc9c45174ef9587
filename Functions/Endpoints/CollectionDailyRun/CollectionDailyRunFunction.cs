using Bankflow.Functions.Collection;
using Bankflow.Functions.Http;
using Bankflow.Functions.Idempotency;
using Bankflow.Functions.Reconciliation;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.CollectionDailyRun;

/// <summary>
/// <c>POST /api/clients/{clientId}/collection/daily-run[?date=yyyy-MM-dd]</c>: the daily collection step for this client now
/// (what <c>CollectionDaily</c> does for every client each morning): overdue open items → drafts, approved at once in
/// Automatic mode. The date defaults to today in Oslo; a second run the same day drafts nothing new.
/// </summary>
public sealed class CollectionDailyRunFunction(ClientAuthorization auth, CollectionService service, IdempotencyGate idempotency)
{
    public const string Name = "CollectionDailyRun";
    public const string Route = "clients/{clientId}/collection/daily-run";

    [Function(Name)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Function, "post", Route = Route)] HttpRequest req, string clientId)
    {
        ArgumentNullException.ThrowIfNull(req);
        var context = req.HttpContext;
        if (!RouteMiss.IsPost(req))
        {
            return RouteMiss.MethodNotAllowed(context, HttpMethods.Post);
        }
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        if (!ReconciliationHttp.TryDate(req, "date", out var date, out var failure))
        {
            return failure!;
        }
        var day = date ?? service.OsloBusinessDay();
        return await idempotency.RunAsync(context, access.Client!, async () =>
        {
            var (drafted, approved) = await service.RunDailyAsync(access.Client!, day, context.RequestAborted).ConfigureAwait(false);
            return Results.Ok(new { date = CollectionViews.Day(day), drafted, approved });
        }).ConfigureAwait(false);
    }
}
