namespace Bankflow.Domain.Iso20022.Common;

/// <summary>Thrown by <see cref="MarkupGapGuardStream"/> when a single XML token exceeds the limit.</summary>
public sealed class XmlTokenTooLongException(long offset, int limit)
    : IOException($"more than {limit} bytes without any XML markup, near byte {offset}: not an ISO 20022 file, or one with an absurdly long value")
{
    public long Offset { get; } = offset;

    public int Limit { get; } = limit;
}

/// <summary>
/// A read-only pass-through stream that fails when more than <c>limit</c> bytes pass without a '&lt;' or '&gt;'.
/// XmlReader buffers a whole text node, attribute value or name in memory; this bounds that buffer, so a
/// huge file without markup (or one giant value) ends with a clear error instead of gigabytes of memory.
/// Works for UTF-8 and UTF-16 alike: the bytes 0x3C and 0x3E never occur inside a multi-byte UTF-8 sequence.
/// </summary>
public sealed class MarkupGapGuardStream(Stream inner, int limit) : Stream
{
    private long _gap;
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Inspect(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Inspect(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Inspect(ReadOnlySpan<byte> chunk)
    {
        var first = chunk.IndexOfAny((byte)'<', (byte)'>');
        if (first < 0)
        {
            _gap += chunk.Length;
            _position += chunk.Length;
            if (_gap > limit)
            {
                throw new XmlTokenTooLongException(_position, limit);
            }
            return;
        }
        if (_gap + first > limit)
        {
            throw new XmlTokenTooLongException(_position + first, limit);
        }
        if (chunk.Length > limit)
        {
            // Only a chunk longer than the limit can hide a long gap between two markup characters.
            var rest = chunk[(first + 1)..];
            var at = first + 1;
            while (true)
            {
                var next = rest.IndexOfAny((byte)'<', (byte)'>');
                var gap = next < 0 ? rest.Length : next;
                if (next >= 0 && gap > limit)
                {
                    throw new XmlTokenTooLongException(_position + at + gap, limit);
                }
                if (next < 0)
                {
                    break;
                }
                rest = rest[(next + 1)..];
                at += next + 1;
            }
        }
        var last = chunk.LastIndexOfAny((byte)'<', (byte)'>');
        _gap = chunk.Length - last - 1;
        _position += chunk.Length;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
