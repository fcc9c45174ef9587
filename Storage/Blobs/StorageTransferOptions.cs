namespace Bankflow.Storage.Blobs;

/// <summary>
/// How an upload is split. Content up to <see cref="InitialTransferSize"/> bytes goes in one Put Blob; larger
/// content is staged with Put Block in blocks of <see cref="MaximumTransferSize"/> bytes and committed with
/// Put Block List. Each block is held in memory while it is sent, hence the 256 MiB cap.
/// </summary>
public readonly record struct StorageTransferOptions
{
    public const long DefaultInitialTransferSize = 8 * 1024 * 1024;

    public const long DefaultMaximumTransferSize = 4 * 1024 * 1024;

    public const long Limit = 256 * 1024 * 1024;

    /// <summary>The single-request threshold in bytes (1 … 256 MiB; default 8 MiB).</summary>
    public long? InitialTransferSize { get; init; }

    /// <summary>The block size in bytes above the threshold (1 … 256 MiB; default 4 MiB).</summary>
    public long? MaximumTransferSize { get; init; }
}
