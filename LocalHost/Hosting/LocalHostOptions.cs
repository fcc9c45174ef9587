namespace Bankflow.LocalHost.Hosting;

/// <summary>How the local Functions host stand-in runs.</summary>
public sealed class LocalHostOptions
{
    /// <summary>The handler's build output: holds Bankflow.Functions.dll, host.json and the function folders.</summary>
    public required string HandlerDirectory { get; init; }

    /// <summary>Storage for triggers, outputs and the handler (an Azurite connection string locally).</summary>
    public required string StorageConnectionString { get; init; }

    /// <summary>The key HTTP functions with authLevel "function" require (x-functions-key or ?code=).</summary>
    public required string FunctionKey { get; init; }

    /// <summary>Extra environment for the handler (its app settings).</summary>
    public IReadOnlyDictionary<string, string> HandlerSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Port of the HTTP front; 0 picks a free one.</summary>
    public int HttpPort { get; init; }

    /// <summary>How often blob containers and queues are polled.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Attempts before a blob or message is poisoned (host default 5).</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>First retry delay; doubles per attempt.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Per-invocation timeout (host.json functionTimeout + 1 minute, as the host's HttpClient has).</summary>
    public TimeSpan InvocationTimeout { get; init; } = TimeSpan.FromMinutes(11);

    /// <summary>Where invocation log lines go.</summary>
    public Action<string> Log { get; init; } = Console.WriteLine;
}
