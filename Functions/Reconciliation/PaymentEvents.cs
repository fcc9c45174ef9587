using Bankflow.Domain.Reconciliation;
using Bankflow.Functions.Events;

namespace Bankflow.Functions.Reconciliation;

/// <summary>An open item a matched payment settled, in a PaymentMatched event (amounts in øre).</summary>
public sealed record PaymentAllocationData(string InvoiceId, string CustomerId, long Amount, long RemainingAfter);

/// <summary>
/// On bank-events when the engine matched a bank entry: which open items it settled, by which rule, and why (one sentence).
/// The event id is <c>{clientId}:matched:{matchId}</c>: one per decision, the same on every re-send. Amounts in øre.
/// </summary>
public sealed record PaymentMatchedEvent(
    string EventId,
    string EventType,
    string ClientId,
    string MatchId,
    string EntryId,
    string Account,
    DateOnly BookingDate,
    long Amount,
    string Currency,
    string Rule,
    string Explanation,
    IReadOnlyList<PaymentAllocationData> Allocations,
    long Unapplied,
    DateTimeOffset OccurredAt) : IBankEvent
{
    public const string Type = "PaymentMatched";

    string IBankEvent.Subject => "entries/" + MatchId;

    public static PaymentMatchedEvent From(MatchDecision d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new PaymentMatchedEvent(d.EventId, Type, d.Client.Value, d.MatchId, d.EntryId, d.Account, d.BookingDate, d.Amount.Ore, d.Currency,
            d.Rule.WireName(), d.Explanation, [.. d.Allocations.Select(a => new PaymentAllocationData(a.InvoiceId, a.CustomerId, a.Amount.Ore, a.RemainingAfter.Ore))],
            d.Unapplied.Ore, d.DecidedAt);
    }
}

/// <summary>
/// On bank-events when a bank entry needs a person: the engine found no certain match (with up to three candidates and
/// why none is certain), or a person rejected the engine's match (<see cref="RejectedByPerson"/>). The event id is
/// <c>{clientId}:unmatched:{matchId}</c>, or <c>{clientId}:rejected:{matchId}</c> after a rejection. Amounts in øre.
/// </summary>
public sealed record PaymentUnmatchedEvent(
    string EventId,
    string EventType,
    string ClientId,
    string MatchId,
    string EntryId,
    string Account,
    DateOnly BookingDate,
    long Amount,
    string Currency,
    string Reason,
    bool RejectedByPerson,
    IReadOnlyList<StoredCandidate> Candidates,
    DateTimeOffset OccurredAt) : IBankEvent
{
    public const string Type = "PaymentUnmatched";

    string IBankEvent.Subject => "entries/" + MatchId;

    public static PaymentUnmatchedEvent From(EntryOutcomeRecord o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new PaymentUnmatchedEvent(o.EventId, Type, o.Client.Value, o.MatchId, o.EntryId, o.Account, o.BookingDate, o.Amount.Ore, o.Currency,
            o.Reason, o.RejectedByPerson, o.Candidates, o.UpdatedAt);
    }
}
