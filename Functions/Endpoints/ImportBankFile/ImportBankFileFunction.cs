using Azure.Storage.Blobs;
using Bankflow.Functions.Events;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.ImportBankFile;

/// <summary>
/// Blob trigger on <c>inbox/{clientId}/{channel}/{name}</c> (Event Grid source: the only one Flex Consumption
/// accepts). The blob is bound as a <see cref="BlobClient"/> (deferred binding: the host sends where the blob is,
/// the worker reads it itself). The outcome's event is published on bank-events after the FileImports record.
/// </summary>
public sealed class ImportBankFileFunction(ImportBankFileUseCase useCase, IEventPublisher events)
{
    public const string Name = "ImportBankFile";
    public const string Path = StorageNames.InboxContainer + "/{clientId}/{channel}/{name}";

    [Function(Name)]
    public async Task RunAsync(
        [BlobTrigger(Path, Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient file,
        string clientId, string channel, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var content = await file.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        var bankEvent = await useCase.RunAsync(new InboxFile(clientId, channel, name, content.Value.Content.ToMemory()), cancellationToken).ConfigureAwait(false);
        if (bankEvent is not null)
        {
            await events.PublishAsync(bankEvent, cancellationToken).ConfigureAwait(false);
        }
    }
}
