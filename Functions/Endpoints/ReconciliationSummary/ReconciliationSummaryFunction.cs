using System.Globalization;
using Bankflow.Functions.Http;
using Bankflow.Functions.Reconciliation;
using Bankflow.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.ReconciliationSummary;

/// <summary>
/// <c>GET /api/clients/{clientId}/reconciliation/summary?month=yyyy-MM</c>: per bank account, the month's entries,
/// automatically matched, confirmed, rejected, unmatched (and ignored, pending), and the automation rate.
/// </summary>
public sealed class ReconciliationSummaryFunction(ClientAuthorization auth, ReconciliationSummaries summaries)
{
    public const string Name = "ReconciliationSummary";
    public const string Route = "clients/{clientId}/reconciliation/summary";

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
        var text = req.Query["month"].ToString();
        if (!DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) || text.Length != 7)
        {
            return Problems.BadRequest("invalid month", $"month is required as yyyy-MM, found '{(text.Length > 20 ? text[..20] : text)}'", "month");
        }
        var summary = await summaries.ForMonthAsync(access.Client!, first.Year, first.Month, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(ReconciliationViews.Summary(summary));
    }
}
