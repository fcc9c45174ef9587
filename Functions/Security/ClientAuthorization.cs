using Bankflow.Domain.Values;
using Bankflow.Domain.Access;
using Bankflow.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Bankflow.Functions.Security;

/// <summary>The result of authorising a request for one client: either a failure to answer with, or the client and grant.</summary>
public sealed record ClientAccess(IResult? Failure, ClientId? Client, ClientGrant? Grant)
{
    public bool Denied => Failure is not null;
}

/// <summary>
/// The check every client-scoped HTTP route makes before any read: the caller's client token must be
/// valid (else 401) and name the route's client (else 403). The function key (authLevel "function") is
/// enforced before this by the Functions host in Azure and by LocalHost locally.
/// </summary>
public sealed class ClientAuthorization(ClientTokenService tokens)
{
    public ClientAccess Authorize(HttpContext context, string? clientIdText)
    {
        ArgumentNullException.ThrowIfNull(context);
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        if (!tokens.TryValidate(token, out var grant, out var reason))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"bankflow\"";
            return new ClientAccess(Problems.Unauthorized(reason!), null, null);
        }
        if (!ClientId.TryParse(clientIdText, out var client, out var error))
        {
            return new ClientAccess(Problems.BadRequest("invalid client id", error!, "clientId"), null, null);
        }
        if (!grant!.Allows(client!))
        {
            // Same answer whether the client exists or not: no probing for other clients' ids.
            return new ClientAccess(Problems.Forbidden("this client token does not grant access to that client"), null, null);
        }
        return new ClientAccess(null, client, grant);
    }
}
