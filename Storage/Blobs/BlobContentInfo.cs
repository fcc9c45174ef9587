using Azure;

namespace Bankflow.Storage.Blobs;

/// <summary>What an upload or metadata change left behind: the new ETag and Last-Modified.</summary>
public sealed record BlobContentInfo(ETag ETag, DateTimeOffset LastModified);
