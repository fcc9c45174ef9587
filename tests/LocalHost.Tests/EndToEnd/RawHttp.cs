using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Bankflow.LocalHost.Tests.EndToEnd;

/// <summary>
/// HTTP/1.1 over a plain socket, for bodies HttpClient will not send the way a hostile caller does: chunked bodies of
/// any size, bodies that trickle. The answer is read while the body is still being written, so an early answer
/// (413, 408) is seen when the server gives it.
/// </summary>
internal static class RawHttp
{
    public sealed record Reply(int Status, string? ContentType, string Body, TimeSpan Elapsed);

    /// <summary>Sends the head, then <paramref name="writeBody"/>'s bytes (it writes chunk framing itself when chunked).</summary>
    public static async Task<Reply> SendAsync(Uri server, string method, string pathAndQuery, IReadOnlyDictionary<string, string> headers,
        Func<Stream, CancellationToken, Task> writeBody, TimeSpan timeout)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"{method} {pathAndQuery} HTTP/1.1\r\nHost: {server.Authority}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }
        head.Append("\r\n");
        var watch = Stopwatch.StartNew();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        using var deadline = new CancellationTokenSource(timeout);
        var writing = Task.Run(async () =>
        {
            try
            {
                await writeBody(stream, deadline.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The server answered and closed, or we stopped: the body is not needed any more.
            }
        });
        var reply = await ReadReplyAsync(stream, deadline.Token);
        watch.Stop();
        await deadline.CancelAsync();
        await writing;
        return reply with { Elapsed = watch.Elapsed };
    }

    /// <summary>Writes <paramref name="total"/> bytes as chunks of <paramref name="chunk"/> bytes, waiting <paramref name="pause"/> between them, then the last chunk.</summary>
    public static Func<Stream, CancellationToken, Task> Chunked(long total, int chunk, TimeSpan pause, byte fill = (byte)'x') => async (stream, ct) =>
    {
        var data = new byte[chunk];
        Array.Fill(data, fill);
        for (long sent = 0; sent < total; sent += chunk)
        {
            var size = (int)Math.Min(chunk, total - sent);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(size.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), ct);
            await stream.WriteAsync(data.AsMemory(0, size), ct);
            await stream.WriteAsync("\r\n"u8.ToArray(), ct);
            await stream.FlushAsync(ct);
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, ct);
            }
        }
        await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), ct);
    };

    private static async Task<Reply> ReadReplyAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int headEnd;
        while ((headEnd = IndexOf(buffer, "\r\n\r\n"u8)) < 0)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                throw new IOException("the connection closed before an answer arrived");
            }
            buffer.Write(chunk, 0, read);
        }
        var all = buffer.ToArray();
        var head = Encoding.ASCII.GetString(all, 0, headEnd).Split("\r\n");
        var status = int.Parse(head[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = head.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var rest = new MemoryStream();
        rest.Write(all, headEnd + 4, all.Length - headEnd - 4);
        // Read to the end of the answer: by its length, to the last chunk, or until the server closes.
        async Task<bool> MoreAsync()
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            rest.Write(chunk, 0, read);
            return read > 0;
        }
        if (headers.TryGetValue("Content-Length", out var length))
        {
            while (rest.Length < long.Parse(length, CultureInfo.InvariantCulture) && await MoreAsync())
            {
            }
        }
        else if (headers.TryGetValue("Transfer-Encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            while (IndexOf(rest, "0\r\n\r\n"u8) < 0 && await MoreAsync())
            {
            }
            rest = Dechunk(rest.ToArray());
        }
        else
        {
            while (await MoreAsync())
            {
            }
        }
        headers.TryGetValue("Content-Type", out var contentType);
        return new Reply(status, contentType?.Split(';')[0], Encoding.UTF8.GetString(rest.ToArray()), TimeSpan.Zero);
    }

    private static MemoryStream Dechunk(byte[] data)
    {
        var output = new MemoryStream();
        var at = 0;
        while (at < data.Length)
        {
            var lineEnd = Array.IndexOf(data, (byte)'\n', at);
            var size = int.Parse(Encoding.ASCII.GetString(data, at, lineEnd - at).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }
            output.Write(data, lineEnd + 1, size);
            at = lineEnd + 1 + size + 2;
        }
        return output;
    }

    private static int IndexOf(MemoryStream stream, ReadOnlySpan<byte> pattern) => stream.GetBuffer().AsSpan(0, (int)stream.Length).IndexOf(pattern);
}
