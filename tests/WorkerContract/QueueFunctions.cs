using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Bankflow.WorkerContract;

/// <summary>What <see cref="QueueFunctions.Relay"/> writes: two outputs, so they come back in output_data by name.</summary>
public sealed class RelayOutput
{
    [QueueOutput("contract-out")]
    public string[] Messages { get; init; } = [];

    [QueueOutput("contract-audit")]
    public string? Audit { get; init; }
}

/// <summary>
/// Queue trigger with queue outputs. The text "crash" kills the worker mid-invocation once (the file named by
/// CONTRACT_CRASH_ONCE_FILE marks it done), "fail" throws, "slow" waits a minute (or until cancelled), anything else
/// is relayed twice in upper case.
/// </summary>
public static partial class QueueFunctions
{
    [Function("QueueRelay")]
    public static async Task<RelayOutput> RelayAsync([QueueTrigger("contract-in", Connection = "AzureWebJobsStorage")] string text, string id, long dequeueCount, FunctionContext context)
    {
        var logger = context.GetLogger("Contract.Queue");
        if (text == "crash" && Environment.GetEnvironmentVariable("CONTRACT_CRASH_ONCE_FILE") is { Length: > 0 } once && !File.Exists(once))
        {
            File.WriteAllText(once, "crashed");
            Environment.Exit(3);
        }
        if (text == "slow")
        {
            await Task.Delay(TimeSpan.FromMinutes(1), context.CancellationToken).ConfigureAwait(false);
        }
        if (text == "fail")
        {
            throw new InvalidOperationException("told to fail");
        }
        LogRelayed(logger, text, dequeueCount);
        return new RelayOutput { Messages = [text.ToUpperInvariant(), text.ToUpperInvariant() + "!"], Audit = $"{id}:{dequeueCount}" };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "relayed '{Text}' on delivery {DequeueCount}")]
    private static partial void LogRelayed(ILogger logger, string text, long dequeueCount);
}
