using Bankflow.Functions.Http;
using Bankflow.Functions.Sbanken;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.SbankenStart;

/// <summary>
/// <c>POST /api/clients/{clientId}/sbanken/onboarding</c> ("Koble til tjeneste"): a state bound to client and
/// user, and the Sbanken URL to send the user's browser to (sign-in with BankID). 200
/// <c>{"authorizationUrl", "expiresAt"}</c>.
/// </summary>
public sealed class SbankenStartFunction(ClientAuthorization auth, SbankenOptions options, SbankenOnboardingService onboarding)
{
    public const string Name = "SbankenStart";
    public const string Route = "clients/{clientId}/sbanken/onboarding";

    [Function(Name)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Function, "post", Route = Route)] HttpRequest req, string clientId)
    {
        ArgumentNullException.ThrowIfNull(req);
        var context = req.HttpContext;
        var access = auth.Authorize(context, clientId);
        if (access.Denied)
        {
            return access.Failure!;
        }
        if (!options.IsConfigured)
        {
            return Problems.Unavailable("the Sbanken integration is not configured on this installation (Bankflow:Sbanken:*)");
        }
        var (url, expires) = await onboarding.StartAsync(access.Client!, access.Grant!.Subject, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(new { authorizationUrl = url.ToString(), expiresAt = expires });
    }
}
