using System.Collections.Concurrent;
using Bankflow.Functions.Events;

namespace Bankflow.Functions.Tests.HostileInput;

/// <summary>
/// Keeps the events a corpus run publishes: hundreds of files must not fill the shared bank-events queue that other
/// tests of the Azurite collection read, and the run checks that each decided file was announced.
/// </summary>
internal sealed class RecordingEventPublisher : IEventPublisher
{
    public ConcurrentDictionary<string, IBankEvent> Events { get; } = new(StringComparer.Ordinal);

    public Task PublishAsync(IBankEvent bankEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bankEvent);
        Events[bankEvent.EventId] = bankEvent;
        return Task.CompletedTask;
    }
}
