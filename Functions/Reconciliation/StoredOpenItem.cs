using Bankflow.Domain.Reconciliation;
using Bankflow.Domain.Values;

namespace Bankflow.Functions.Reconciliation;

/// <summary>
/// An open item as stored: the ERP's invoice and where it stood after the last reconciliation run (an item uploaded since
/// is open until a run has looked at it).
/// </summary>
public sealed record StoredOpenItem(OpenItem Item, Money Settled, ItemStatus Status, DateTimeOffset UpdatedAt)
{
    public Money Remaining => Item.Amount - Settled;

    /// <summary>When a run last wrote the settlement; null before the first.</summary>
    public DateTimeOffset? ReconciledAt { get; init; }
}
