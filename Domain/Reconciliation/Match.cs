using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation;

/// <summary>
/// How one bank movement was settled: the rule that decided it, the open items it paid and with how much,
/// and a sentence a person understands (<see cref="Explanation"/>).
/// </summary>
/// <param name="Amount">The movement's amount (signed).</param>
/// <param name="Allocations">Customer payments: one per open item paid; empty for own payments and fees.</param>
public sealed record Match(string EntryId, MatchRule Rule, Money Amount, IReadOnlyList<Allocation> Allocations)
{
    /// <summary>
    /// What identified the match, as found on the movement: the KID, the reference as written ("Faktura 10045"),
    /// the payer ("account 1234.56.78903" or the name), the end-to-end id or the transaction code.
    /// </summary>
    public string Evidence { get; init; } = "";

    /// <summary>Paid beyond what was open: kept as unapplied credit on the customer of the (first) allocation.</summary>
    public Money Unapplied { get; init; }

    /// <summary>The client's own payment an <see cref="MatchRule.OwnPayment"/> match is.</summary>
    public OwnPayment? OwnPayment { get; init; }

    /// <summary>The customer the unapplied credit belongs to.</summary>
    public string? UnappliedCustomerId => Unapplied != Money.Zero && Allocations.Count > 0 ? Allocations[0].Item.CustomerId : null;

    /// <summary>
    /// The sentence, e.g. "KID 0012345678 is invoice 10045 (Fjord AS); paid in full". Written from the facts on
    /// demand: a million matches need no million sentences until someone reads them.
    /// </summary>
    public string Explanation => MatchExplanation.Of(this);
}
