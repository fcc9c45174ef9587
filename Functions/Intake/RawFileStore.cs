using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Intake;

/// <summary>
/// Raw bytes in Blob Storage: the inbox (arrivals), the archive (immutable copy of every file as
/// received) and quarantine (files refused, with a reason a person can act on). Writes are create-only and
/// streamed (in blocks, never the whole file in memory): nothing here overwrites or deletes.
/// </summary>
public sealed class RawFileStore(BankflowStorage storage)
{
    public static string ArchivePath(ClientId client, DateTimeOffset receivedAt, string sha256) =>
        string.Create(CultureInfo.InvariantCulture, $"{client.Value}/{receivedAt.UtcDateTime:yyyy}/{receivedAt.UtcDateTime:MM}/{sha256}");

    /// <summary>Quarantine path; files without a valid client id go under <c>_unassigned/</c>.</summary>
    public static string QuarantinePath(ClientId? client, string sha256) =>
        $"{client?.Value ?? "_unassigned"}/{sha256}";

    /// <summary>An inbox blob (<paramref name="path"/> within the inbox container).</summary>
    public BlobClient Inbox(string path) => storage.Container(StorageNames.InboxContainer).GetBlobClient(path);

    /// <summary>Archives the bytes create-only; an existing copy (a retry) is kept as it is.</summary>
    public Task ArchiveAsync(string path, Stream content, IDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        CreateOnlyAsync(StorageNames.ArchiveContainer, path, content, "application/octet-stream", metadata, cancellationToken);

    /// <summary>Puts the bytes and a <c>.reason.json</c> beside them into quarantine (create-only, both).</summary>
    public async Task QuarantineAsync(string path, Stream content, QuarantineReason reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        await CreateOnlyAsync(StorageNames.QuarantineContainer, path, content, "application/octet-stream",
            new Dictionary<string, string> { ["sha256"] = reason.Sha256 }, cancellationToken).ConfigureAwait(false);
        using var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(reason, QuarantineReason.JsonOptions), writable: false);
        await CreateOnlyAsync(StorageNames.QuarantineContainer, path + ".reason.json", json, "application/json",
            new Dictionary<string, string>(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores a file into the inbox, where the blob trigger picks it up.</summary>
    public Task PutInboxAsync(string path, Stream content, IDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        CreateOnlyAsync(StorageNames.InboxContainer, path, content, "application/octet-stream", metadata, cancellationToken);

    /// <summary>An inbox file as it is now, or null when it is gone.</summary>
    public Task<PinnedBlob?> FindInboxAsync(string path, CancellationToken cancellationToken) =>
        PinnedBlob.FindAsync(Inbox(path), cancellationToken);

    /// <summary>The archived copy (<paramref name="path"/> within the archive container), or null when absent.</summary>
    public Task<PinnedBlob?> FindArchivedAsync(string path, CancellationToken cancellationToken) =>
        PinnedBlob.FindAsync(storage.Container(StorageNames.ArchiveContainer).GetBlobClient(path), cancellationToken);

    private static async Task CreateOnlyAsync(BlobClient blob, Stream content, string contentType, IDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        try
        {
            await blob.UploadAsync(content, BankflowStorage.CreateOnly(contentType, metadata), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (BankflowStorage.IsAlreadyThere(ex))
        {
            // Already there: the path holds the SHA-256 of the same bytes, so the copy is identical. A 412 from
            // reading a pinned source that changed meanwhile looks the same; then the target is not there and the
            // failure stands.
            if (!await blob.ExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                throw;
            }
        }
    }

    private Task CreateOnlyAsync(string container, string path, Stream content, string contentType, IDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        CreateOnlyAsync(storage.Container(container).GetBlobClient(path), content, contentType, metadata, cancellationToken);
}

/// <summary>The reason document stored beside a quarantined file.</summary>
public sealed record QuarantineReason(string ClientId, string Sha256, string? FileName, string? Channel, string Reason, IReadOnlyList<string> Diagnostics, DateTimeOffset QuarantinedAt)
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
