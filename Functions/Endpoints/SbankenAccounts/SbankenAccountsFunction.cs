using Bankflow.Functions.Http;
using Bankflow.Functions.Sbanken;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.SbankenAccounts;

/// <summary>
/// <c>GET /api/clients/{clientId}/sbanken/onboarding/accounts</c>: the accounts the signed-in user may
/// administer, with the bank balance, for the selection screen. 404 when this user has no pending onboarding.
/// </summary>
public sealed class SbankenAccountsFunction(ClientAuthorization auth, SbankenOnboardingService onboarding)
{
    public const string Name = "SbankenAccounts";
    public const string Route = "clients/{clientId}/sbanken/onboarding/accounts";

    [Function(Name)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Function, "get", Route = Route)] HttpRequest req, string clientId)
    {
        ArgumentNullException.ThrowIfNull(req);
        var context = req.HttpContext;
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
