using Azure;
using Azure.Data.Tables;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;

namespace Bankflow.Functions.Infrastructure;

/// <summary>
/// The one door the stores go through to storage: the Azure SDK's service clients (registered once, see
/// <see cref="StorageRegistration"/>) and the app's tables, containers and queues by name. Thread-safe; one per process.
/// </summary>
public sealed class BankflowStorage(TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues)
{
    /// <summary>
    /// Uploads up to 8 MiB go in one Put Blob; larger ones in 4 MiB blocks committed by one Put Block List (which
    /// carries the create-only condition), so no single request outlasts the network timeout on a big file.
    /// </summary>
    public static readonly StorageTransferOptions UploadTransfer = new()
    {
        InitialTransferSize = 8 * 1024 * 1024,
        MaximumTransferSize = 4 * 1024 * 1024,
    };

    /// <summary>
    /// Upload options for a blob that is written once and never replaced (If-None-Match: *): when the blob exists
    /// the upload fails with 409 <see cref="BlobErrorCode.BlobAlreadyExists"/> and the stored blob stays as it was.
    /// Metadata values may be any text (<see cref="BlobMetadataText"/>).
    /// </summary>
    public static BlobUploadOptions CreateOnly(string contentType, IDictionary<string, string> metadata) => new()
    {
        HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
        Metadata = BlobMetadataText.Encode(metadata),
        Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        TransferOptions = UploadTransfer,
    };

    /// <summary>
    /// A create-only upload found the blob there: 409 BlobAlreadyExists from Put Blob; from the Put Block List of a
    /// block upload the service may answer 412 ConditionNotMet, and If-None-Match: * is the only condition we send.
    /// </summary>
    public static bool IsAlreadyThere(RequestFailedException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return (exception.Status == 409 && exception.ErrorCode == BlobErrorCode.BlobAlreadyExists)
               || (exception.Status == 412 && exception.ErrorCode == BlobErrorCode.ConditionNotMet);
    }

    public TableServiceClient Tables { get; } = tables ?? throw new ArgumentNullException(nameof(tables));

    public BlobServiceClient Blobs { get; } = blobs ?? throw new ArgumentNullException(nameof(blobs));

    public QueueServiceClient Queues { get; } = queues ?? throw new ArgumentNullException(nameof(queues));

    public TableClient Table(string name) => Tables.GetTableClient(name);

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);

    public QueueClient Queue(string name) => Queues.GetQueueClient(name);

    /// <summary>Creates every container, table and queue Bankflow uses (idempotent). In Azure, Bicep does this.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var container in StorageNames.Containers)
        {
            await Container(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        foreach (var table in StorageNames.Tables)
        {
            await Table(table).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
        await Queue(StorageNames.BlobPoisonQueue).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var queue in StorageNames.Queues)
        {
            await Queue(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
