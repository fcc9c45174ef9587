using Bankflow.Functions.Http;
using Bankflow.Functions.Idempotency;
using Bankflow.Functions.Sbanken;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.SbankenComplete;

/// <summary>
/// <c>POST /api/clients/{clientId}/sbanken/onboarding/complete</c> (body: <see cref="CompletionBody"/>).
/// 400 problem+json naming each offending field, nothing saved. 409 problem+json with <c>warnings</c> when the
/// ERP and bank balances differ on a start date and <c>acceptBalanceDifferences</c> is not true: send again
/// with it true to go on, or with those accounts not activated to exclude them; nothing saved. 200: the
/// agreement is saved as a whole (replacing any earlier one) and the backfills are queued. Takes an
/// <c>Idempotency-Key</c>: a retry gets the first answer and queues nothing again.
/// </summary>
public sealed class SbankenCompleteFunction(ClientAuthorization auth, SbankenOptions options, SbankenOnboardingService onboarding, IdempotencyGate idempotency)
{
    public const string Name = "SbankenComplete";
    public const string Route = "clients/{clientId}/sbanken/onboarding/complete";

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
        return await idempotency.RunAsync(context, access.Client!, () => CompleteAsync(context, access)).ConfigureAwait(false);
    }

    private async Task<IResult> CompleteAsync(HttpContext context, ClientAccess access)
    {
        // A bounded body, read field by field: wrong kinds are named per field, never with a serializer's message.
        var (document, failure) = await JsonBody.ReadObjectAsync(context.Request, CompletionBody.MaxBytes, context.RequestAborted).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }
        using var json = document!;
        var fields = new Bankflow.Functions.Remittance.JsonFields(json.RootElement);
        if (CompletionBody.Read(fields) is not { } body)
        {
            return Problems.Validation(fields.ToDictionary());
        }
        var pending = await onboarding.PendingAsync(access.Client!, access.Grant!.Subject, context.RequestAborted).ConfigureAwait(false);
        if (pending is null)
        {
            return Problems.NotFound("no pending Sbanken onboarding for you on this client (it expired or was never started); start the connection again");
        }
        CompletionOutcome outcome;
        try
        {
            outcome = await onboarding.CompleteAsync(pending, body.ToRequest(), body.AcceptBalanceDifferences ?? false, context.RequestAborted).ConfigureAwait(false);
        }
        catch (SbankenApiException ex)
        {
            return Problems.Unavailable($"Sbanken could not be asked for the balances ({ex.Message}); nothing was saved, try again");
        }
        catch (AgreementChangedException ex)
        {
            return Results.Problem(title: "the agreement changed meanwhile", detail: ex.Message + "; nothing of this completion was saved: look at the accounts again and complete once more",
                statusCode: StatusCodes.Status409Conflict);
        }
        if (outcome.Issues.Count > 0)
        {
            return Problems.Validation(outcome.Issues.GroupBy(i => i.Field).ToDictionary(g => g.Key, g => g.Select(i => i.Reason).ToArray()));
        }
        var warnings = outcome.Warnings.Select(w => new
        {
            accountNumber = w.AccountNumber,
            startDate = w.StartDate,
            erpBalance = w.ErpBalance.ToString(),
            bankBalance = w.BankBalance.ToString(),
            difference = w.Difference.ToString(),
            message = w.Message,
        }).ToList();
        if (!outcome.Saved)
        {
            return Results.Problem(
                title: "the ERP and bank balances differ on the start date",
                detail: "nothing was saved: send again with acceptBalanceDifferences true to go on (correct the balance in the ERP soon), or leave the accounts with a difference out",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["warnings"] = warnings });
        }
        return Results.Ok(new
        {
            version = outcome.Version,
            warnings,
            backfills = outcome.Backfills.Select(b => new { accountNumber = b.AccountNumber, from = b.From, through = b.Through }),
        });
    }
}
