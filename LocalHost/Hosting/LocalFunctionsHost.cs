using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Bankflow.LocalHost.Azurite;
using Bankflow.LocalHost.Hosting.Rpc;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// The Functions host stand-in for a .NET isolated worker: serves FunctionRpc over gRPC, starts the worker and loads
/// its functions (<see cref="WorkerProcess"/>), and drives them — blob triggers by polling, queue triggers from Azurite
/// queues, timers by NCRONTAB, HTTP through <see cref="HttpFront"/> — following <see cref="HostRules"/>.
/// </summary>
public sealed class LocalFunctionsHost : IAsyncDisposable
{
    private readonly LocalHostOptions _options;
    private readonly RpcServer _rpc;
    private readonly QueueServiceClient _queues;
    private readonly List<BlobTriggerDriver> _blobDrivers = [];
    private readonly List<QueueTriggerDriver> _queueDrivers = [];
    private readonly List<TimerDriver> _timerDrivers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private LocalInvoker? _invoker;

    private LocalFunctionsHost(LocalHostOptions options, RpcServer rpc, WorkerProcess worker, QueueServiceClient queues)
    {
        _options = options;
        _rpc = rpc;
        Worker = worker;
        _queues = queues;
    }

    /// <summary>The functions the worker reported at start-up.</summary>
    public IReadOnlyList<FunctionDefinition> Functions => Worker.Functions;

    public WorkerProcess Worker { get; }

    public HttpFront? Http { get; private set; }

    public InvocationLog Log { get; } = new();

    public IReadOnlyList<TimerDriver> Timers => _timerDrivers;

    /// <summary>The gRPC address workers connect to.</summary>
    public Uri RpcAddress => _rpc.Address;

