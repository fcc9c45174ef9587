using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Bankflow.Functions.Intake;

/// <summary>
/// A file's bytes, read as a stream as often as needed (hash, archive, detect, validate, store): never the whole
/// file in memory unless a format's reader needs it.
/// </summary>
public interface IFileContent
{
    long Length { get; }

    Task<Stream> OpenReadAsync(CancellationToken cancellationToken);
}

/// <summary>
/// A blob as it was when first seen: every read is pinned to that ETag, so the bytes hashed are the bytes archived
/// and parsed. A blob replaced in between fails the read (412) and with it the invocation; the host retries, and
/// the new version has its own trigger anyway.
/// </summary>
public sealed class PinnedBlob : IFileContent
{
    /// <summary>Big enough that a 200 MB file is some 50 requests, small enough to keep memory flat.</summary>
    private const int ReadBufferBytes = 4 * 1024 * 1024;

    private PinnedBlob(BlobClient blob, ETag etag, long length)
    {
        Blob = blob;
        ETag = etag;
        Length = length;
    }

    public BlobClient Blob { get; }

    public ETag ETag { get; }

    public long Length { get; }

    /// <summary>The blob's current version, or null when it does not exist (any more).</summary>
    public static async Task<PinnedBlob?> FindAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return new PinnedBlob(blob, properties.Value.ETag, properties.Value.ContentLength);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<Stream> OpenReadAsync(CancellationToken cancellationToken) =>
        await Blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false)
        {
            BufferSize = ReadBufferBytes,
            Conditions = new BlobRequestConditions { IfMatch = ETag },
        }, cancellationToken).ConfigureAwait(false);
}
