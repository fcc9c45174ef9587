using Bankflow.Domain.Remittance;
using Bankflow.Functions.Dnb;
using Bankflow.Functions.Http;
using Bankflow.Functions.Remittance;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.DnbOrders;

/// <summary>
/// DNB's "Koble til tjeneste" (seed 001): <c>POST /api/clients/{clientId}/dnb/orders</c> checks the order against the
/// client's registered accounts (400 with a reason per field, nothing saved) and answers 201 with the order and the link to
/// DNB's ordering wizard, whose single-use state is bound to the client, the user (the token's subject) and the order.
/// <c>GET …/dnb/orders[/{orderId}]</c>: the orders and their status (pending, registered, failed with the reason).
/// </summary>
public sealed class DnbOrdersFunction(ClientAuthorization auth, DnbOptions options, DnbOrderService service)
{
    public const string Name = "DnbOrders";
    public const string Route = "clients/{clientId}/dnb/orders/{orderId?}";

    [Function(Name)]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = Route)] HttpRequest req, string clientId, string? orderId)
    {
        ArgumentNullException.ThrowIfNull(req);
        var context = req.HttpContext;
        if (RouteMiss.Absent(orderId))
        {
            return RouteMiss.IsPost(req) ? StartAsync(context, clientId) : ListAsync(context, clientId);
        }
        return RouteMiss.IsGet(req) ? GetAsync(context, clientId, orderId!) : Task.FromResult(RouteMiss.MethodNotAllowed(context, HttpMethods.Get));
    }

    private async Task<IResult> StartAsync(HttpContext context, string clientId)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        if (!options.IsConfigured)
        {
            return Problems.Unavailable("the DNB integration is not configured on this installation (Bankflow:Dnb:WizardUrl, Bankflow:Dnb:CallbackSecret)");
        }
        var (document, failure) = await RemittanceHttp.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }
        using (document)
        {
            var body = new JsonFields(document!.RootElement);
            var request = DnbOrderJson.Read(body);
            if (request is null)
            {
                return Problems.Validation(body.ToDictionary());
            }
            var start = await service.StartAsync(access.Client!, access.Grant!.Subject, request, context.RequestAborted).ConfigureAwait(false);
            if (start.Order is null)
            {
                return Problems.Validation(ByField(start.Errors));
            }
            var location = $"/api/clients/{access.Client!.Value}/dnb/orders/{start.Order.OrderId}";
            return Results.Created(location, new
            {
                order = DnbOrderJson.ToView(start.Order),
                wizardUrl = start.WizardUrl!.ToString(),
            });
        }
    }

    private async Task<IResult> ListAsync(HttpContext context, string clientId)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        var list = await service.ListAsync(access.Client!, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(list.Select(DnbOrderJson.ToView));
    }

    private async Task<IResult> GetAsync(HttpContext context, string clientId, string orderId)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        var order = await service.GetAsync(access.Client!, orderId, context.RequestAborted).ConfigureAwait(false);
        return order is null ? Problems.NotFound("no such DNB order for this client") : Results.Ok(DnbOrderJson.ToView(order));
    }

    private static Dictionary<string, string[]> ByField(IEnumerable<FieldIssue> issues) =>
        issues.GroupBy(i => i.Field).ToDictionary(g => g.Key, g => g.Select(i => i.Reason).ToArray(), StringComparer.Ordinal);
}
