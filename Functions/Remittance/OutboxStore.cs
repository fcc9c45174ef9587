using Azure;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Remittance;

/// <summary>
/// Payment files for the banks in the outbox container: <c>outbox/{clientId}/{bank}/{batchId}.xml</c>, written
/// create-only — a file handed to a bank is never replaced, and sending twice finds the first file there.
/// </summary>
public sealed class OutboxStore(BankflowStorage storage)
{
    public static string PathOf(ClientId client, Bank bank, string batchId) =>
        $"{client.Value}/{bank.ToString().ToLowerInvariant()}/{batchId.Replace('/', '_')}.xml";

    /// <summary>Writes the file unless it exists; true when this call wrote it.</summary>
    public async Task<bool> WriteOnceAsync(string path, byte[] content, IDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var blob = storage.Container(StorageNames.OutboxContainer).GetBlobClient(path);
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(content), BankflowStorage.CreateOnly("application/xml", metadata), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (BankflowStorage.IsAlreadyThere(ex))
        {
            return false;
        }
    }

    public async Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var result = await storage.Container(StorageNames.OutboxContainer).GetBlobClient(path).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return result.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
