using Bankflow.Functions.Http;
using Bankflow.Functions.Sbanken;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Bankflow.Functions.Endpoints.SbankenStart;

/// <summary>
/// <c>POST /api/clients/{clientId}/sbanken/onboarding</c> ("Koble til tjeneste"): a state bound to client and
/// user, and the Sbanken URL to send the user's browser to (sign-in with BankID). 200
/// <c>{"authorizationUrl", "expiresAt"}</c>.
/// </summary>
public static class SbankenStartFunction
{
    public static void Map(IEndpointRouteBuilder app) => app.MapPost("/api/clients/{clientId}/sbanken/onboarding", StartAsync);

    private static async Task<IResult> StartAsync(HttpContext context, string clientId, ClientAuthorization auth, SbankenOptions options, SbankenOnboardingService onboarding)
    {
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
