namespace Bankflow.Functions.Events;

/// <summary>
/// Where bank events go (topic <c>bank-events</c>): Service Bus in Azure, an Azurite queue locally
/// (<see cref="EventsRegistration"/>). Publishing is at-least-once: callers publish after their commit marker, and a
/// re-run publishes the same event id again, which Service Bus duplicate detection drops and consumers can dedupe.
/// </summary>
public interface IEventPublisher
{
    Task PublishAsync(IBankEvent bankEvent, CancellationToken cancellationToken);
}
