using Azure;
using Azure.Data.Tables;
using Bankflow.Functions.Http;
using Bankflow.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.Health;

/// <summary>
/// <c>GET /api/health</c>: is storage reachable? Anonymous, and it says nothing about any client. Unhealthy is 503
/// problem+json with the reason (<see cref="StorageFailure.Describe"/>), never a 500.
/// </summary>
public sealed class HealthFunction(BankflowStorage storage)
{
    public const string Name = "Health";
    public const string Route = "health";

    /// <summary>The probe's own deadline: a health check that hangs is no answer either.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Function(Name)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(req.HttpContext.RequestAborted);
        timeout.CancelAfter(Deadline);
        try
        {
            await storage.Table(StorageNames.FileImportsTable).GetEntityIfExistsAsync<TableEntity>("health", "probe", cancellationToken: timeout.Token).ConfigureAwait(false);
            await storage.Container(StorageNames.InboxContainer).ExistsAsync(timeout.Token).ConfigureAwait(false);
            return Results.Ok(new { status = "healthy", storage = "reachable" });
        }
        catch (OperationCanceledException) when (!req.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return Unhealthy($"storage did not answer within {Deadline.TotalSeconds:0} s");
        }
        catch (Exception ex) when (StorageFailure.Describe(ex) is { } reason)
        {
            return Unhealthy(reason);
        }
        catch (RequestFailedException ex)
        {
            // Reachable but not usable for us (a missing table, a refused key): unhealthy all the same.
            return Unhealthy($"storage answered {ex.Status}{(string.IsNullOrEmpty(ex.ErrorCode) ? "" : $" ({ex.ErrorCode})")}");
        }

        IResult Unhealthy(string reason)
        {
            req.HttpContext.Response.Headers.RetryAfter = Problems.StorageRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.StorageUnavailable(reason);
        }
    }
}
