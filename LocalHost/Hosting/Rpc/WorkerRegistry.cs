using System.Collections.Concurrent;

namespace Bankflow.LocalHost.Hosting.Rpc;

/// <summary>Workers LocalHost has started and is waiting for, by the worker id passed on their command line.</summary>
public sealed class WorkerRegistry
{
    private readonly ConcurrentDictionary<string, WorkerChannel> _expected = new(StringComparer.Ordinal);

    public void Expect(WorkerChannel channel) => _expected[channel.WorkerId] = channel;

    public void Forget(string workerId) => _expected.TryRemove(workerId, out _);

    /// <summary>Hands out a channel once: a second stream with the same id is refused.</summary>
    public bool TryClaim(string workerId, out WorkerChannel channel) => _expected.TryRemove(workerId, out channel!);
}
