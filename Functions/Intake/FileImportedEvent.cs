using Bankflow.Functions.Events;

namespace Bankflow.Functions.Intake;

/// <summary>
/// Sent on the bank-events topic when a file's import is decided. The Service Bus output binding of a
/// custom handler cannot set MessageId, so consumers dedupe by <see cref="EventId"/> in the body.
/// Property names avoid Id/MessageId/DeliveryCount, which the host would let shadow real metadata.
/// </summary>
public sealed record FileImportedEvent(
    string EventId,
    string EventType,
    string ClientId,
    string ImportId,
    string Status,
    string? Format,
    int EntryCount,
    DateTimeOffset OccurredAt) : IBankEvent
{
    public const string Imported = "FileImported";
    public const string Quarantined = "FileQuarantined";

    /// <summary>Explicit: the CloudEvent's subject, not a field of the data consumers read.</summary>
    string IBankEvent.Subject => "imports/" + ImportId;
}
