namespace Bankflow.Functions.Events;

/// <summary>
/// An event on the <c>bank-events</c> topic: what the CloudEvents envelope needs of it. The event object itself is the
/// envelope's <c>data</c>, serialised by its own type (camelCase), so each event keeps exactly the fields it declares.
/// </summary>
public interface IBankEvent
{
    /// <summary>Stable across re-runs: the CloudEvent id and the Service Bus MessageId (duplicate detection).</summary>
    string EventId { get; }

    /// <summary>FileImported, PaymentMatched, …: the CloudEvent type is <c>no.bankflow.{EventType}</c>.</summary>
    string EventType { get; }

    string ClientId { get; }

    /// <summary>What the event is about below the client, e.g. <c>imports/{importId}</c> or <c>entries/{matchId}</c>.</summary>
    string Subject { get; }

    DateTimeOffset OccurredAt { get; }
}
