using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Bankflow.LocalHost.Hosting;

/// <summary>How the local Functions host stand-in runs.</summary>
public sealed class LocalHostOptions
{
    /// <summary>The isolated-worker app's build output: worker.config.json, the worker dll, functions.metadata, host.json.</summary>
    public required string HandlerDirectory { get; init; }

    /// <summary>Storage for triggers, outputs and the worker's <c>AzureWebJobsStorage</c> (an Azurite connection string locally).</summary>
    public required string StorageConnectionString { get; init; }

    /// <summary>The key HTTP functions with authLevel "function"/"admin" require (x-functions-key or ?code=).</summary>
    public required string FunctionKey { get; init; }

    /// <summary>The worker's app settings, passed as environment variables as the host does.</summary>
    public IReadOnlyDictionary<string, string> HandlerSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>The HTTP front's request body limit (the Functions host's 100 MB): 413 problem+json above it, declared or chunked.</summary>
    public long MaxRequestBodyBytes { get; init; } = HostRules.MaxRequestBodyBytes;

    /// <summary>The HTTP front's minimum request body data rate (408 problem+json below it after the grace); null turns it off.</summary>
    public MinDataRate? MinRequestBodyDataRate { get; init; } = HostRules.MinRequestBodyDataRate;

    /// <summary>Port of the HTTP front; 0 picks a free one.</summary>
    public int HttpPort { get; init; }

    /// <summary>How often blob containers and queues are polled.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Attempts before a blob or message is poisoned (host default 5).</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>First retry delay; doubles per attempt.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Per-invocation timeout (host.json functionTimeout 10 min + the host's 1 minute grace).</summary>
    public TimeSpan InvocationTimeout { get; init; } = TimeSpan.FromMinutes(11);

    /// <summary>From starting the worker process to every function loaded; past it LocalHost gives up and says why.</summary>
    public TimeSpan WorkerStartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Queues the app writes itself and nothing in it consumes (locally standing in for a Service Bus topic's
    /// subscribers): each pump takes their messages off and records them in <see cref="InvocationLog.Outputs"/>.
    /// </summary>
    public IReadOnlyList<string> ObservedQueues { get; init; } = ["bank-events"];

    /// <summary>Read functions.metadata instead of asking the worker (tests of the host's fallback).</summary>
    internal bool UseMetadataFile { get; init; }

    /// <summary>Where invocation and worker log lines go.</summary>
    public Action<string> Log { get; init; } = Console.WriteLine;
}
