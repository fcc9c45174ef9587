using Azure.Messaging.ServiceBus;

namespace Bankflow.Functions.Events;

/// <summary>
/// Publishes to the <c>bank-events</c> topic with the app's <see cref="ServiceBusSender"/> (managed identity).
/// MessageId is the event id, so the topic's duplicate detection drops the re-send of a re-run; Subject is the
/// event type, for subscription filters.
/// </summary>
public sealed class ServiceBusEventPublisher(ServiceBusSender sender) : IEventPublisher
{
    public Task PublishAsync(IBankEvent bankEvent, CancellationToken cancellationToken) =>
        sender.SendMessageAsync(BuildMessage(bankEvent), cancellationToken);

    public static ServiceBusMessage BuildMessage(IBankEvent bankEvent)
    {
        ArgumentNullException.ThrowIfNull(bankEvent);
        var message = new ServiceBusMessage(BankEventCloudEvent.ToJson(bankEvent))
        {
            MessageId = bankEvent.EventId,
            Subject = BankEventCloudEvent.Type(bankEvent),
            ContentType = BankEventCloudEvent.ContentType,
        };
        // For SQL filters on subscriptions (one consumer per client, say) without reading the body.
        message.ApplicationProperties["clientId"] = bankEvent.ClientId;
        return message;
    }
}
