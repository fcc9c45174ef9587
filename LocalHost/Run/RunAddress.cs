using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Bankflow.LocalHost.Run;

/// <summary>
/// Where <c>bankflow run</c> serves HTTP (loopback), decided before anything starts: the handler's settings that name
/// this address — Sbanken's redirect URI, which the simulator sends the browser back to — are fixed when the worker
/// starts, before the HTTP front listens. So <c>--port 0</c> is resolved here to a concrete free port, and that port is
/// the one the front listens on and the one the redirect names.
/// </summary>
public sealed record RunAddress(int Port)
{
    public Uri BaseAddress => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/"));

    /// <summary>The Sbanken callback on this address (<c>/api/sbanken/callback</c>).</summary>
    public Uri SbankenCallback => new(BaseAddress, "api/sbanken/callback");

    /// <summary>The requested port, or for 0 a port the system says is free now.</summary>
    /// <remarks>
    /// The port is released again before the front binds it, so another process could take it in between (a few
    /// seconds while the worker starts); the front then fails to start with "address in use" and the run says so.
    /// </remarks>
    public static RunAddress Resolve(int requestedPort)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requestedPort);
        if (requestedPort != 0)
        {
            return new RunAddress(requestedPort);
        }
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return new RunAddress(((IPEndPoint)probe.LocalEndPoint!).Port);
    }
}
