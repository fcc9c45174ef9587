namespace Bankflow.LocalHost.Hosting;

/// <summary>The worker could not be started, did not connect in time, or refused the handshake; the message says which.</summary>
public sealed class WorkerStartException(string message, int? processId = null) : Exception(message)
{
    /// <summary>The worker process that was started (and has been killed), when there was one.</summary>
    public int? ProcessId { get; } = processId;
}
