namespace Bankflow.Storage.Queues;

/// <summary>Get Queue Metadata: the approximate number of messages (x-ms-approximate-messages-count) and the queue's metadata.</summary>
public sealed record QueueProperties(int ApproximateMessagesCount, IReadOnlyDictionary<string, string> Metadata);
