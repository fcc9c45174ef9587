using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Bankflow.Testing.Faults;

/// <summary>
/// A loopback HTTP/1.1 proxy in front of one storage service of Azurite (blob, queue or table) that injects faults as a
/// <see cref="FaultPlan"/> decides: latency, 500/503 answers of its own (storage's error shape: XML for blobs and queues,
/// JSON for tables, with <c>x-ms-error-code</c>) and connection resets — before storage sees the request, or after it
/// answered (the answer is lost). Messages are forwarded byte for byte, so the SDKs' shared-key signatures hold. Every
/// request is recorded in the <see cref="FaultLog"/>.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly string _service;
    private readonly int _upstreamPort;
    private readonly FaultPlan _plan;
    private readonly FaultLog _log;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly List<TcpClient> _open = [];

    private FaultProxy(string service, int upstreamPort, FaultPlan plan, FaultLog log)
    {
        _service = service;
        _upstreamPort = upstreamPort;
        _plan = plan;
        _log = log;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    /// <summary>The loopback port to point clients at.</summary>
    public int Port { get; }

    /// <param name="service"><c>blob</c>, <c>queue</c> or <c>table</c>: the shape of injected errors and the name in the log.</param>
    public static FaultProxy Start(string service, int upstreamPort, FaultPlan plan, FaultLog log) => new(service, upstreamPort, plan, log);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            lock (_open)
            {
                _open.Add(client);
            }
            _ = ServeAsync(client);
        }
    }

    /// <summary>One client connection: its requests in order, over one upstream connection opened on the first forward.</summary>
    private async Task ServeAsync(TcpClient client)
    {
        TcpClient? upstream = null;
        try
        {
            client.NoDelay = true;
            var down = client.GetStream();
            var fromClient = new HttpWireReader(down);
            HttpWireReader? fromStorage = null;
            while (!_stop.IsCancellationRequested)
            {
                var request = await fromClient.ReadRequestAsync(_stop.Token).ConfigureAwait(false);
                if (request is null)
                {
                    return;
                }
                var (fault, latency) = _plan.Next(request.StartLine);
                var method = request.StartLine.Split(' ', 2)[0];
                _log.Add(new ProxiedRequest(_service, method, Resource(request.StartLine), request.Header("x-ms-client-request-id"), fault));
                switch (fault)
                {
                    case FaultKind.Status500:
                    case FaultKind.Status503:
                        await down.WriteAsync(ErrorAnswer(fault == FaultKind.Status500 ? 500 : 503, request), _stop.Token).ConfigureAwait(false);
                        continue;
                    case FaultKind.ResetBeforeForward:
                        Reset(client);
                        return;
                    case FaultKind.Latency:
                        await Task.Delay(latency, _stop.Token).ConfigureAwait(false);
                        break;
                }
                if (upstream is null)
                {
                    upstream = new TcpClient { NoDelay = true };
                    await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token).ConfigureAwait(false);
                    fromStorage = new HttpWireReader(upstream.GetStream());
                }
                await upstream.GetStream().WriteAsync(request.Raw, _stop.Token).ConfigureAwait(false);
                var response = await fromStorage!.ReadResponseAsync(method, _stop.Token).ConfigureAwait(false);
                if (response is null || fault == FaultKind.ResetAfterForward)
                {
                    Reset(client);
                    return;
                }
                await down.WriteAsync(response.Raw, _stop.Token).ConfigureAwait(false);
                if (request.Closes || response.Closes)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or FormatException or OverflowException)
        {
            // A peer went away (storage killed, the client gave up): this connection ends; the client sees it closed.
            Reset(client);
        }
        finally
        {
            upstream?.Dispose();
            client.Dispose();
            lock (_open)
            {
                _open.Remove(client);
            }
        }
    }

    /// <summary>The operation's resource for the report: the first path segment after the account, keys and query dropped.</summary>
    private static string Resource(string requestLine)
    {
        var target = requestLine.Split(' ', 3) is { Length: > 1 } parts ? parts[1] : "";
        var path = target.Split('?', 2)[0];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2)
        {
            return "(account)";
        }
        var resource = segments[1];
        var key = resource.IndexOf('(', StringComparison.Ordinal);
        resource = Uri.UnescapeDataString(key < 0 ? resource : resource[..key]);
        return segments.Length > 2 && segments[^1] == "messages" ? resource + "/messages" : resource;
    }

    /// <summary>An error answer in storage's own shape, so the SDK treats it as the service's (and retries 500 and 503).</summary>
    private byte[] ErrorAnswer(int status, HttpWireMessage request)
    {
        var code = status == 503 ? "ServerBusy" : "InternalError";
        var message = $"{code}: injected by the fault proxy";
        var (contentType, body) = _service == "table"
            ? ("application/json;odata=minimalmetadata;streaming=true;charset=utf-8", "{\"odata.error\":{\"code\":\"" + code + "\",\"message\":{\"lang\":\"en-US\",\"value\":\"" + message + "\"}}}")
            : ("application/xml", $"""<?xml version="1.0" encoding="utf-8"?><Error><Code>{code}</Code><Message>{message}</Message></Error>""");
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {(status == 503 ? "Service Unavailable" : "Internal Server Error")}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {bytes.Length}\r\n")
            .Append(CultureInfo.InvariantCulture, $"x-ms-error-code: {code}\r\n")
            .Append(CultureInfo.InvariantCulture, $"x-ms-request-id: {Guid.NewGuid()}\r\n");
        if (request.Header("x-ms-client-request-id") is { } id)
        {
            head.Append(CultureInfo.InvariantCulture, $"x-ms-client-request-id: {id}\r\n");
        }
        head.Append("\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. bytes];
    }

    /// <summary>A TCP reset, not a close: linger 0 makes the kernel send RST, as a broken network or a crashed server does.</summary>
    private static void Reset(TcpClient client)
    {
        try
        {
            client.Client.LingerState = new LingerOption(true, 0);
            client.Client.Close();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        lock (_open)
        {
            foreach (var client in _open)
            {
                client.Dispose();
            }
        }
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
