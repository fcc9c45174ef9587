using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Bankflow.LocalHost.Azurite;
using Bankflow.LocalHost.Hosting;
using Bankflow.Testing;

namespace Bankflow.LocalHost.Tests.Worker;

/// <summary>
/// A real Azurite and LocalHost driving the real isolated worker of tests/WorkerContract (one trivial function per
/// trigger kind), built by the solution before these tests run. Tests that break the worker start hosts of their own.
/// </summary>
public sealed class ContractStack : IAsyncLifetime
{
    public const string Collection = "WorkerContract";
    public const string FunctionKey = "contract-key-0123456789";

    public AzuriteProcess Azurite { get; private set; } = null!;
    public LocalFunctionsHost Host { get; private set; } = null!;
    public BlobServiceClient Blobs { get; private set; } = null!;
    public QueueServiceClient Queues { get; private set; } = null!;
    public HostLog Log { get; } = new();

    /// <summary>The contract app's build output for the configuration these tests were built in.</summary>
    public static string AppDirectory
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(RepositoryPaths.Root, "tests", "WorkerContract", "bin", configuration, "net10.0");
        }
    }

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteProcess.StartAsync(RepositoryPaths.Root);
        Blobs = StorageClients.Blobs(Azurite.ConnectionString);
        Queues = StorageClients.Queues(Azurite.ConnectionString);
        Host = await StartHostAsync(Log);
    }

    public Task<LocalFunctionsHost> StartHostAsync(HostLog log, IDictionary<string, string>? settings = null, Func<LocalHostOptions, LocalHostOptions>? adjust = null, string? storage = null)
    {
        var options = new LocalHostOptions
        {
            HandlerDirectory = AppDirectory,
            StorageConnectionString = storage ?? Azurite.ConnectionString,
            FunctionKey = FunctionKey,
            HandlerSettings = new Dictionary<string, string>(settings ?? new Dictionary<string, string>()),
            RetryDelay = TimeSpan.FromMilliseconds(20),
            PollInterval = TimeSpan.FromMilliseconds(50),
            ObservedQueues = [],
            Log = log.Add,
        };
        return LocalFunctionsHost.StartAsync(adjust?.Invoke(options) ?? options, CancellationToken.None);
    }

    public HttpClient Http(LocalFunctionsHost? host = null) => new() { BaseAddress = (host ?? Host).Http!.BaseAddress };

    /// <summary>Every message on a queue, taken off it (plain text, as host.json's messageEncoding none).</summary>
    public async Task<List<string>> DrainAsync(string queueName)
    {
        var queue = Queues.GetQueueClient(queueName);
        var texts = new List<string>();
        if (!(await queue.ExistsAsync()).Value)
        {
            return texts;
        }
        while (true)
        {
            QueueMessage[] batch = (await queue.ReceiveMessagesAsync(32)).Value;
            if (batch.Length == 0)
            {
                return texts;
            }
            foreach (var message in batch)
            {
                texts.Add(message.MessageText);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    /// <summary>Pumps until <paramref name="done"/> holds (retries wait for messages to become visible again).</summary>
    public static async Task PumpUntilAsync(LocalFunctionsHost host, Func<Task<bool>> done, TimeSpan timeout, HostLog? log = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not done within {timeout.TotalSeconds:0} s; host log:{Environment.NewLine}{log}");
            await host.PumpOnceAsync(CancellationToken.None);
            await Task.Delay(20);
        }
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }
}

/// <summary>LocalHost's log lines, thread-safe (the worker's RpcLog arrives on gRPC threads).</summary>
public sealed class HostLog
{
    private readonly List<string> _lines = [];

    public void Add(string line)
    {
        lock (_lines)
        {
            _lines.Add(line);
        }
    }

    public List<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public override string ToString() => string.Join(Environment.NewLine, Lines);
}

[CollectionDefinition(ContractStack.Collection)]
public sealed class ContractStackCollection : ICollectionFixture<ContractStack>;
