namespace Bankflow.Storage.Blobs;

/// <summary>
/// A blob being read from the network: <see cref="Content"/> reads the response body as it arrives (nothing is
/// buffered whole). Dispose it (or the result) to release the connection.
/// </summary>
public sealed class BlobDownloadStreamingResult : IDisposable, IAsyncDisposable
{
    internal BlobDownloadStreamingResult(Stream content, BlobProperties details)
    {
        Content = content;
        Details = details;
    }

    public Stream Content { get; }

    public BlobProperties Details { get; }

    public void Dispose() => Content.Dispose();

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
