using Azure.Data.Tables;
using Bankflow.Functions.Http;
using Bankflow.Functions.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Bankflow.Functions.Endpoints.Health;

/// <summary><c>GET /api/health</c>: is storage reachable? Anonymous, and it says nothing about any client.</summary>
public static class HealthFunction
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/api/health", async (BankflowStorage storage, HttpContext context) =>
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await storage.Table(StorageNames.FileImportsTable).GetEntityIfExistsAsync<TableEntity>("health", "probe", cancellationToken: timeout.Token).ConfigureAwait(false);
            await storage.Container(StorageNames.InboxContainer).ExistsAsync(timeout.Token).ConfigureAwait(false);
            return Results.Ok(new { status = "healthy", storage = "reachable" });
        }
        catch (Exception ex) when (ex is OperationCanceledException || StorageFailure.IsUnavailable(ex))
        {
            return Problems.Unavailable("storage is not reachable");
        }
    });
}
