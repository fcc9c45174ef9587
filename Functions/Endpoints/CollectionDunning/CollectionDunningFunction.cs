using Bankflow.Functions.Collection;
using Bankflow.Functions.Http;
using Bankflow.Functions.Remittance;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.CollectionDunning;

/// <summary>
/// <c>PUT /api/clients/{clientId}/collection/dunning/{invoiceId}</c> <c>{"reminderDates": [...], "collectionNoticeDate": …}</c>:
/// the client's own reminders and collection notice for one open item — the draft rule waits on them (reminder profile,
/// inkassoloven § 9) and the agency receives them with the case. 404 for an invoice that is no open item.
/// </summary>
public sealed class CollectionDunningFunction(ClientAuthorization auth, CollectionService service)
{
    public const string Name = "CollectionDunning";
    public const string Route = "clients/{clientId}/collection/dunning/{invoiceId}";

    [Function(Name)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Function, "put", Route = Route)] HttpRequest req, string clientId, string invoiceId)
    {
        ArgumentNullException.ThrowIfNull(req);
        var context = req.HttpContext;
        if (!RouteMiss.IsPut(req))
        {
            return RouteMiss.MethodNotAllowed(context, HttpMethods.Put);
        }
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        var (document, failure) = await RemittanceHttp.ReadObjectAsync(req, context.RequestAborted).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }
        using (document)
        {
            var fields = new JsonFields(document!.RootElement);
            var dates = CollectionJson.ReadDunning(fields);
            if (fields.HasErrors)
            {
                return Problems.Validation(fields.ToDictionary());
            }
            var saved = await service.SaveDunningAsync(access.Client!, invoiceId, dates, context.RequestAborted).ConfigureAwait(false);
            return CollectionHttp.Answer(saved, d => new
            {
                invoiceId,
                reminderDates = d.ReminderDates.Select(CollectionViews.Day).ToArray(),
                collectionNoticeDate = d.CollectionNoticeDate is { } n ? CollectionViews.Day(n) : null,
            });
        }
    }
}
