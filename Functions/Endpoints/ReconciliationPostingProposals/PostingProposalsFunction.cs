using Bankflow.Functions.Http;
using Bankflow.Functions.Reconciliation;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.ReconciliationPostingProposals;

/// <summary>
/// <c>GET /api/clients/{clientId}/posting-proposals[?from=&amp;to=]</c> (by booking date, paged): the balanced journal lines
/// every match that stands (automatic or confirmed) proposes — bank ledger account against the customer ledger per invoice,
/// unapplied credit, fees, supplier payments — each with the sentence that explains it.
/// </summary>
public sealed class PostingProposalsFunction(ClientAuthorization auth, MatchStore store)
{
    public const string Name = "PostingProposals";
    public const string Route = "clients/{clientId}/posting-proposals";

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
        if (!ReconciliationHttp.TryDate(req, "from", out var from, out var failure)
            || !ReconciliationHttp.TryDate(req, "to", out var to, out failure)
            || !ReconciliationHttp.TryPaging(req, out var token, out var size, out failure))
        {
            return failure!;
        }
        if (from > to)
        {
            return Problems.BadRequest("invalid period", "from is after to", "from");
        }
        var page = await store.ListPageAsync(access.Client!, from, to, withoutRejected: true, token, size, context.RequestAborted).ConfigureAwait(false);
        return ReconciliationHttp.Page(page, ReconciliationViews.PostingProposal);
    }
}
