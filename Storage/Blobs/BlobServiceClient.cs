using Bankflow.Storage.Core;

namespace Bankflow.Storage.Blobs;

/// <summary>
/// Entry point to a storage account's Blob service (shaped like Azure.Storage.Blobs' client of the same name):
/// SharedKey when the connection has a key, Entra ID bearer tokens otherwise.
/// </summary>
public sealed class BlobServiceClient
{
    private readonly BlobRest _rest;

    public BlobServiceClient(StorageConnection connection, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new StorageClientOptions();
        var pipeline = StoragePipeline.Build(options, connection, key => new BlobQueueSharedKeyPolicy(key));
        _rest = new BlobRest(pipeline, options.ServiceVersion, connection.BlobEndpoint);
        AccountName = connection.AccountName;
    }

    public string AccountName { get; }

    public Uri Uri => _rest.ServiceEndpoint;

    /// <summary>A client for one container; validates the name (no request is made).</summary>
    public BlobContainerClient GetBlobContainerClient(string blobContainerName)
    {
        BlobNames.ValidateContainerName(blobContainerName, nameof(blobContainerName));
        return new BlobContainerClient(_rest, blobContainerName);
    }
}
