using Bankflow.Domain.Collection;
using Bankflow.Functions.Events;

namespace Bankflow.Functions.Collection;

/// <summary>
/// On bank-events when an agency's settlement was booked: the case is settled, the posting proposal stored, and an open
/// item for the agency's net payment awaits the bank. Event id <c>{clientId}:collection-settled:{settlementId}</c>, the same
/// on every re-send. Amounts in øre.
/// </summary>
public sealed record CollectionSettledEvent(string EventId, string EventType, string ClientId, string AgencyId, string SettlementId, string InvoiceId, string? CaseNumber,
    DateOnly Date, long Principal, long Interest, long Commission, long Fees, long Net, string NetOpenItemId, DateTimeOffset OccurredAt) : IBankEvent
{
    public const string Type = "CollectionSettled";

    string IBankEvent.Subject => "collection/cases/" + InvoiceId;
}

/// <summary>
/// On bank-events when a case changed hands or state outside a settlement: approved, handed over, registered (case number),
/// an agency status, written off. Event id <c>{clientId}:collection:{invoiceId}:{status}</c>: one per state reached.
/// </summary>
public sealed record CollectionCaseChangedEvent(string EventId, string EventType, string ClientId, string InvoiceId, string Status, string? AgencyId, string? CaseNumber,
    DateTimeOffset OccurredAt) : IBankEvent
{
    public const string Type = "CollectionCaseChanged";

    public static CollectionCaseChangedEvent For(Bankflow.Domain.Values.ClientId client, CollectionCase c, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(c);
        return new($"{client.Value}:collection:{c.InvoiceId}:{c.Status.WireName()}", Type, client.Value, c.InvoiceId, c.Status.WireName(), c.AgencyId, c.CaseNumber, now);
    }

    string IBankEvent.Subject => "collection/cases/" + InvoiceId;
}
