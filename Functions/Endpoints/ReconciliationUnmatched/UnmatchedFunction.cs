using Bankflow.Functions.Reconciliation;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.ReconciliationUnmatched;

/// <summary>
/// <c>GET /api/clients/{clientId}/unmatched</c> (paged): the bank entries left to a person — why the engine would not match
/// each, with up to three ranked candidates and why none is certain — and the entries whose match a person rejected.
/// </summary>
public sealed class UnmatchedFunction(ClientAuthorization auth, OutcomeStore store)
{
    public const string Name = "Unmatched";
    public const string Route = "clients/{clientId}/unmatched";

    [Function(Name)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = Route)] HttpRequest req, string clientId)
    {
        ArgumentNullException.ThrowIfNull(req);
        var context = req.HttpContext;
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        if (!ReconciliationHttp.TryPaging(req, out var token, out var size, out var failure))
        {
            return failure!;
        }
        var page = await store.ListUnmatchedPageAsync(access.Client!, token, size, context.RequestAborted).ConfigureAwait(false);
        return ReconciliationHttp.Page(page, ReconciliationViews.Unmatched);
    }
}
