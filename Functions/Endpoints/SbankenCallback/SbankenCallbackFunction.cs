using Bankflow.Functions.Http;
using Bankflow.Functions.Sbanken;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.SbankenCallback;

/// <summary>
/// <c>GET /api/sbanken/callback?code&amp;state</c>: Sbanken's redirect after BankID (anonymous — the browser
/// carries no Bankflow token; the single-use state bound to client and user is the credential). Unknown
/// state → 400, expired or already used → 403, and nothing is saved. Otherwise the code is exchanged and the
/// accounts the user may administer are kept as the pending onboarding. 200 <c>{"clientId","accounts","next"}</c>.
/// </summary>
public sealed class SbankenCallbackFunction(SbankenOptions options, SbankenOnboardingService onboarding)
{
    public const string Name = "SbankenCallback";
    public const string Route = "sbanken/callback";

    [Function(Name)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var context = req.HttpContext;
        if (!options.IsConfigured)
        {
            return Problems.Unavailable("the Sbanken integration is not configured on this installation (Bankflow:Sbanken:*)");
        }
        var query = context.Request.Query;
        CallbackOutcome outcome;
        try
        {
            outcome = await onboarding.CallbackAsync(query["code"].ToString(), query["state"].ToString(), context.RequestAborted).ConfigureAwait(false);
        }
        catch (SbankenApiException ex)
        {
            return Problems.Unavailable($"Sbanken could not complete the sign-in ({ex.Message}); start the connection again");
        }
        return outcome.Check switch
        {
            StateCheck.Unknown => Problems.BadRequest("unknown onboarding state", "this sign-in was not started here, or its link was altered; start the connection again", "state"),
            StateCheck.Expired => Problems.Forbidden("the sign-in took too long and its state has expired; start the connection again"),
            StateCheck.Replayed => Problems.Forbidden("this sign-in was already used; start the connection again"),
            _ when outcome.Failure is not null => Problems.BadRequest("no authorisation", outcome.Failure, "code"),
            _ => Results.Ok(new
            {
                clientId = outcome.Client!.Value,
                accounts = outcome.AccountCount,
                next = $"/api/clients/{outcome.Client.Value}/sbanken/onboarding/accounts",
            }),
        };
    }
}
