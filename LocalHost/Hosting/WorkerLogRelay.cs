using Bankflow.LocalHost.Hosting.Rpc.Messages;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// Relays the worker's <c>RpcLog</c> messages to LocalHost's log, as the host writes them to its own. Every worker
/// log line comes this way, ASP.NET Core's "Request starting…" chatter included, so lines are filtered: warnings and
/// errors always pass; Information passes unless the category is framework noise (Microsoft.*, System.*, Azure.*,
/// Grpc.*); Debug and Trace never do.
/// </summary>
public sealed class WorkerLogRelay(Action<string> log, Func<string, string?> functionOfInvocation)
{
    private static readonly string[] FrameworkPrefixes = ["Microsoft.", "System.", "Azure.", "Grpc.", "Host."];

    /// <summary>
    /// DataProtection warns at every start that its keys are unencrypted: LocalHost gives the worker a throwaway key
    /// folder on purpose (<see cref="WorkerProcess"/>), so that warning says nothing.
    /// </summary>
    private const string DataProtection = "Microsoft.AspNetCore.DataProtection.";

    public static bool ShouldRelay(RpcLog line)
    {
        if (line.Level is RpcLog.Types.Level.None or RpcLog.Types.Level.Trace or RpcLog.Types.Level.Debug
            || (line.Level == RpcLog.Types.Level.Warning && line.Category.StartsWith(DataProtection, StringComparison.Ordinal)))
        {
            return false;
        }
        if (line.Level >= RpcLog.Types.Level.Warning)
        {
            return true;
        }
        return line.LogCategory != RpcLog.Types.RpcLogCategory.CustomMetric
               && !FrameworkPrefixes.Any(p => line.Category.StartsWith(p, StringComparison.Ordinal));
    }

    public void Relay(RpcLog line)
    {
        if (!ShouldRelay(line))
        {
            return;
        }
        var source = (line.InvocationId.Length > 0 ? functionOfInvocation(line.InvocationId) : null) ?? "worker";
        var level = line.Level >= RpcLog.Types.Level.Warning ? $" [{line.Level}]" : "";
        var exception = line.Exception is { Message.Length: > 0 } ex ? $" ({ex.Type}: {ex.Message})" : "";
        log($"{source}:{level} {line.Message}{exception}");
    }
}
