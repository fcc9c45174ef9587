using Bankflow.Domain.Collection;
using Bankflow.Functions.Collection;
using Bankflow.Functions.Http;
using Bankflow.Functions.Remittance;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.CollectionRegistration;

/// <summary>
/// <c>PUT|GET /api/clients/{clientId}/collection/registration</c>: the client company registered for debt collection
/// (organisation number and bank account MOD11-checked, address, VAT deduction, contact, the accounts settlements post to,
/// the agreement confirmed). 400 with one error per field, nothing stored then. See docs/collection.md.
/// </summary>
public sealed class CollectionRegistrationFunction(ClientAuthorization auth, CollectionService service)
{
    public const string Name = "CollectionRegistration";
    public const string Route = "clients/{clientId}/collection/registration";

    [Function(Name)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Function, "get", "put", Route = Route)] HttpRequest req, string clientId)
    {
        ArgumentNullException.ThrowIfNull(req);
        var context = req.HttpContext;
        if (!RouteMiss.IsGet(req) && !RouteMiss.IsPut(req))
        {
            return RouteMiss.MethodNotAllowed(context, HttpMethods.Get, HttpMethods.Put);
        }
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        if (RouteMiss.IsGet(req))
        {
            var stored = await service.GetRegistrationAsync(access.Client!, context.RequestAborted).ConfigureAwait(false);
            return stored is null ? Problems.NotFound("this client is not registered for collection") : Results.Ok(stored);
        }
        var (document, failure) = await RemittanceHttp.ReadObjectAsync(req, context.RequestAborted).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }
        using (document)
        {
            var fields = new JsonFields(document!.RootElement);
            var form = CollectionJson.ReadRegistration(fields);
            var (registration, issues) = RegistrationValidator.Validate(form);
            CollectionJson.AddIssues(fields, issues);
            if (fields.HasErrors)
            {
                return Problems.Validation(fields.ToDictionary());
            }
            return Results.Ok(await service.RegisterAsync(access.Client!, registration!, context.RequestAborted).ConfigureAwait(false));
        }
    }
}
