using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Bankflow.LocalHost.Hosting;

/// <summary>One finished invocation, for the console log and the run report.</summary>
public sealed record InvocationRecord(string Function, string Trigger, bool Succeeded, TimeSpan Duration, int Attempt, string? Failure, DateTimeOffset At);

/// <summary>A message the handler sent to an output binding (Service Bus topic or queue).</summary>
public sealed record OutputMessage(string Function, string Binding, string Destination, JsonNode? Body)
{
    /// <summary>
    /// The event itself: messages on bank-events are CloudEvents 1.0 envelopes whose <c>data</c> is Bankflow's event
    /// (eventId, eventType, clientId, …); any other message is its own body.
    /// </summary>
    public JsonNode? Event => Body is JsonObject envelope && envelope["specversion"] is not null ? envelope["data"] : Body;
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
