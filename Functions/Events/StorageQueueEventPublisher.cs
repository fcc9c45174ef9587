using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Events;

/// <summary>
/// Local stand-in for the topic: the same CloudEvent JSON as the text of a message on the Storage queue named like
/// the topic (<see cref="StorageNames.BankEventsTopic"/>), where LocalHost's report and tests read (peek) it.
/// </summary>
public sealed class StorageQueueEventPublisher(BankflowStorage storage) : IEventPublisher
{
    public async Task PublishAsync(IBankEvent bankEvent, CancellationToken cancellationToken)
    {
        var text = BuildMessageText(bankEvent);
        await storage.Queues.GetQueueClient(StorageNames.BankEventsTopic).SendMessageAsync(text, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public static string BuildMessageText(IBankEvent bankEvent) => BankEventCloudEvent.ToJson(bankEvent).ToString();
}
