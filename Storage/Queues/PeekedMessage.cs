namespace Bankflow.Storage.Queues;

/// <summary>A message seen without receiving it: no pop receipt, visibility and dequeue count unchanged.</summary>
public sealed record PeekedMessage(
    string MessageId,
    string MessageText,
    long DequeueCount,
    DateTimeOffset InsertionTime,
    DateTimeOffset ExpirationTime);
