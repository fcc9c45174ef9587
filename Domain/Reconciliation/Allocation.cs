using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation;

/// <summary>Part of a payment applied to one open item.</summary>
/// <param name="Amount">Applied to the item (negative when a credit note is offset); zero when the item was already settled.</param>
/// <param name="RemainingAfter">What stays open on the item after this allocation.</param>
public sealed record Allocation(OpenItem Item, Money Amount, Money RemainingAfter);
