using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Bankflow.LocalHost.Azurite;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// The Functions host stand-in: reads the function.json files from the handler's folder, starts the
/// handler, and drives it — blob triggers by polling, queue/Service Bus triggers from Azurite queues,
/// timers by NCRONTAB, HTTP through <see cref="HttpFront"/> — with the host's exact payloads.
/// </summary>
public sealed class LocalFunctionsHost : IAsyncDisposable
{
    private readonly LocalHostOptions _options;
    private readonly List<BlobTriggerDriver> _blobDrivers = [];
    private readonly List<QueueTriggerDriver> _queueDrivers = [];
    private readonly List<TimerDriver> _timerDrivers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private HttpClient? _handlerHttp;

    private LocalFunctionsHost(LocalHostOptions options, IReadOnlyList<FunctionDefinition> functions, HandlerProcess handler)
    {
        _options = options;
        Functions = functions;
        Handler = handler;
    }

    public IReadOnlyList<FunctionDefinition> Functions { get; }

    public HandlerProcess Handler { get; }

    public HttpFront? Http { get; private set; }

    public InvocationLog Log { get; } = new();

    public IReadOnlyList<TimerDriver> Timers => _timerDrivers;

    public static async Task<LocalFunctionsHost> StartAsync(LocalHostOptions options, CancellationToken cancellationToken)
    {
        var functions = FunctionDefinition.LoadAll(options.HandlerDirectory);
        if (functions.Count == 0)
        {
            throw new InvalidOperationException($"no function.json files under {options.HandlerDirectory}: build the Functions project first");
        }
        var blobs = StorageClients.Blobs(options.StorageConnectionString);
        var queues = StorageClients.Queues(options.StorageConnectionString);

        var environment = new Dictionary<string, string>(options.HandlerSettings)
        {
            ["AzureWebJobsStorage"] = options.StorageConnectionString,
        };
        var handler = new HandlerProcess(Path.Combine(options.HandlerDirectory, "Bankflow.Functions.dll"), AzuriteProcess.FreePort(), environment, options.Log);
        var host = new LocalFunctionsHost(options, functions, handler);
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
        await blobs.GetBlobContainerClient(BlobTriggerDriver.ReceiptContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await queues.GetQueueClient(BlobTriggerDriver.PoisonQueue).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

        await Handler.StartAsync(cancellationToken).ConfigureAwait(false);
        _handlerHttp = new HttpClient { BaseAddress = Handler.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var router = new OutputRouter(queues, Functions, Log);
        var invoker = new LocalInvoker(Handler, new HandlerClient(_handlerHttp), router, Log, _options);

        foreach (var function in Functions)
        {
            foreach (var output in function.Outputs)
            {
                foreach (var queue in router.DestinationsOf(output))
                {
                    await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }
            switch (function.Trigger.Type.ToLowerInvariant())
            {
                case "blobtrigger":
                    var blobDriver = new BlobTriggerDriver(function, blobs, queues, invoker, _options);
                    await blobs.GetBlobContainerClient(blobDriver.Container).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                    _blobDrivers.Add(blobDriver);
                    break;
                case "queuetrigger":
                case "servicebustrigger":
                    var queueDriver = new QueueTriggerDriver(function, queues, invoker, _options);
                    await queues.GetQueueClient(queueDriver.QueueName).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                    await queues.GetQueueClient(queueDriver.QueueName + "-poison").CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                    _queueDrivers.Add(queueDriver);
                    break;
                case "timertrigger":
                    _timerDrivers.Add(new TimerDriver(function, invoker, TimeProvider.System));
                    break;
                case "httptrigger":
                    break;
                default:
                    _options.Log($"{function.Name}: trigger type {function.Trigger.Type} is not played locally; the function will not run");
                    break;
            }
        }
        Http = await HttpFront.StartAsync(Functions, Handler, invoker, _options, cancellationToken).ConfigureAwait(false);
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
        return handled;
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

    /// <summary>Starts polling and the timers in the background, until <see cref="DisposeAsync"/>.</summary>
    public void StartBackground()
    {
        var token = _stopping.Token;
        _loops.Add(Task.Run(async () =>
        {
            while (!token.IsCancellationRequested)
            {
                try
                {
                    await PumpOnceAsync(token).ConfigureAwait(false);
                    await Task.Delay(_options.PollInterval, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or IOException)
                {
                    _options.Log($"local host: polling failed ({ex.Message}); trying again");
                    await Task.Delay(_options.PollInterval, token).ConfigureAwait(false);
                }
            }
        }, token));
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

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        if (Http is not null)
        {
            await Http.DisposeAsync().ConfigureAwait(false);
        }
        await Handler.DisposeAsync().ConfigureAwait(false);
        _handlerHttp?.Dispose();
        _stopping.Dispose();
    }
}
