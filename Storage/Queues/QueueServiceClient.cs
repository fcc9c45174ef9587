using Bankflow.Storage.Core;

namespace Bankflow.Storage.Queues;

/// <summary>
/// Entry point to a storage account's Queue service (shaped like Azure.Storage.Queues' client of the same name):
/// SharedKey when the connection has a key, Entra ID bearer tokens otherwise.
/// </summary>
public sealed class QueueServiceClient
{
    private readonly QueueRest _rest;

    public QueueServiceClient(StorageConnection connection, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new StorageClientOptions();
        var pipeline = StoragePipeline.Build(options, connection, key => new BlobQueueSharedKeyPolicy(key));
        _rest = new QueueRest(pipeline, options.ServiceVersion, connection.QueueEndpoint);
        AccountName = connection.AccountName;
    }

    public string AccountName { get; }

    public Uri Uri => _rest.ServiceEndpoint;

    /// <summary>A client for one queue; validates the name (no request is made).</summary>
    public QueueClient GetQueueClient(string queueName)
    {
        QueueRest.ValidateQueueName(queueName, nameof(queueName));
        return new QueueClient(_rest, queueName);
    }
}
