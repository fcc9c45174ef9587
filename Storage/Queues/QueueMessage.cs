namespace Bankflow.Storage.Queues;

/// <summary>
/// A received message, invisible to others until <see cref="NextVisibleOn"/>. Delete it with
/// <see cref="MessageId"/> and <see cref="PopReceipt"/> once handled; <see cref="DequeueCount"/> counts receives.
/// </summary>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    string MessageText,
    long DequeueCount,
    DateTimeOffset InsertionTime,
    DateTimeOffset ExpirationTime,
    DateTimeOffset NextVisibleOn);
