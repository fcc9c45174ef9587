using Azure;

namespace Bankflow.Storage.Blobs;

/// <summary>
/// A blob's system properties and metadata (from Get Blob Properties or a download's headers).
/// <see cref="CopyStatus"/> is "pending", "success", "aborted" or "failed" after a Copy Blob, otherwise null.
/// </summary>
public sealed record BlobProperties(
    long ContentLength,
    string? ContentType,
    ETag ETag,
    DateTimeOffset LastModified,
    DateTimeOffset? CreatedOn,
    IReadOnlyDictionary<string, string> Metadata,
    string? CopyStatus = null,
    string? CopyStatusDescription = null);
