using System.Globalization;
using System.Text;

namespace Bankflow.Testing.Faults;

/// <summary>One HTTP/1.1 message as it crossed the wire: its exact bytes (head and body) and what framing needs from its head.</summary>
internal sealed record HttpWireMessage(byte[] Raw, string StartLine, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary><c>Connection: close</c> — no further message on this connection.</summary>
    public bool Closes => Header("Connection")?.Contains("close", StringComparison.OrdinalIgnoreCase) == true;
}

/// <summary>
/// Reads whole HTTP/1.1 messages off a stream, byte for byte (the proxy forwards them unchanged, so the storage SDKs'
/// signatures still hold): the head up to the blank line, then the body as the head frames it — Content-Length,
/// chunked (chunks, extensions and trailers kept), none, or (a response without either) up to the end of the stream.
/// Bodies are held in memory: the proxy serves tests with small files.
/// </summary>
internal sealed class HttpWireReader(Stream stream)
{
    private const int MaxHead = 256 * 1024;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>The next request, or null when the peer closed the connection between messages.</summary>
    public async Task<HttpWireMessage?> ReadRequestAsync(CancellationToken cancellationToken)
    {
        var raw = new MemoryStream();
        var head = await ReadHeadAsync(raw, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return null;
        }
        var (startLine, headers) = head.Value;
        await ReadBodyAsync(raw, headers, bodyUntilEnd: false, cancellationToken).ConfigureAwait(false);
        return new HttpWireMessage(raw.ToArray(), startLine, headers);
    }

    /// <summary>The answer to a request with <paramref name="method"/>, interim (1xx) answers included before it.</summary>
    public async Task<HttpWireMessage?> ReadResponseAsync(string method, CancellationToken cancellationToken)
    {
        var raw = new MemoryStream();
        while (true)
        {
            var head = await ReadHeadAsync(raw, cancellationToken).ConfigureAwait(false);
            if (head is null)
            {
                return null;
            }
            var (statusLine, headers) = head.Value;
            var parts = statusLine.Split(' ', 3);
            var status = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
            if (status is >= 100 and < 200)
            {
                continue; // interim: kept in the raw bytes, the final answer follows
            }
            if (!string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase) && status is not (204 or 304))
            {
                await ReadBodyAsync(raw, headers, bodyUntilEnd: true, cancellationToken).ConfigureAwait(false);
            }
            return new HttpWireMessage(raw.ToArray(), statusLine, headers);
        }
    }

    private async Task<(string StartLine, Dictionary<string, string> Headers)?> ReadHeadAsync(MemoryStream raw, CancellationToken cancellationToken)
    {
        var head = new MemoryStream();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                if (head.Length == 0)
                {
                    return null;
                }
                throw new IOException("the connection closed in the middle of a message head");
            }
            var b = _buffer[_start++];
            head.WriteByte(b);
            if (b == '\n' && EndsWithBlankLine(head))
            {
                break;
            }
            if (head.Length > MaxHead)
            {
                throw new IOException("message head too long");
            }
        }
        var bytes = head.ToArray();
        raw.Write(bytes);
        var lines = Encoding.Latin1.GetString(bytes).Split("\r\n");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }
        return (lines[0], headers);
    }

    private static bool EndsWithBlankLine(MemoryStream head)
    {
        if (head.Length < 4)
        {
            return false;
        }
        var b = head.GetBuffer();
        var n = (int)head.Length;
        return b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
    }

    private async Task ReadBodyAsync(MemoryStream raw, Dictionary<string, string> headers, bool bodyUntilEnd, CancellationToken cancellationToken)
    {
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            while (true)
            {
                var line = await ReadLineAsync(raw, cancellationToken).ConfigureAwait(false);
                var sizeText = line.Split(';', 2)[0].Trim();
                var size = long.Parse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    // Trailers, then the blank line that ends the message.
                    while ((await ReadLineAsync(raw, cancellationToken).ConfigureAwait(false)).Length > 0)
                    {
                    }
                    return;
                }
                await CopyAsync(raw, size + 2, cancellationToken).ConfigureAwait(false);
            }
        }
        if (headers.TryGetValue("Content-Length", out var lengthText))
        {
            await CopyAsync(raw, long.Parse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            return;
        }
        if (bodyUntilEnd)
        {
            while (_start < _end || await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                raw.Write(_buffer, _start, _end - _start);
                _start = _end;
            }
        }
    }

    /// <summary>One line, CRLF included in <paramref name="raw"/>, returned without it.</summary>
    private async Task<string> ReadLineAsync(MemoryStream raw, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new IOException("the connection closed in the middle of a chunked body");
            }
            var b = _buffer[_start++];
            raw.WriteByte(b);
            if (b == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }
            line.Append((char)b);
        }
    }

    private async Task CopyAsync(MemoryStream raw, long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new IOException("the connection closed in the middle of a body");
            }
            var take = (int)Math.Min(count, _end - _start);
            raw.Write(_buffer, _start, take);
            _start += take;
            count -= take;
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        return _end > 0;
    }
}
