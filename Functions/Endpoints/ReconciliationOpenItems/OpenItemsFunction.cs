using Bankflow.Domain.Reconciliation;
using Bankflow.Functions.Http;
using Bankflow.Functions.Idempotency;
using Bankflow.Functions.Reconciliation;
using Bankflow.Functions.Remittance;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.ReconciliationOpenItems;

/// <summary>
/// The client's open items (kundereskontro) for reconciliation: <c>PUT|POST /api/clients/{clientId}/open-items</c> (bulk
/// upsert, at most 10,000 per call, 400 with one error per row and field, nothing stored unless all rows are right; a
/// reconciliation run of the client is queued), <c>GET …/open-items[?status=open|partial|paid|overpaid]</c> (paged),
/// <c>GET|DELETE …/open-items/{invoiceId}</c> (a removal is refused with 409 while payments are matched to the item).
/// Amounts are integers in øre.
/// </summary>
public sealed class OpenItemsFunction(ClientAuthorization auth, OpenItemService service, OpenItemStore store, IdempotencyGate idempotency)
{
    public const string Name = "OpenItems";
    public const string Route = "clients/{clientId}/open-items/{invoiceId?}";

    [Function(Name)]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "put", "post", "delete", Route = Route)] HttpRequest req, string clientId, string? invoiceId)
    {
        ArgumentNullException.ThrowIfNull(req);
        var context = req.HttpContext;
        if (RouteMiss.Absent(invoiceId))
        {
            return req.Method switch
            {
                _ when RouteMiss.IsGet(req) => ListAsync(context, clientId),
                _ when RouteMiss.IsPut(req) => UpsertAsync(context, clientId),
                _ when RouteMiss.IsPost(req) => UpsertAsync(context, clientId, once: true),
                _ => Task.FromResult(RouteMiss.MethodNotAllowed(context, HttpMethods.Get, HttpMethods.Put, HttpMethods.Post)),
            };
        }
        return req.Method switch
        {
            _ when RouteMiss.IsGet(req) => GetAsync(context, clientId, invoiceId!),
            _ when HttpMethods.IsDelete(req.Method) => DeleteAsync(context, clientId, invoiceId!),
            _ => Task.FromResult(RouteMiss.MethodNotAllowed(context, HttpMethods.Get, HttpMethods.Delete)),
        };
    }

    private async Task<IResult> ListAsync(HttpContext context, string clientId)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        ItemStatus? status = null;
        var statusText = context.Request.Query["status"].ToString();
        if (statusText.Length > 0)
        {
            if (!ItemStatusNames.TryParse(statusText, out var parsed))
            {
                return Problems.BadRequest("invalid status", $"status must be open, partial, paid or overpaid, found '{(statusText.Length > 20 ? statusText[..20] : statusText)}'", "status");
            }
            status = parsed;
        }
        if (!ReconciliationHttp.TryPaging(context.Request, out var token, out var size, out var failure))
        {
            return failure!;
        }
        var page = await store.ListPageAsync(access.Client!, status, token, size, context.RequestAborted).ConfigureAwait(false);
        return ReconciliationHttp.Page(page, ReconciliationViews.OpenItem);
    }

    private async Task<IResult> GetAsync(HttpContext context, string clientId, string invoiceId)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        var item = await store.GetAsync(access.Client!, invoiceId, context.RequestAborted).ConfigureAwait(false);
        return item is null ? Problems.NotFound("no open item with that invoice id for this client") : Results.Ok(ReconciliationViews.OpenItem(item));
    }

    private async Task<IResult> UpsertAsync(HttpContext context, string clientId, bool once = false)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        var client = access.Client!;
        return once
            ? await idempotency.RunAsync(context, client, () => WriteAsync(context, access)).ConfigureAwait(false)
            : await WriteAsync(context, access).ConfigureAwait(false);
    }

    private async Task<IResult> WriteAsync(HttpContext context, ClientAccess access)
    {
        var (document, failure) = await RemittanceHttp.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }
        using (document)
        {
            var (items, errors) = OpenItemRows.Read(access.Client!, document!.RootElement);
            if (errors is not null)
            {
                return Problems.Validation(errors);
            }
            var created = await service.UpsertAsync(access.Client!, items!, context.RequestAborted).ConfigureAwait(false);
            return Results.Ok(new { received = items!.Count, created, updated = items.Count - created, reconciliation = "requested" });
        }
    }

    private async Task<IResult> DeleteAsync(HttpContext context, string clientId, string invoiceId)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        var answer = await service.RemoveAsync(access.Client!, invoiceId, context.RequestAborted).ConfigureAwait(false);
        switch (answer.Result)
        {
            case RemovalResult.Removed:
                return Results.NoContent();
            case RemovalResult.NotFound:
                return Problems.NotFound("no open item with that invoice id for this client");
            default:
                if (answer.RetryLater)
                {
                    context.Response.Headers.RetryAfter = "5";
                }
                return ReconciliationHttp.Conflict(answer.Reason!);
        }
    }
}
