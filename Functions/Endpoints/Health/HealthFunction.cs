using Azure.Data.Tables;
using Bankflow.Functions.Http;
using Bankflow.Functions.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.Health;

/// <summary><c>GET /api/health</c>: is storage reachable? Anonymous, and it says nothing about any client.</summary>
public sealed class HealthFunction(BankflowStorage storage)
{
    public const string Name = "Health";
    public const string Route = "health";

    [Function(Name)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(req.HttpContext.RequestAborted);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await storage.Table(StorageNames.FileImportsTable).GetEntityIfExistsAsync<TableEntity>("health", "probe", cancellationToken: timeout.Token).ConfigureAwait(false);
            await storage.Container(StorageNames.InboxContainer).ExistsAsync(timeout.Token).ConfigureAwait(false);
            return Results.Ok(new { status = "healthy", storage = "reachable" });
        }
        catch (Exception ex) when (ex is OperationCanceledException || StorageFailure.IsUnavailable(ex))
        {
            return Problems.Unavailable("storage is not reachable");
        }
    }
}
