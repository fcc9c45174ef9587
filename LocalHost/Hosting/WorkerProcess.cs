using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bankflow.LocalHost.Hosting.Rpc;
using Bankflow.LocalHost.Hosting.Rpc.Messages;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// Runs the .NET isolated worker as the Functions host does and keeps it connected:
/// <c>dotnet &lt;defaultWorkerPath of worker.config.json&gt;</c> in the app folder with
/// <c>--functions-uri/-worker-id/-request-id/-grpc-max-message-length</c>, the app settings as environment, then the
/// handshake over <see cref="RpcServer"/>: StartStream → WorkerInitRequest → FunctionsMetadataRequest (else the
/// generated functions.metadata) → one FunctionLoadRequest per function. A worker that exits is started again, with a
/// new handshake, by <see cref="EnsureRunningAsync"/> (the host restarts a dead worker too).
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    /// <summary>The host version announced to the worker (a Functions 4.x host).</summary>
    public const string HostVersion = "4.1040.0";

    private const int TailLines = 40;

    private readonly string _appDirectory;
    private readonly string _workerDll;
    private readonly RpcServer _rpc;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly LocalHostOptions _options;
    private readonly string _home;
    private readonly Queue<string> _outputTail = new();
    private readonly ConcurrentDictionary<string, string> _inFlight = new(StringComparer.Ordinal);
    private readonly WorkerLogRelay _relay;
    private readonly SemaphoreSlim _restart = new(1, 1);
    private Process? _process;
    private WorkerChannel? _channel;
    private Dictionary<string, string> _functionIds = new(StringComparer.Ordinal);

    public WorkerProcess(string appDirectory, RpcServer rpc, IReadOnlyDictionary<string, string> settings, LocalHostOptions options)
    {
        _appDirectory = Path.GetFullPath(appDirectory);
        _workerDll = LocateWorker(_appDirectory);
        _rpc = rpc;
        _settings = settings;
        _options = options;
        _relay = new WorkerLogRelay(options.Log, id => _inFlight.TryGetValue(id, out var name) ? name : null);
        // ASP.NET Core keeps DataProtection keys under HOME; the worker gets a folder of its own, not the user's.
        _home = Directory.CreateTempSubdirectory("bankflow-worker-home-").FullName;
    }

    /// <summary>The functions the worker reported at the last handshake.</summary>
    public IReadOnlyList<FunctionDefinition> Functions { get; private set; } = [];

    /// <summary>The worker's own HTTP listener (ASP.NET Core integration), from its <c>HttpUri</c> capability.</summary>
    public Uri? HttpUri { get; private set; }

    /// <summary>Capabilities the worker announced at the last handshake.</summary>
    public IReadOnlyDictionary<string, string> Capabilities { get; private set; } = new Dictionary<string, string>();

    /// <summary>Where the last handshake's metadata came from: "worker" or "functions.metadata".</summary>
    public string MetadataSource { get; private set; } = "";

    /// <summary>Time from process start to every function loaded, at the last (re)start.</summary>
    public TimeSpan LastStartDuration { get; private set; }

    public int Starts { get; private set; }

    /// <summary>The exit code of the last worker process that ended (0 after a clean <c>WorkerTerminate</c>).</summary>
    public int? LastExitCode { get; private set; }

    public bool IsRunning => _process is { HasExited: false } && _channel is { IsOpen: true };

    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    internal WorkerChannel Channel => _channel ?? throw new InvalidOperationException("the worker has not been started");

    /// <summary>The function id the running worker loaded <paramref name="functionName"/> under, or null when it did not.</summary>
    public string? FunctionIdOf(string functionName) => _functionIds.GetValueOrDefault(functionName);

    internal void TrackInvocation(string invocationId, string functionName) => _inFlight[invocationId] = functionName;

    /// <summary>
    /// Drops the invocation's name once its response is in. One that timed out or was abandoned stays (its late log
    /// lines still name the function); the map is emptied when it grows past a bound.
    /// </summary>
    internal void ForgetInvocation(string invocationId, bool answered)
    {
        if (answered)
        {
            _inFlight.TryRemove(invocationId, out _);
        }
        else if (_inFlight.Count > 10_000)
        {
            _inFlight.Clear();
        }
    }

    /// <summary>The dll named by <c>worker.config.json</c>'s <c>description.defaultWorkerPath</c>.</summary>
    public static string LocateWorker(string appDirectory)
    {
        var config = Path.Combine(appDirectory, "worker.config.json");
        if (!File.Exists(config))
        {
            throw new WorkerStartException($"{config} is missing: build the isolated-worker app first (the Worker SDK generates it)");
        }
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(config));
            var path = doc.RootElement.GetProperty("description").GetProperty("defaultWorkerPath").GetString();
            if (string.IsNullOrEmpty(path))
            {
                throw new WorkerStartException($"{config}: description.defaultWorkerPath is empty");
            }
            var dll = Path.Combine(appDirectory, path);
            return File.Exists(dll) ? dll : throw new WorkerStartException($"{config} names {path}, which is not in {appDirectory}");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new WorkerStartException($"{config}: {ex.Message}");
        }
    }

    /// <summary>
    /// Starts the process and completes the handshake within <see cref="LocalHostOptions.WorkerStartTimeout"/>;
    /// otherwise kills it and throws <see cref="WorkerStartException"/> saying how far it got, with its last output.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var workerId = Guid.NewGuid().ToString();
        var channel = new WorkerChannel(workerId, _relay.Relay);
        _rpc.Registry.Expect(channel);
        lock (_outputTail)
        {
            _outputTail.Clear();
        }
        var process = Launch(workerId, channel);
        _process = process;
        _channel = channel;
        Starts++;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.WorkerStartTimeout);
        var stage = "connect";
        var pid = process.Id;
        try
        {
            var exited = process.WaitForExitAsync(deadline.Token);
            var first = await Task.WhenAny(channel.Connected, exited).ConfigureAwait(false);
            if (first != channel.Connected)
            {
                await first.ConfigureAwait(false); // surfaces the cancellation (timeout) if that was it
                throw new WorkerStartException($"the worker exited with code {process.ExitCode} before connecting to {_rpc.Address}{Tail()}", pid);
            }
            stage = "initialise";
            await HandshakeAsync(channel, deadline.Token).ConfigureAwait(false);
            stage = "listen";
            await WaitForHttpListenerAsync(deadline.Token).ConfigureAwait(false);
            LastStartDuration = watch.Elapsed;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await KillAsync().ConfigureAwait(false);
            throw new WorkerStartException(stage == "connect"
                ? $"the worker ({Path.GetFileName(_workerDll)}) did not connect to {_rpc.Address} within {_options.WorkerStartTimeout.TotalSeconds:0} s{Tail()}"
                : stage == "initialise"
                    ? $"the worker connected but did not finish the handshake within {_options.WorkerStartTimeout.TotalSeconds:0} s{Tail()}"
                    : $"the worker loaded its functions but its HTTP listener ({HttpUri}) did not accept within {_options.WorkerStartTimeout.TotalSeconds:0} s{Tail()}", pid);
        }
        catch (WorkerGoneException ex)
        {
            await KillAsync().ConfigureAwait(false);
            throw new WorkerStartException($"the worker went away during the handshake: {ex.Message}{Tail()}", pid);
        }
        catch
        {
            await KillAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _rpc.Registry.Forget(workerId);
        }
    }

    private Process Launch(string workerId, WorkerChannel channel)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _appDirectory,
        };
        info.ArgumentList.Add(_workerDll);
        foreach (var (name, value) in new[]
                 {
                     ("--functions-uri", _rpc.Address.ToString()),
                     ("--functions-worker-id", workerId),
                     ("--functions-request-id", Guid.NewGuid().ToString()),
                     // Required: without it the worker's limit is 0 and its first message fails (ResourceExhausted).
                     ("--functions-grpc-max-message-length", int.MaxValue.ToString(CultureInfo.InvariantCulture)),
                 })
        {
            info.ArgumentList.Add(name);
            info.ArgumentList.Add(value);
        }
        // Inherited URLs would make the worker's own HTTP listener collide with whatever set them.
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        info.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        // Required: without them every function fails to load.
        info.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = _appDirectory;
        info.Environment["FUNCTIONS_WORKER_DIRECTORY"] = _appDirectory;
        info.Environment["HOME"] = _home;
        foreach (var (key, value) in _settings)
        {
            info.Environment[key] = value;
        }
        // The worker ends when LocalHost does, even by kill -9 (ParentWatch: its stdin is a pipe only we hold).
        if (!ParentWatch.WatchDotnet(info) && Starts == 0)
        {
            _options.Log($"worker: {ParentWatch.HookPath ?? "Bankflow.ParentWatch.dll"} is missing; the worker would outlive a killed LocalHost");
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Remember(e.Data, stderr: false);
        process.ErrorDataReceived += (_, e) => Remember(e.Data, stderr: true);
        process.Exited += (_, _) => channel.Close($"the worker exited with code {ExitCode(process)}");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// The worker also writes its logs to the console; those arrive as RpcLog too, so stdout is only kept for start-up
    /// failure reports. Stderr (unhandled exceptions, runtime errors) is relayed as it comes.
    /// </summary>
    private void Remember(string? line, bool stderr)
    {
        if (line is null)
        {
            return;
        }
        lock (_outputTail)
        {
            _outputTail.Enqueue(line);
            while (_outputTail.Count > TailLines)
            {
                _outputTail.Dequeue();
            }
        }
        if (stderr)
        {
            _options.Log("worker (stderr): " + line);
        }
    }

    private string Tail()
    {
        lock (_outputTail)
        {
            return _outputTail.Count == 0 ? "" : Environment.NewLine + "  last output:" + Environment.NewLine + "    " + string.Join(Environment.NewLine + "    ", _outputTail);
        }
    }

    private async Task HandshakeAsync(WorkerChannel channel, CancellationToken cancellationToken)
    {
        var init = await channel.InitAsync(new WorkerInitRequest
        {
            HostVersion = HostVersion,
            WorkerDirectory = _appDirectory,
            FunctionAppDirectory = _appDirectory,
        }, cancellationToken).ConfigureAwait(false);
        if (init.Result is not { Status: StatusResult.Types.Status.Success })
        {
            throw new WorkerStartException($"the worker refused WorkerInitRequest: {Describe(init.Result)}");
        }
        Capabilities = new Dictionary<string, string>(init.Capabilities, StringComparer.Ordinal);
        HttpUri = init.Capabilities.TryGetValue("HttpUri", out var httpUri) && Uri.TryCreate(httpUri, UriKind.Absolute, out var uri) ? uri : null;

        var metadata = await ReadMetadataAsync(channel, cancellationToken).ConfigureAwait(false);
        var definitions = metadata.Select(m => FunctionDefinition.FromRawBindings(m.Name, m.RawBindings, MetadataSource)).ToList();

        var loads = metadata.Select(m => channel.LoadAsync(new FunctionLoadRequest { FunctionId = m.FunctionId, Metadata = m }, cancellationToken)).ToList();
        var results = await Task.WhenAll(loads).ConfigureAwait(false);
        var failed = results.Zip(metadata).Where(r => r.First.Result is not { Status: StatusResult.Types.Status.Success }).ToList();
        if (failed.Count > 0)
        {
            throw new WorkerStartException("the worker could not load " + string.Join("; ", failed.Select(f => $"{f.Second.Name}: {Describe(f.First.Result)}")));
        }
        _functionIds = metadata.ToDictionary(m => m.Name, m => m.FunctionId, StringComparer.Ordinal);
        Functions = definitions;
        if (Capabilities.ContainsKey("WorkerStatus"))
        {
            // The host's health probe, once: proves the stream carries requests and answers both ways before any invocation.
            await channel.StatusAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends <c>WorkerStatusRequest</c> and returns how long the answer took (the host's periodic health probe).</summary>
    public async Task<TimeSpan> CheckStatusAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await Channel.StatusAsync(cancellationToken).ConfigureAwait(false);
        return watch.Elapsed;
    }

    /// <summary>
    /// In ASP.NET Core mode the worker's listener accepts about 0.1 s after the loads are answered; the start is done
    /// when it does, so the first HTTP call does not race it (and a stop right after start finds a worker that has
    /// finished starting: one told to terminate while Kestrel still binds exits with an unhandled exception).
    /// </summary>
    private async Task WaitForHttpListenerAsync(CancellationToken cancellationToken)
    {
        if (HttpUri is null)
        {
            return;
        }
        while (true)
        {
            using var probe = new System.Net.Sockets.TcpClient();
            try
            {
                await probe.ConnectAsync(HttpUri.Host, HttpUri.Port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<IReadOnlyList<RpcFunctionMetadata>> ReadMetadataAsync(WorkerChannel channel, CancellationToken cancellationToken)
    {
        if (!_options.UseMetadataFile)
        {
            var answer = await channel.MetadataAsync(new FunctionsMetadataRequest { FunctionAppDirectory = _appDirectory }, cancellationToken).ConfigureAwait(false);
            if (answer.Result is { Status: StatusResult.Types.Status.Success } && !answer.UseDefaultMetadataIndexing && answer.FunctionMetadataResults.Count > 0)
            {
                var broken = answer.FunctionMetadataResults.Where(m => m.Status is { Status: StatusResult.Types.Status.Failure }).ToList();
                if (broken.Count > 0)
                {
                    throw new WorkerStartException("the worker could not index " + string.Join("; ", broken.Select(m => $"{m.Name}: {Describe(m.Status)}")));
                }
                MetadataSource = "worker";
                return answer.FunctionMetadataResults;
            }
            if (Starts == 1)
            {
                _options.Log($"worker: no usable metadata answer ({Describe(answer.Result)}); reading {FunctionMetadataFile.FileName}");
            }
        }
        MetadataSource = FunctionMetadataFile.FileName;
        return FunctionMetadataFile.Read(_appDirectory);
    }

    private static string Describe(StatusResult? result) =>
        result is null ? "no result"
        : result.Exception is { Message.Length: > 0 } ex ? $"{result.Status}: {ex.Message}"
        : $"{result.Status}{(result.Result.Length > 0 ? ": " + result.Result : "")}";

    /// <summary>
    /// Restarts the worker when it has exited or its stream has closed (crash, kill), as the host does; the new
    /// process gets a new worker id and a full handshake.
    /// </summary>
    public async Task EnsureRunningAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            return;
        }
        await _restart.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsRunning)
            {
                return; // another caller restarted it meanwhile
            }
            var reason = _channel?.Closed.IsCompleted == true ? _channel.Closed.Result : "not started";
            _options.Log($"worker is not running ({reason}); restarting");
            await KillAsync().ConfigureAwait(false);
            await StartAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _restart.Release();
        }
    }

    /// <summary>Kills the worker at once (tests use it to simulate a crash).</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        _channel?.Close("the worker was killed");
    }

    private async Task KillAsync()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _channel?.Close($"the worker was stopped (exit code {ExitCode(process)})");
        LastExitCode = process.HasExited ? process.ExitCode : null;
        process.Dispose();
        _process = null;
    }

    private static string ExitCode(Process process)
    {
        try
        {
            return process.ExitCode.ToString(CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "unknown";
        }
    }

    /// <summary>Asks the worker to stop (<c>WorkerTerminate</c>), gives it a moment, then kills whatever is left.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process && _channel is { IsOpen: true } channel)
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                channel.Terminate(TimeSpan.FromSeconds(2));
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or IOException)
            {
                // Did not exit by itself (or the stream was gone already): killed below.
            }
        }
        await KillAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
