using Microsoft.AspNetCore.Http;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// The caller's request body as the HTTP front forwards it, remembering why Kestrel refused it (over the size limit,
/// under the minimum data rate). HttpClient reports a failed body read as a cancelled or broken send, so without this
/// the front could not tell a caller's bad body (413, 408) from a worker that went away. It also counts the body's
/// bytes against the limit itself: Kestrel counts a chunked body with its chunk framing, which would refuse a
/// chunked upload of exactly the limit that a declared one of the same size passes.
/// </summary>
internal sealed class RejectionWatchingStream(Stream inner, long maxBytes) : Stream
{
    private long _read;

    /// <summary>Kestrel's refusal of the body, once a read threw it.</summary>
    public BadHttpRequestException? Rejection { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            _read += read;
            if (_read > maxBytes)
            {
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            }
            return read;
        }
        catch (BadHttpRequestException ex)
        {
            Rejection = ex;
            throw;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
