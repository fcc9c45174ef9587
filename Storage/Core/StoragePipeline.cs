using Azure.Core;
using Azure.Core.Pipeline;

namespace Bankflow.Storage.Core;

/// <summary>Builds the Azure.Core pipeline (retries, logging, cancellation) with the right authentication policy.</summary>
internal static class StoragePipeline
{
    /// <summary>The Entra ID scope for all storage data-plane calls.</summary>
    public const string TokenScope = "https://storage.azure.com/.default";

    /// <param name="sharedKeyPolicy">Table and Blob/Queue sign differently; each service supplies its own policy.</param>
    public static HttpPipeline Build(StorageClientOptions options, StorageConnection connection, Func<StorageSharedKeyCredential, HttpPipelinePolicy> sharedKeyPolicy)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connection);
        HttpPipelinePolicy auth = connection.SharedKey is { } key
            ? sharedKeyPolicy(key)
            : new BearerTokenAuthenticationPolicy(
                connection.TokenCredential ?? throw new InvalidOperationException("connection has neither a shared key nor a token credential"),
                TokenScope);
        // Authentication runs per retry: a SharedKey signature covers x-ms-date, which must be fresh each try.
        return HttpPipelineBuilder.Build(options, perCallPolicies: [], perRetryPolicies: [auth], new ResponseClassifier());
    }
}
