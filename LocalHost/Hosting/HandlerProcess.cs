using System.Diagnostics;
using System.Net.Sockets;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// Runs the custom handler as the Functions host does: a child process given FUNCTIONS_CUSTOMHANDLER_PORT
/// (and the legacy FUNCTIONS_HTTPWORKER_PORT), ready once any HTTP answer comes back on 127.0.0.1:port.
/// The host restarts a handler that exits; so does <see cref="EnsureRunningAsync"/>.
/// </summary>
public sealed class HandlerProcess : IAsyncDisposable
{
    private readonly string _handlerDll;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly Action<string> _log;
    private Process? _process;

    public HandlerProcess(string handlerDll, int port, IReadOnlyDictionary<string, string> environment, Action<string> log)
    {
        _handlerDll = handlerDll;
        Port = port;
        _environment = environment;
        _log = log;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public bool IsRunning => _process is { HasExited: false };

    public int? ProcessId => IsRunning ? _process!.Id : null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(_handlerDll)!,
        };
        info.ArgumentList.Add(_handlerDll);
        var port = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port;
        info.Environment["FUNCTIONS_HTTPWORKER_PORT"] = port;
        info.Environment["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = Guid.NewGuid().ToString();
        info.Environment["FUNCTIONS_APP_ROOT_PATH"] = info.WorkingDirectory;
        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        // The host copies the handler's stdout/stderr into its log; so do we.
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _log("handler: " + e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _log("handler (stderr): " + e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilReadyAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Restarts the handler when it has exited (crash, kill), as the host does. A process that was just killed
    /// may not be reaped yet, so a handler whose port refuses connections counts as dead too.
    /// </summary>
    public async Task EnsureRunningAsync(CancellationToken cancellationToken)
    {
        if (IsRunning && !await AcceptsConnectionsAsync(cancellationToken).ConfigureAwait(false))
        {
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            grace.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                await _process!.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                _process!.Kill(entireProcessTree: true); // alive but deaf: replace it
                await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        if (!IsRunning)
        {
            _log($"handler is not running (exit code {(_process is { HasExited: true } p ? p.ExitCode : null)}); restarting");
            _process?.Dispose();
            await StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> AcceptsConnectionsAsync(CancellationToken cancellationToken)
    {
        using var socket = new TcpClient();
        try
        {
            await socket.ConnectAsync(System.Net.IPAddress.Loopback, Port, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Kills the handler at once (used by tests to simulate a crash mid-invocation).</summary>
    public void Kill()
    {
        if (IsRunning)
        {
            _process!.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"the handler exited with code {_process.ExitCode} during start-up");
            }
            try
            {
                // Any HTTP answer means ready, as for the host; only a socket error means "not yet".
                using var _ = await http.GetAsync("/", cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException ex) when (ex.InnerException is SocketException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the handler did not answer on {BaseAddress} within {timeout.TotalSeconds:0} s");
            }
            await Task.Delay(25, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
            _process.Dispose();
        }
    }
}
