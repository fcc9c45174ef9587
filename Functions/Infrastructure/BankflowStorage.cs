using Bankflow.Storage.Blobs;
using Bankflow.Storage.Core;
using Bankflow.Storage.Queues;
using Bankflow.Storage.Tables;

namespace Bankflow.Functions.Infrastructure;

/// <summary>The long-lived storage clients of the app (thread-safe; one per process).</summary>
public sealed class BankflowStorage(StorageConnection connection, StorageClientOptions? options = null)
{
    public TableServiceClient Tables { get; } = new(connection, options);

    public BlobServiceClient Blobs { get; } = new(connection, options);

    public QueueServiceClient Queues { get; } = new(connection, options);

    public TableClient Table(string name) => Tables.GetTableClient(name);

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);

    /// <summary>Creates every container and table Bankflow uses (idempotent). In Azure, Bicep does this.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var container in StorageNames.Containers)
        {
            await Container(container).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
        foreach (var table in StorageNames.Tables)
        {
            await Table(table).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
        await Queues.GetQueueClient(StorageNames.BlobPoisonQueue).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var queue in StorageNames.Queues)
        {
            await Queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
