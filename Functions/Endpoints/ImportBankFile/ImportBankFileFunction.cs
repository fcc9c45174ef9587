using Azure.Storage.Blobs;
using Bankflow.Functions.Events;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Endpoints.ImportBankFile;

/// <summary>
/// Blob trigger on <c>inbox/{clientId}/{channel}/{name}</c> (Event Grid source: the only one Flex Consumption
/// accepts). The blob is bound as a <see cref="BlobClient"/> (deferred binding: the host sends where the blob is,
/// the worker reads it itself). The outcome's event is published on bank-events after the FileImports record.
/// </summary>
public sealed partial class ImportBankFileFunction(ImportBankFileUseCase useCase, IEventPublisher events, ILogger<ImportBankFileFunction> logger)
{
    public const string Name = "ImportBankFile";
    public const string Path = StorageNames.InboxContainer + "/{clientId}/{channel}/{name}";

    [Function(Name)]
    public async Task RunAsync(
        [BlobTrigger(Path, Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient file,
        string clientId, string channel, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        // Every read of the blob is pinned to the version seen now (see PinnedBlob).
        var content = await PinnedBlob.FindAsync(file, cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            // Event Grid can deliver the creation event after the blob was deleted again: nothing to import.
            LogGone(logger, file.Name);
            return;
        }
        var bankEvent = await useCase.RunAsync(new InboxFile(clientId, channel, name, content), cancellationToken).ConfigureAwait(false);
        if (bankEvent is not null)
        {
            // After the FileImports record (the commit marker): a re-run publishes the same event id again.
            await events.PublishAsync(bankEvent, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbox blob {BlobName} no longer exists; nothing to import")]
    private static partial void LogGone(ILogger logger, string blobName);
}
