using Azure.Storage.Blobs;
using Bankflow.Functions.Events;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Reconciliation;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Endpoints.ImportBankFile;

/// <summary>
/// Blob trigger on <c>inbox/{clientId}/{channel}/{name}</c> (Event Grid source: the only one Flex Consumption
/// accepts). The blob is bound as a <see cref="BlobClient"/> (deferred binding: the host sends where the blob is,
/// the worker reads it itself). The outcome's event is published on bank-events after the FileImports record; a file that
/// brought bank entries then asks for a reconciliation of its client (reconcile-requests).
/// </summary>
public sealed partial class ImportBankFileFunction(ImportBankFileUseCase useCase, IEventPublisher events, ReconcileRequests reconcile, ILogger<ImportBankFileFunction> logger)
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
            await ReconcileAfterAsync(reconcile, bankEvent, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Entries committed: match what is new (a duplicate delivery asks again; a run with nothing new changes nothing).</summary>
    internal static Task ReconcileAfterAsync(ReconcileRequests reconcile, FileImportedEvent bankEvent, CancellationToken cancellationToken) =>
        bankEvent is { EventType: FileImportedEvent.Imported, EntryCount: > 0 } && Domain.Values.ClientId.TryParse(bankEvent.ClientId, out var client, out _)
            ? reconcile.RequestAsync(client!, null, cancellationToken)
            : Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbox blob {BlobName} no longer exists; nothing to import")]
    private static partial void LogGone(ILogger logger, string blobName);
}
