using System.Globalization;
using System.Text.Json;
using Azure;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Intake;

/// <summary>
/// Raw bytes in Blob Storage: the inbox (arrivals), the archive (immutable copy of every file as
/// received) and quarantine (files refused, with a reason a person can act on). Writes are create-only:
/// nothing here overwrites or deletes.
/// </summary>
public sealed class RawFileStore(BankflowStorage storage)
{
    public static string ArchivePath(ClientId client, DateTimeOffset receivedAt, string sha256) =>
        string.Create(CultureInfo.InvariantCulture, $"{client.Value}/{receivedAt.UtcDateTime:yyyy}/{receivedAt.UtcDateTime:MM}/{sha256}");

    /// <summary>Quarantine path; files without a valid client id go under <c>_unassigned/</c>.</summary>
    public static string QuarantinePath(ClientId? client, string sha256) =>
        $"{client?.Value ?? "_unassigned"}/{sha256}";

    /// <summary>Archives the bytes create-only; an existing copy (a retry) is kept as it is.</summary>
    public Task ArchiveAsync(string path, ReadOnlyMemory<byte> content, IDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        CreateOnlyAsync(StorageNames.ArchiveContainer, path, content, "application/octet-stream", metadata, cancellationToken);

    /// <summary>Puts the bytes and a <c>.reason.json</c> beside them into quarantine (create-only, both).</summary>
    public async Task QuarantineAsync(string path, ReadOnlyMemory<byte> content, QuarantineReason reason, CancellationToken cancellationToken)
    {
        await CreateOnlyAsync(StorageNames.QuarantineContainer, path, content, "application/octet-stream",
            new Dictionary<string, string> { ["sha256"] = reason.Sha256 }, cancellationToken).ConfigureAwait(false);
        var json = JsonSerializer.SerializeToUtf8Bytes(reason, QuarantineReason.JsonOptions);
        await CreateOnlyAsync(StorageNames.QuarantineContainer, path + ".reason.json", json, "application/json",
            new Dictionary<string, string>(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores an uploaded file into the inbox, where the blob trigger picks it up.</summary>
    public Task PutInboxAsync(string path, ReadOnlyMemory<byte> content, IDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        CreateOnlyAsync(StorageNames.InboxContainer, path, content, "application/octet-stream", metadata, cancellationToken);

    /// <summary>An inbox file's bytes, or null when it is gone.</summary>
    public Task<byte[]?> GetInboxAsync(string path, CancellationToken cancellationToken) =>
        GetAsync(StorageNames.InboxContainer, path, cancellationToken);

    /// <summary>The archived copy's bytes (<paramref name="path"/> within the archive container), or null when absent.</summary>
    public Task<byte[]?> GetArchivedAsync(string path, CancellationToken cancellationToken) =>
        GetAsync(StorageNames.ArchiveContainer, path, cancellationToken);

    private async Task<byte[]?> GetAsync(string container, string path, CancellationToken cancellationToken)
    {
        try
        {
            var result = await storage.Container(container).GetBlobClient(path).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return result.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private async Task CreateOnlyAsync(string container, string path, ReadOnlyMemory<byte> content, string contentType, IDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var blob = storage.Container(container).GetBlobClient(path);
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(content), BankflowStorage.CreateOnly(contentType, metadata), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (BankflowStorage.IsAlreadyThere(ex))
        {
            // Already there: the path holds the SHA-256 of the same bytes, so the copy is identical.
        }
    }
}

/// <summary>The reason document stored beside a quarantined file.</summary>
public sealed record QuarantineReason(string ClientId, string Sha256, string? FileName, string? Channel, string Reason, IReadOnlyList<string> Diagnostics, DateTimeOffset QuarantinedAt)
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
