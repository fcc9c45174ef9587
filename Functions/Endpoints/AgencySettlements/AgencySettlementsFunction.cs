using System.Text.Json;
using Bankflow.Functions.Collection;
using Bankflow.Functions.Http;
using Bankflow.Functions.Idempotency;
using Bankflow.Functions.Remittance;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.AgencySettlements;

/// <summary>
/// <c>POST /api/agency/settlements</c> (signed, Idempotency-Key): an agency's settlement of one case with its figures in øre.
/// 201 with the posting proposal stored, the case settled, the invoice out of the open items and an open item for the net
/// payment; the same settlement id again answers 200 <c>duplicate: true</c> and books nothing twice. 400 when the figures do
/// not add up (named), 404 for no case of this agency, 409 for a closed case or a settlement id used for another invoice.
/// </summary>
public sealed class AgencySettlementsFunction(AgencyGuard guard, AgencyService service, IdempotencyGate idempotency)
{
    public const string Name = "AgencySettlements";
    public const string Route = "agency/settlements";

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
            var (document, bad) = await RemittanceHttp.ReadObjectAsync(req, context.RequestAborted).ConfigureAwait(false);
            if (bad is not null)
            {
                return bad;
            }
            using (document)
            {
                var fields = new JsonFields(document!.RootElement);
                var settlement = CollectionJson.ReadSettlement(fields);
                if (settlement is null)
                {
                    return Problems.Validation(fields.ToDictionary());
                }
                var outcome = await service.SettleAsync(call, settlement, context.RequestAborted).ConfigureAwait(false);
                return CollectionHttp.Answer(outcome, b => new
                {
                    settlementId = b.SettlementId,
                    invoiceId = b.Case.InvoiceId,
                    duplicate = b.Duplicate,
                    @case = CollectionViews.Case(b.Case),
                    postingProposal = JsonDocument.Parse(b.PostingProposalJson).RootElement.Clone(),
                    netOpenItem = b.NetOpenItemId,
                });
            }
        }).ConfigureAwait(false);
    }
}
