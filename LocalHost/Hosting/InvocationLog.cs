using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Bankflow.LocalHost.Hosting;

/// <summary>One finished invocation, for the console log and the run report.</summary>
public sealed record InvocationRecord(string Function, string Trigger, bool Succeeded, TimeSpan Duration, int Attempt, string? Failure, DateTimeOffset At);

/// <summary>
/// A message the app sent: through a queue output binding (<see cref="Function"/> and <see cref="Binding"/> set), or
/// written by the app itself to an observed queue such as <c>bank-events</c> (both empty). For a CloudEvents 1.0
/// message <see cref="Body"/> is the event's <c>data</c> and <see cref="Envelope"/> the whole event.
/// </summary>
public sealed record OutputMessage(string Function, string Binding, string Destination, JsonNode? Body)
{
    public JsonNode? Envelope { get; init; }
}

/// <summary>What the local host did: invocations and output messages, in order. Thread-safe.</summary>
public sealed class InvocationLog
{
    private readonly ConcurrentQueue<InvocationRecord> _invocations = new();
    private readonly ConcurrentQueue<OutputMessage> _outputs = new();

    public IReadOnlyCollection<InvocationRecord> Invocations => _invocations;

    public IReadOnlyCollection<OutputMessage> Outputs => _outputs;

    public void Add(InvocationRecord record) => _invocations.Enqueue(record);

    public void Add(OutputMessage message) => _outputs.Enqueue(message);
}
