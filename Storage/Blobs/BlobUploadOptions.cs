using Azure;

namespace Bankflow.Storage.Blobs;

/// <summary>Headers, metadata and conditions for an upload; in a block upload they apply to the commit (Put Block List).</summary>
public sealed class BlobUploadOptions
{
    /// <summary>Stored as the blob's Content-Type (x-ms-blob-content-type); the service default is application/octet-stream.</summary>
    public string? ContentType { get; init; }

    /// <summary>Names: C# identifiers. Values: any text; non-ASCII is percent-encoded transparently (see docs/storage-blobs-queues.md).</summary>
    public IDictionary<string, string>? Metadata { get; init; }

    /// <summary>Create only (If-None-Match: *): an existing blob makes the upload fail with 409 BlobAlreadyExists and stays as it was.</summary>
    public bool IfNoneMatchAll { get; init; }

    /// <summary>Overwrite only this version (If-Match): another ETag makes the upload fail with 412 ConditionNotMet.</summary>
    public ETag? IfMatch { get; init; }

    public StorageTransferOptions TransferOptions { get; init; }
}
