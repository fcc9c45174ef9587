using Bankflow.Functions.Http;
using Bankflow.Functions.Sbanken;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Bankflow.Functions.Endpoints.SbankenAccounts;

/// <summary>
/// <c>GET /api/clients/{clientId}/sbanken/onboarding/accounts</c>: the accounts the signed-in user may
/// administer, with the bank balance, for the selection screen. 404 when this user has no pending onboarding.
/// </summary>
public static class SbankenAccountsFunction
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/api/clients/{clientId}/sbanken/onboarding/accounts", GetAsync);

    private static async Task<IResult> GetAsync(HttpContext context, string clientId, ClientAuthorization auth, SbankenOnboardingService onboarding)
    {
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        var pending = await onboarding.PendingAsync(access.Client!, access.Grant!.Subject, context.RequestAborted).ConfigureAwait(false);
        if (pending is null)
        {
            return Problems.NotFound("no pending Sbanken onboarding for you on this client (it expired or was never started); start the connection again");
        }
        return Results.Ok(new
        {
            expiresAt = pending.ExpiresAt,
            accounts = pending.Accounts.Select(a => new
            {
                accountNumber = a.AccountNumber,
                name = a.Name,
                accountType = a.AccountType,
                balance = a.Balance.ToString(),
                available = a.Available.ToString(),
            }),
        });
    }
}
