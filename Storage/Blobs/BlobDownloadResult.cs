namespace Bankflow.Storage.Blobs;

/// <summary>A whole blob in memory with its properties.</summary>
public sealed record BlobDownloadResult(BinaryData Content, BlobProperties Details);
