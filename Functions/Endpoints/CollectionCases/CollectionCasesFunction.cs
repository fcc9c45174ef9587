using System.Text.Json;
using Bankflow.Domain.Collection;
using Bankflow.Functions.Collection;
using Bankflow.Functions.Http;
using Bankflow.Functions.Idempotency;
using Bankflow.Functions.Reconciliation;
using Bankflow.Functions.Remittance;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.CollectionCases;

/// <summary>
/// The client's collection cases: <c>GET …/collection/cases[?status=draft|approved|…]</c> (paged), <c>GET …/cases/{invoiceId}</c>,
/// <c>POST …/cases/{invoiceId}/approve</c> (a draft; 409 otherwise), <c>POST …/cases/{invoiceId}/write-off</c> (<c>{"date"}</c>
/// optional: the case written off, a case update for the agency that holds it, and the posting proposal: debit loss, credit 1500).
/// </summary>
public sealed class CollectionCasesFunction(ClientAuthorization auth, CollectionService service, CollectionStore store, IdempotencyGate idempotency)
{
    public const string Name = "CollectionCases";
    public const string Route = "clients/{clientId}/collection/cases/{invoiceId?}/{action?}";

    [Function(Name)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = Route)] HttpRequest req, string clientId, string? invoiceId, string? action)
    {
        ArgumentNullException.ThrowIfNull(req);
        var context = req.HttpContext;
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        var client = access.Client!;
        var ct = context.RequestAborted;
        if (RouteMiss.Absent(action))
        {
            if (!RouteMiss.IsGet(req))
            {
                return RouteMiss.MethodNotAllowed(context, HttpMethods.Get);
            }
            if (!RouteMiss.Absent(invoiceId))
            {
                var one = await store.GetCaseAsync(client, invoiceId!, ct).ConfigureAwait(false);
                if (one is null)
                {
                    return Problems.NotFound("no collection case for that invoice id");
                }
                var updates = await store.ListUpdatesAsync(client, invoiceId!, ct).ConfigureAwait(false);
                return Results.Ok(CollectionViews.CaseWithUpdates(one.Case, updates));
            }
            CaseStatus? status = null;
            var text = req.Query["status"].ToString();
            if (text.Length > 0)
            {
                if (!CaseStatusNames.TryParse(text, out var parsed))
                {
                    return Problems.BadRequest("invalid status", $"status must be one of {CaseStatusNames.AllNames}", "status");
                }
                status = parsed;
            }
            if (!ReconciliationHttp.TryPaging(req, out var token, out var size, out var failure))
            {
                return failure!;
            }
            return ReconciliationHttp.Page(await store.ListCasePageAsync(client, status, token, size, ct).ConfigureAwait(false), CollectionViews.Case);
        }
        if (!RouteMiss.IsPost(req))
        {
            return RouteMiss.MethodNotAllowed(context, HttpMethods.Post);
        }
        return action switch
        {
            "approve" => await idempotency.RunAsync(context, client, async () =>
                CollectionHttp.Answer(await service.ApproveAsync(client, invoiceId!, ct).ConfigureAwait(false), CollectionViews.Case)).ConfigureAwait(false),
            "write-off" => await idempotency.RunAsync(context, client, () => WriteOffAsync(req, client, invoiceId!)).ConfigureAwait(false),
            _ => RouteMiss.NotFound(),
        };
    }

    private async Task<IResult> WriteOffAsync(HttpRequest req, Domain.Values.ClientId client, string invoiceId)
    {
        DateOnly? date = null;
        if (req.ContentLength is not 0 && req.Body.CanRead)
        {
            using var buffer = new MemoryStream();
            await req.Body.CopyToAsync(buffer, req.HttpContext.RequestAborted).ConfigureAwait(false);
            if (buffer.Length > 0)
            {
                req.Body = new MemoryStream(buffer.ToArray());
                var (document, failure) = await RemittanceHttp.ReadObjectAsync(req, req.HttpContext.RequestAborted).ConfigureAwait(false);
                if (failure is not null)
                {
                    return failure;
                }
                using (document)
                {
                    var fields = new JsonFields(document!.RootElement);
                    date = fields.Date("date");
                    if (fields.HasErrors)
                    {
                        return Problems.Validation(fields.ToDictionary());
                    }
                }
            }
        }
        var outcome = await service.WriteOffAsync(client, invoiceId, date, req.HttpContext.RequestAborted).ConfigureAwait(false);
        return CollectionHttp.Answer(outcome, v => new
        {
            @case = CollectionViews.Case(v.Case),
            postingProposal = JsonDocument.Parse(PostingJson.Write(v.Proposal)).RootElement.Clone(),
        });
    }
}