    /// <summary>
    /// Starts the gRPC server and the worker, completes the handshake, and prepares every trigger. Throws
    /// <see cref="WorkerStartException"/> (within <see cref="LocalHostOptions.WorkerStartTimeout"/>) when the worker
    /// does not come up; nothing is left running then.
    /// </summary>
    public static async Task<LocalFunctionsHost> StartAsync(LocalHostOptions options, CancellationToken cancellationToken)
    {
        var blobs = StorageClients.Blobs(options.StorageConnectionString);
        var queues = StorageClients.Queues(options.StorageConnectionString);
        var settings = new Dictionary<string, string>(options.HandlerSettings)
        {
            ["AzureWebJobsStorage"] = options.StorageConnectionString,
        };
        var rpc = await RpcServer.StartAsync(cancellationToken).ConfigureAwait(false);
        WorkerProcess worker;
        try
        {
            worker = new WorkerProcess(options.HandlerDirectory, rpc, settings, options);
        }
        catch
        {
            await rpc.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var host = new LocalFunctionsHost(options, rpc, worker, queues);
        try
        {
            await host.StartCoreAsync(blobs, queues, cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartCoreAsync(BlobServiceClient blobs, QueueServiceClient queues, CancellationToken cancellationToken)
    {
        await blobs.GetBlobContainerClient(HostRules.ReceiptContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await queues.GetQueueClient(HostRules.BlobPoisonQueue).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var observed in _options.ObservedQueues)
        {
            await queues.GetQueueClient(observed).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await Worker.StartAsync(cancellationToken).ConfigureAwait(false);
        var router = new OutputRouter(queues, Log);
        _invoker = new LocalInvoker(Worker, router, Log, _options);

        foreach (var function in Functions)
        {
            foreach (var queue in OutputRouter.StaticDestinations(function))
            {
                await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            switch (function.Trigger.Type.ToLowerInvariant())
            {
                case "blobtrigger":
                    var blobDriver = new BlobTriggerDriver(function, blobs, queues, _invoker, _options);
                    await blobs.GetBlobContainerClient(blobDriver.Container).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                    _blobDrivers.Add(blobDriver);
                    break;
                case "queuetrigger":
                    var queueDriver = new QueueTriggerDriver(function, queues, _invoker, _options);
                    await queues.GetQueueClient(queueDriver.QueueName).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                    await queues.GetQueueClient(queueDriver.QueueName + HostRules.PoisonSuffix).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                    _queueDrivers.Add(queueDriver);
                    break;
                case "timertrigger":
                    _timerDrivers.Add(new TimerDriver(function, _invoker, TimeProvider.System, _options.Log));
                    break;
                case "httptrigger":
                    break;
                default:
                    _options.Log($"{function.Name}: trigger type {function.Trigger.Type} is not played locally; the function will not run");
                    break;
            }
        }
        Http = await HttpFront.StartAsync(Functions, Worker, _invoker, _options, cancellationToken).ConfigureAwait(false);
    }

    private LocalInvoker Invoker => _invoker ?? throw new InvalidOperationException("the host has not been started");

    /// <summary>
    /// Invokes a function by name with the given trigger data, outside any trigger's rules (no retries, outputs
    /// routed): the portal's "Test/Run". An unknown name or malformed data is a failed result with the reason.
    /// </summary>
    public Task<InvocationResult> InvokeAsync(string functionName, TriggerInput input, CancellationToken cancellationToken)
    {
        var function = Functions.FirstOrDefault(f => f.Name == functionName);
        return function is null
            ? Task.FromResult(InvocationResult.Failed($"no function named '{functionName}' (the worker has {string.Join(", ", Functions.Select(f => f.Name))})", TimeSpan.Zero))
            : Invoker.InvokeDetailedAsync(function, "manual", input, 1, routeOutputs: true, cancellationToken);
    }

    /// <summary>Fires a timer function now; with <paramref name="routeOutputs"/> false its outputs are returned, not delivered.</summary>
    public Task<InvocationResult> FireTimerAsync(string functionName, bool routeOutputs, CancellationToken cancellationToken)
    {
        var timer = _timerDrivers.FirstOrDefault(t => t.FunctionName == functionName)
                    ?? throw new ArgumentException($"no timer function named '{functionName}'", nameof(functionName));
        var now = DateTimeOffset.UtcNow;
        return timer.FireAsync(null, now.AddDays(1), isPastDue: false, routeOutputs, cancellationToken);
    }

    /// <summary>Polls every blob container and queue once; returns how many blobs and messages were handled.</summary>
    public async Task<int> PumpOnceAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        foreach (var driver in _blobDrivers)
        {
            handled += await driver.ScanAsync(cancellationToken).ConfigureAwait(false);
        }
        foreach (var driver in _queueDrivers)
        {
            handled += await driver.PollAsync(cancellationToken).ConfigureAwait(false);
        }
        foreach (var observed in _options.ObservedQueues)
        {
            handled += await DrainObservedAsync(observed, cancellationToken).ConfigureAwait(false);
        }
        return handled;
    }

    private async Task<int> DrainObservedAsync(string queueName, CancellationToken cancellationToken)
    {
        var queue = _queues.GetQueueClient(queueName);
        var messages = await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        foreach (var message in messages.Value)
        {
            JsonNode? body;
            try
            {
                body = JsonNode.Parse(message.MessageText);
            }
            catch (JsonException)
            {
                body = JsonValue.Create(message.MessageText);
            }
            Log.Add(new OutputMessage("", "", queueName, body));
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        return messages.Value.Length;
    }

    /// <summary>Pumps until a full pass finds nothing to do (or the timeout passes).</summary>
    public async Task PumpUntilIdleAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await PumpOnceAsync(cancellationToken).ConfigureAwait(false) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the local host was still busy after {timeout.TotalSeconds:0} s");
            }
        }
    }

    /// <summary>
    /// Starts polling and the timers in the background, until <see cref="DisposeAsync"/>. A failing pass (storage
    /// down: the SDK's retries exhausted, connection refused, timeouts — any exception) is logged and the loop waits
    /// and polls again, backing off to <see cref="MaxBackoff"/>, so triggers resume when storage returns.
    /// </summary>
    public void StartBackground()
    {
        var token = _stopping.Token;
        _loops.Add(Task.Run(() => PollLoopAsync(token), token));
        foreach (var timer in _timerDrivers)
        {
            _loops.Add(Task.Run(async () =>
            {
                try
                {
                    await timer.RunAsync(token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                }
            }, token));
        }
    }

    /// <summary>The longest wait between polls while storage keeps failing.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private async Task PollLoopAsync(CancellationToken token)
    {
        var failures = 0;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await PumpOnceAsync(token).ConfigureAwait(false);
                if (failures > 0)
                {
                    _options.Log($"local host: polling works again after {failures} failed pass(es)");
                    failures = 0;
                }
                await Task.Delay(_options.PollInterval, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var wait = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, _options.PollInterval.Ticks * (1L << Math.Min(failures, 10))));
                if (failures <= 3 || failures % 20 == 0)
                {
                    _options.Log($"local host: polling failed ({ex.GetType().Name}: {FirstLine(ex.Message)}); trying again in {wait.TotalSeconds:0.#} s");
                }
                try
                {
                    await Task.Delay(wait, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    /// <summary>
    /// Stops the loops, the HTTP front, the worker and the gRPC server — each whatever the one before it met (a loop that
    /// ended in a fault, storage gone), so a stop never leaves the worker running or ends in an unhandled exception.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await QuietlyAsync("the trigger loops", () => Task.WhenAll(_loops)).ConfigureAwait(false);
        if (Http is { } http)
        {
            await QuietlyAsync("the HTTP front", () => http.DisposeAsync().AsTask()).ConfigureAwait(false);
        }
        await QuietlyAsync("the worker", () => Worker.DisposeAsync().AsTask()).ConfigureAwait(false);
        await QuietlyAsync("the gRPC server", () => _rpc.DisposeAsync().AsTask()).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task QuietlyAsync(string what, Func<Task> stop)
    {
        try
        {
            await stop().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            _options.Log($"local host: stopping {what} met {ex.GetType().Name}: {FirstLine(ex.Message)}; stopping the rest");
        }
    }
}
