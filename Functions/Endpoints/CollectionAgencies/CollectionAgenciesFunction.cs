using Bankflow.Functions.Collection;
using Bankflow.Functions.Http;
using Bankflow.Functions.Idempotency;
using Bankflow.Functions.Remittance;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.CollectionAgencies;

/// <summary>
/// The client's agency integrations: <c>GET …/collection/agencies</c>, <c>POST …/agencies/{agencyId}</c> (create: a new
/// client key; 409 when it exists or another agency may create cases), <c>PATCH …/agencies/{agencyId}</c> (mode, "may create
/// new cases", reminder profile, …; 409 names the other agency when two would create cases), <c>POST …/{agencyId}/activate</c>
/// (409 without a reminder profile though the client sends reminders, or > 10 open cases at the agency in Automatic mode),
/// <c>POST …/{agencyId}/deactivate</c> and <c>DELETE …/{agencyId}</c> (409 while cases of it are open).
/// </summary>
public sealed class CollectionAgenciesFunction(ClientAuthorization auth, CollectionService service, CollectionStore store, IdempotencyGate idempotency)
{
    public const string Name = "CollectionAgencies";
    public const string Route = "clients/{clientId}/collection/agencies/{agencyId?}/{action?}";

    [Function(Name)]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", "patch", "delete", Route = Route)] HttpRequest req, string clientId, string? agencyId, string? action)
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
        if (RouteMiss.Absent(agencyId))
        {
            return RouteMiss.IsGet(req)
                ? Results.Ok(new { items = (await store.ListIntegrationsAsync(client, ct).ConfigureAwait(false)).OrderBy(i => i.AgencyId, StringComparer.Ordinal).Select(CollectionViews.Integration) })
                : RouteMiss.MethodNotAllowed(context, HttpMethods.Get);
        }
        if (!CollectionJson.IsId(agencyId))
        {
            return Problems.BadRequest("invalid agency id", "an agency id is 1–64 of A–Z a–z 0–9 - _ .", "agencyId");
        }
        if (!RouteMiss.Absent(action))
        {
            if (!RouteMiss.IsPost(req))
            {
                return RouteMiss.MethodNotAllowed(context, HttpMethods.Post);
            }
            return action switch
            {
                "activate" => await idempotency.RunAsync(context, client, async () =>
                    CollectionHttp.Answer(await service.ActivateAsync(client, agencyId!, ct).ConfigureAwait(false), CollectionViews.Integration)).ConfigureAwait(false),
                "deactivate" => await idempotency.RunAsync(context, client, async () =>
                    CollectionHttp.Answer(await service.DeactivateAsync(client, agencyId!, ct).ConfigureAwait(false), CollectionViews.Integration)).ConfigureAwait(false),
                _ => RouteMiss.NotFound(),
            };
        }
        if (RouteMiss.IsGet(req))
        {
            var one = await store.GetIntegrationAsync(client, agencyId!, ct).ConfigureAwait(false);
            return one is null ? Problems.NotFound($"the client has no integration with agency {agencyId}") : Results.Ok(CollectionViews.Integration(one.Integration));
        }
        if (HttpMethods.IsDelete(req.Method))
        {
            var deleted = await service.DeleteIntegrationAsync(client, agencyId!, ct).ConfigureAwait(false);
            return deleted.Kind == OutcomeKind.Ok ? Results.NoContent() : CollectionHttp.Refusal(deleted.Kind, deleted.Reason!, deleted.Field);
        }
        if (RouteMiss.IsPost(req))
        {
            return await idempotency.RunAsync(context, client, () => WriteAsync(req, settings => service.CreateIntegrationAsync(client, agencyId!, settings, ct))).ConfigureAwait(false);
        }
        if (HttpMethods.IsPatch(req.Method))
        {
            return await WriteAsync(req, settings => service.ChangeIntegrationAsync(client, agencyId!, settings, ct)).ConfigureAwait(false);
        }
        return RouteMiss.MethodNotAllowed(context, HttpMethods.Get, HttpMethods.Post, HttpMethods.Patch, HttpMethods.Delete);
    }

    private static async Task<IResult> WriteAsync(HttpRequest req, Func<IntegrationSettings, Task<CollectionOutcome<Domain.Collection.AgencyIntegration>>> write)
    {
        var (document, failure) = await RemittanceHttp.ReadObjectAsync(req, req.HttpContext.RequestAborted).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }
        using (document)
        {
            var fields = new JsonFields(document!.RootElement);
            var settings = CollectionJson.ReadSettings(fields);
            if (fields.HasErrors)
            {
                return Problems.Validation(fields.ToDictionary());
            }
            return CollectionHttp.Answer(await write(settings).ConfigureAwait(false), CollectionViews.Integration);
        }
    }
}
