using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation;

/// <summary>How close a candidate came; a stronger one is shown first.</summary>
public enum CandidateStrength
{
    /// <summary>Only the amount agrees; nothing ties the payer to the customer.</summary>
    AmountOnly = 1,

    /// <summary>The payer is a known customer, but the amount is not what is open.</summary>
    CustomerOnly = 2,

    /// <summary>Two or more equally good answers exist: this is one of them.</summary>
    Ambiguous = 3,

    /// <summary>The payment names this item (KID or reference), but something does not agree.</summary>
    NamedButDiffers = 4,
}

/// <summary>An open item (or a set of them) an unmatched movement might be, and why that is not certain.</summary>
/// <param name="Open">What is open on the items together.</param>
public sealed record Candidate(IReadOnlyList<OpenItem> Items, Money Open, CandidateStrength Strength, string WhyNotCertain);
