using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.WorkerContract;

/// <summary>
/// Blob trigger bound as <see cref="BlobClient"/> (deferred binding: the worker reads the blob itself) whose
/// answer goes to a queue named with a path token, so the host must resolve <c>{folder}</c>.
/// </summary>
public static class BlobFunctions
{
    [Function("BlobLength")]
    [QueueOutput("contract-lengths-{folder}")]
    public static async Task<string> RunAsync(
        [BlobTrigger("contract-in/{folder}/{name}", Connection = "AzureWebJobsStorage")] BlobClient blob,
        string folder,
        string name,
        FunctionContext context)
    {
        var properties = await blob.GetPropertiesAsync(cancellationToken: context.CancellationToken).ConfigureAwait(false);
        return JsonSerializer.Serialize(new { folder, name, length = properties.Value.ContentLength, container = blob.BlobContainerName });
    }
}
