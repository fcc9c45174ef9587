using Bankflow.Domain.Collection;
using Bankflow.Functions.Collection;
using Bankflow.Functions.Http;
using Bankflow.Functions.Idempotency;
using Bankflow.Functions.Remittance;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.AgencyCases;

/// <summary>
/// The agency's answers on one case (signed, Idempotency-Key): <c>POST /api/agency/cases/{invoiceId}/receipt</c>
/// <c>{"caseNumber"}</c> (the case registered with the agency's case number) and <c>POST …/{invoiceId}/status</c>
/// <c>{"status", "date", "text"}</c> (notice-sent, payment-demand, legal-step, closed). 404 for no case of this agency,
/// 409 for a step the case's state does not allow (a status for a closed case).
/// </summary>
public sealed class AgencyCasesFunction(AgencyGuard guard, AgencyService service, IdempotencyGate idempotency)
{
    public const string Name = "AgencyCases";
    public const string Route = "agency/cases/{invoiceId}/{action}";

    [Function(Name)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest req, string invoiceId, string action)
    {
        ArgumentNullException.ThrowIfNull(req);
        var context = req.HttpContext;
        if (!RouteMiss.IsPost(req))
        {
            return RouteMiss.MethodNotAllowed(context, HttpMethods.Post);
        }
        if (action is not ("receipt" or "status"))
        {
            return RouteMiss.NotFound();
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
                if (action == "receipt")
                {
                    var number = fields.String("caseNumber", required: true)?.Trim();
                    if (number is { Length: 0 or > 50 })
                    {
                        fields.Fail("caseNumber", "must be 1–50 characters");
                    }
                    if (fields.HasErrors)
                    {
                        return Problems.Validation(fields.ToDictionary());
                    }
                    return CollectionHttp.Answer(await service.ReceiptAsync(call, invoiceId, number!, context.RequestAborted).ConfigureAwait(false), CollectionViews.Case);
                }
                var statusText = fields.String("status", required: true);
                var status = CaseStatus.Draft;
                if (statusText is not null && (!CaseStatusNames.TryParse(statusText, out status) || !status.IsAgencyStatus()))
                {
                    fields.Fail("status", "must be notice-sent, payment-demand, legal-step or closed");
                }
                var date = fields.Date("date", required: true);
                var text = fields.String("text");
                if (text is { Length: > 500 })
                {
                    fields.Fail("text", "must be at most 500 characters");
                }
                if (fields.HasErrors)
                {
                    return Problems.Validation(fields.ToDictionary());
                }
                return CollectionHttp.Answer(await service.StatusAsync(call, invoiceId, status, date!.Value, text, context.RequestAborted).ConfigureAwait(false), CollectionViews.Case);
            }
        }).ConfigureAwait(false);
    }
}
