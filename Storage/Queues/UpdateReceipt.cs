namespace Bankflow.Storage.Queues;

/// <summary>What Update Message answers: the pop receipt to use from now on and when the message becomes visible.</summary>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);
