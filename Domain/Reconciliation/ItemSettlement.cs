using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation;

public enum ItemStatus
{
    Open,
    Partial,
    Paid,

    /// <summary>Paid, and a payment on it brought more: the surplus is unapplied credit on the customer.</summary>
    Overpaid,
}

/// <summary>One payment's part in an open item.</summary>
public sealed record ItemPayment(string EntryId, Money Amount, Match Match);

/// <summary>Where an open item stands after reconciliation.</summary>
/// <param name="Settled">Applied by all matches, earlier ones included.</param>
public sealed record ItemSettlement(OpenItem Item, Money Settled, Money Remaining, ItemStatus Status, IReadOnlyList<ItemPayment> Payments);
